using CamBuild.Common;
namespace CamBuild.Python;

/// <summary>
/// Any failure of the Python packaging core (bad version or requirement text, unresolvable leaves or
/// dependencies, malformed locks). The message is complete: it names the input, the problem and the fix.
/// Derives from <see cref="ArgumentException"/> because <see cref="InvalidDataException"/> is sealed.
/// </summary>
public class PythonPackagingException : InputException
{
    public PythonPackagingException(string message) : base(message) { }

    public PythonPackagingException(string message, Exception innerException) : base(message, innerException) { }
}

/// <summary>A leaf could not be resolved to an installable file on the index.</summary>
internal sealed class LeafResolutionException(string message) : PythonPackagingException(message);

/// <summary>The dependency resolver found no set of versions satisfying every requirement.</summary>
internal sealed class DependencyConflictException(string message) : PythonPackagingException(message);

namespace CamBuild.Common;

/// <summary>
/// Bad input met by the build: a configuration file, a lock, a candidate, a parameter, an index answer. The only
/// exception type that ends the build with exit code 2; its message names the file (line, column where known) and
/// the fix. A failing tool, a timeout or an unexpected exception is never an <see cref="InputException"/>: exit 1.
/// </summary>
public class InputException : Exception
{
    public InputException(string message) : base(message) { }

    public InputException(string message, Exception? inner) : base(message, inner) { }

    public InputException() : base("Bad input.") { }
}

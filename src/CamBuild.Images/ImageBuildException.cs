using CamBuild.Common;
namespace CamBuild.Images;

/// <summary>
/// A bake input or a bake step is wrong; the message names the file or step and the fix.
/// Derives from <see cref="ArgumentException"/> because <see cref="InvalidDataException"/> is sealed.
/// </summary>
public class ImageBuildException : InputException
{
    public ImageBuildException(string message) : base(message) { }

    public ImageBuildException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>A pinned .deb is no longer served by the mirror the lock names.</summary>
internal sealed class PinnedPackageUnavailableException : ImageBuildException
{
    public PinnedPackageUnavailableException(string message) : base(message) { }
}

/// <summary>A stored candidate's file no longer matches its recorded identity.</summary>
internal sealed class CandidateTamperedException : ImageBuildException
{
    public CandidateTamperedException(string message) : base(message) { }
}

using CamBuild.Common;
namespace CamBuild.Release;

/// <summary>A release store or qualification record file is unreadable or inconsistent; the message names the file, line and fix.</summary>
internal sealed class ReleaseDataException(string message, Exception? inner = null) : InputException(message, inner);

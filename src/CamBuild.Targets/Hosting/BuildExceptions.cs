using CamBuild.Common;

namespace CamBuild.Targets;

/// <summary>Usage or configuration error found before or while running: exit code 2, message only, no stack trace.</summary>
public class BuildUsageException(string message, Exception? inner = null) : InputException(message, inner);

/// <summary>
/// Bad input met by a target (a config file, a lock, a candidate): the target fails and the build exits with code 2.
/// The message names the file, the line and the fix.
/// </summary>
public class BuildInputException(string message, Exception? inner = null) : BuildUsageException(message, inner);

internal static class ExitCodes
{
    public const int Success = 0;
    public const int TargetFailed = 1;
    public const int UsageError = 2;
}

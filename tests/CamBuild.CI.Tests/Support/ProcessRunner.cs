namespace CamBuild.CI.Tests.Support;

/// <summary>The validators' environment policy (no colour) over the shared <see cref="TestProcess"/>.</summary>
internal static class ProcessRunner
{
    private static readonly Dictionary<string, string> NoColour = new(StringComparer.Ordinal) { ["NO_COLOR"] = "1", ["FORCE_COLOR"] = "0" };

    public static ProcessResult Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout) =>
        TestProcess.Run(fileName, arguments, timeout, workingDirectory, set: NoColour);
}

namespace CamBuild.PackageIndex.Tests.Infrastructure;

/// <summary>
/// pip's environment policy over the shared <see cref="TestProcess"/>: PIP_*, PYTHON* and proxy variables are
/// removed so the host's setup cannot leak in.
/// </summary>
internal static class ProcessRunner
{
    private static readonly string[] ScrubbedPrefixes = ["PIP_", "PYTHON", "VIRTUAL_ENV", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"];
    private static readonly Dictionary<string, string> NoBytecode = new(StringComparer.Ordinal) { ["PYTHONDONTWRITEBYTECODE"] = "1" };

    public static Task<ProcessResult> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null) =>
        TestProcess.RunAsync(fileName, arguments, timeout, workingDirectory, ScrubbedPrefixes, NoBytecode);
}

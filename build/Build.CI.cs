using CamBuild.Build.Support;
using CamBuild.CI;
using CamBuild.Targets;
using CamBuild.Targets.Hosting;

namespace CamBuild.Build;

internal sealed partial class Build
{
    Target GenerateCi => _ => _
        .Description("Writes the generated CI files (.github/workflows/ci.yml, Jenkinsfile) from build/Support/CiDescription.cs; commit them.")
        .Executes(c =>
        {
            var files = GenerateCiFiles();
            var written = CiFiles.Write(RootDirectory, files);
            foreach (var file in files)
                c.Log.Info(written.Contains(file.RelativePath) ? $"Updated {file.RelativePath}" : $"Unchanged {file.RelativePath}");
            c.ReportSummary("CI files", written.Count == 0 ? "all up to date" : $"updated {string.Join(", ", written)}");
        });

    Target CheckCi => _ => _
        .Description("Fails (exit code 1, with a diff) when a checked-in CI file differs from what GenerateCi writes; runs after Test.")
        .TriggeredBy(Test)
        .Executes(c =>
        {
            var files = GenerateCiFiles();
            var check = CiFiles.Check(RootDirectory, files);
            if (!check.IsUpToDate)
            {
                c.Log.Error(check.Report(CiDescription.RegenerateCommand).TrimEnd('\n'));
                throw new StaleCiFilesException(
                    $"{check.Stale.Count} generated CI file(s) are stale: {string.Join(", ", check.Stale.Select(s => s.RelativePath))}. Run '{CiDescription.RegenerateCommand}' and commit the result.");
            }
            c.Log.Info($"CI files are up to date: {string.Join(", ", files.Select(f => f.RelativePath))}");
            c.ReportSummary("CI files", "up to date");
        });

    /// <summary>
    /// CI runs the build with every parameter at its default, so the files come from a fresh instance: values given to
    /// this invocation (--artifacts, an ENVIRONMENT variable, ...) must not leak into the checked-in files.
    /// </summary>
    static IReadOnlyList<GeneratedFile> GenerateCiFiles()
    {
        var defaults = new Build();
        try
        {
            var configuration = CiDescription.For(TargetDiscovery.Targets(defaults), TargetDiscovery.Parameters(defaults), defaults.Paths);
            return CiFiles.Generate(configuration);
        }
        catch (CiConfigurationException e)
        {
            throw new BuildUsageException($"build/Support/CiDescription.cs: {e.Message}", e);
        }
    }
}

/// <summary>A stale file is a finding, not a crash: the target fails (exit code 1) and the message is the whole story.</summary>
sealed class StaleCiFilesException(string message) : Exception(message)
{
    public override string ToString() => Message;
}

using System.Text;

namespace CamBuild.CI;

public enum StaleReason
{
    Missing,
    Different,
}

/// <param name="Diff">Unified diff from the file on disk (a/) to the generated content (b/).</param>
public sealed record StaleCiFile(string RelativePath, StaleReason Reason, string Diff);

/// <summary>The outcome of <see cref="CiFiles.Check"/>.</summary>
public sealed record CiCheckResult(IReadOnlyList<StaleCiFile> Stale)
{
    public bool IsUpToDate => Stale.Count == 0;

    /// <summary>0 when every file is up to date, 1 otherwise (the build's "a target failed" code).</summary>
    public int ExitCode => IsUpToDate ? 0 : 1;

    /// <summary>A report for the console: what is stale, the diffs and the command that fixes it.</summary>
    public string Report(string regenerateCommand)
    {
        if (IsUpToDate)
            return "CI files are up to date.\n";
        var report = new StringBuilder();
        foreach (var file in Stale)
        {
            report.Append(file.Reason == StaleReason.Missing
                ? $"CI file {file.RelativePath} is missing.\n"
                : $"CI file {file.RelativePath} differs from what the build generates.\n");
        }
        foreach (var file in Stale)
            report.Append(file.Diff);
        report.Append($"Run '{regenerateCommand}' and commit the result.\n");
        return report.ToString();
    }
}

namespace CamBuild.Targets.Execution;

public enum TargetStatus { Scheduled, Succeeded, Failed, Skipped, Cached, NotRun, Aborted }

/// <summary>Outcome of one planned target, as the summary table shows it.</summary>
public sealed record TargetResult(string Name, TargetStatus Status, TimeSpan Duration, string? Reason)
{
    public IReadOnlyList<KeyValuePair<string, string>> Summary { get; init; } = [];
    public bool IsInputError { get; init; }
}

internal sealed record BuildResult(IReadOnlyList<TargetResult> Targets)
{
    public bool Failed => Targets.Any(t => t.Status is TargetStatus.Failed or TargetStatus.Aborted);

    public int ExitCode =>
        !Failed ? ExitCodes.Success
        : Targets.Any(t => t.IsInputError) ? ExitCodes.UsageError
        : ExitCodes.TargetFailed;

    public TimeSpan Total => TimeSpan.FromTicks(Targets.Sum(t => t.Duration.Ticks));
}

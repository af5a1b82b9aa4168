using CamBuild.Targets.Output;

namespace CamBuild.Targets;

/// <summary>What a running target may use: the masked log, progress reporting, summary pairs and cancellation.</summary>
public sealed class TargetContext(string name, IBuildLog log, CancellationToken cancellationToken, IReadOnlyList<Execution.TargetResult>? completed = null)
{
    /// <summary>Targets of this run that finished before this one, in order (for reports).</summary>
    public IReadOnlyList<Execution.TargetResult> Completed { get; } = completed ?? [];

    private readonly List<KeyValuePair<string, string>> _summary = [];

    public string Name => name;
    public IBuildLog Log => log;
    public CancellationToken CancellationToken => cancellationToken;
    public IReadOnlyList<KeyValuePair<string, string>> Summary => _summary;

    /// <summary>Adds a <c>key: value</c> pair shown after this target's row in the summary table.</summary>
    public void ReportSummary(string key, string value) => _summary.Add(new(key, value));

    /// <summary>Reports progress of a long step (printed as <c>[3/15] message</c>).</summary>
    public void Progress(int done, int total, string message) => log.Progress(done, total, message);
}

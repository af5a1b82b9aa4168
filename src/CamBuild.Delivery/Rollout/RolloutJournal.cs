namespace CamBuild.Delivery.Rollout;

/// <summary>Where one node stands in the rollout in progress.</summary>
public enum SwapPhase
{
    /// <summary>The node may be anywhere between its old and its new container; recovery puts the old one back.</summary>
    Swapping,

    /// <summary>The new container runs and passed its health checks.</summary>
    Swapped,
}

/// <param name="FromDigest">Node digest of the container being replaced; null when the node is new (a create).</param>
public sealed record JournalEntry(string Hostname, string? FromDigest, string ToDigest, SwapPhase Phase);

/// <summary>
/// <c>&lt;state&gt;/&lt;env&gt;.rollout.json</c>: written before any node is touched and after every change of phase, deleted
/// when the rollout ended (healthy or rolled back). Its presence at the start of a run means the last one was killed;
/// the nodes it lists as <see cref="SwapPhase.Swapping"/> get their previous container back before anything else.
/// </summary>
public sealed record RolloutJournal(string Environment, string CandidateId, string ConfigHash, DateTimeOffset StartedAt, int ProcessId,
    IReadOnlyList<JournalEntry> Entries)
{
    public static string PathOf(string stateDirectory, string environment) => Path.Combine(stateDirectory, environment + ".rollout.json");

    public static RolloutJournal? Load(string stateDirectory, string environment) => JsonFile.Read<RolloutJournal>(PathOf(stateDirectory, environment));

    public void Save(string stateDirectory) => JsonFile.Write(PathOf(stateDirectory, Environment), this);

    public static void Delete(string stateDirectory, string environment) => File.Delete(PathOf(stateDirectory, environment));

    internal RolloutJournal With(IEnumerable<JournalEntry> entries)
    {
        var replaced = entries.ToDictionary(entry => entry.Hostname, StringComparer.Ordinal);
        return this with
        {
            Entries = Entries.Where(entry => !replaced.ContainsKey(entry.Hostname)).Concat(replaced.Values)
                .OrderBy(entry => entry.Hostname, StringComparer.Ordinal).ToList(),
        };
    }
}

/// <summary>
/// <c>&lt;state&gt;/&lt;env&gt;.delivered.json</c>: what the last successful Deliver put on the environment and when each node
/// last changed (read by Status).
/// </summary>
internal sealed record DeliveredRecord(string Environment, string? Channel, string? Release, string CandidateId, string ConfigHash,
    DateTimeOffset DeliveredAt, IReadOnlyDictionary<string, DateTimeOffset> NodeChangedAt)
{
    public static string PathOf(string stateDirectory, string environment) => Path.Combine(stateDirectory, environment + ".delivered.json");

    public static DeliveredRecord? Load(string stateDirectory, string environment) => JsonFile.Read<DeliveredRecord>(PathOf(stateDirectory, environment));

    public void Save(string stateDirectory) => JsonFile.Write(PathOf(stateDirectory, Environment), this);
}

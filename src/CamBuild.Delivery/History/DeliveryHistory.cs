using System.Text;
using System.Text.Json;
using CamBuild.Common;

namespace CamBuild.Delivery.History;

/// <summary>Append-only delivery history per channel, fsync'd under a per-channel lock; read back with file:line errors.</summary>
public sealed class DeliveryHistory(string releasesRoot)
{
    public string Directory { get; } = Path.Combine(releasesRoot, "deliveries");

    public string PathOf(string channel) => Path.Combine(Directory, channel + ".jsonl");

    public void Append(DeliveryEvent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        System.IO.Directory.CreateDirectory(Directory);
        using var held = FileLock.Acquire(Path.Combine(Directory, entry.Channel + ".lock"), LockWait.UpTo(TimeSpan.FromSeconds(60)),
            "recording a delivery on " + entry.Channel);
        AtomicFile.AppendDurably(PathOf(entry.Channel), Encoding.UTF8.GetBytes(entry.ToJsonLine()));
    }

    /// <summary>Every event of the channel, oldest first. A torn last line (a killed append) is ignored.</summary>
    public IReadOnlyList<DeliveryEvent> Read(string channel)
    {
        var path = PathOf(channel);
        if (!File.Exists(path))
        {
            return [];
        }
        var text = File.ReadAllText(path);
        var lines = text.Split('\n');
        var events = new List<DeliveryEvent>();
        for (var i = 0; i < lines.Length - 1; i++)
        {
            try
            {
                events.Add(JsonSerializer.Deserialize<DeliveryEvent>(lines[i], DeliveryEvent.Json)
                    ?? throw new JsonException("null"));
            }
            catch (JsonException exception)
            {
                throw new InputException($"{path}:{i + 1}: not a delivery event ({exception.Message}); the file is append-only, so the line was " +
                    "edited by hand: restore it from a backup or remove the line");
            }
        }
        return events;
    }

    /// <summary>
    /// Called by a delivery holding the environment's lock, before it records its own start: a delivery of the channel
    /// that started and never ended died (killed, machine lost). Records it as <see cref="DeliveryEvent.Interrupted"/>,
    /// naming the nodes its rollout journal left mid-swap, and returns that event; null when the last delivery ended.
    /// </summary>
    /// <param name="midSwap">Hostnames the interrupted rollout's journal lists as being swapped (empty: none, or no journal).</param>
    public DeliveryEvent? RecordInterrupted(string channel, IReadOnlyList<string> midSwap, string recoveredBy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(midSwap);
        var last = Read(channel).LastOrDefault(e => e.Kind != "refusal");
        if (last is null || last.Outcome != DeliveryEvent.Started)
        {
            return null;
        }
        var nodes = midSwap.Count == 0 ? "no node was mid-swap" : $"{midSwap.Count} node(s) mid-swap: {string.Join(", ", midSwap)}";
        var interrupted = last with
        {
            Outcome = DeliveryEvent.Interrupted,
            FinishedAt = now,
            Nodes = midSwap,
            Message = $"the {last.Kind} of release {last.Release ?? "?"} started {last.StartedAt:u} by {last.By} ended without recording an outcome " +
                $"(its process was killed or died); {nodes}; found by the {recoveredBy} at {now:u}, which restores those nodes and converges the environment",
        };
        Append(interrupted);
        return interrupted;
    }

    /// <summary>The last delivery that ended healthy on the channel, or null.</summary>
    public DeliveryEvent? LastSucceeded(string channel) =>
        Read(channel).LastOrDefault(e => e.Kind != "refusal" && e.Outcome == DeliveryEvent.Succeeded);
}

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
        using var held = AcquireLock(Path.Combine(Directory, entry.Channel + ".lock"));
        using var stream = new FileStream(PathOf(entry.Channel), FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(Encoding.UTF8.GetBytes(entry.ToJsonLine()));
        stream.Flush(flushToDisk: true);
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

    /// <summary>The last delivery that ended healthy on the channel, or null.</summary>
    public DeliveryEvent? LastSucceeded(string channel) =>
        Read(channel).LastOrDefault(e => e.Kind != "refusal" && e.Outcome == DeliveryEvent.Succeeded);

    private static FileStream AcquireLock(string path)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
        }
    }
}

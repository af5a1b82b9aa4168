using CamBuild.Dashboard.Model;
using CamBuild.Delivery.History;
using CamBuild.Release.Store;

namespace CamBuild.Dashboard.Reading;

/// <summary>
/// Reads the recorded state once into a <see cref="SiteModel"/>: channel histories, delivery histories, the qualification
/// records the release store holds, SBOMs, environment state and Status records, and the candidate store. Nothing is
/// timed by the clock: every time shown comes from a record, so the same records give the same model.
/// </summary>
internal static class DashboardReader
{
    public static SiteModel Read(DashboardSources sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var store = new ReleaseStore(sources.Releases);
        var history = new DeliveryHistory(sources.Releases);
        var names = ChannelNames(sources, store, history);
        var entries = names.ToDictionary(name => name, name => store.History(name), StringComparer.Ordinal);
        var deliveries = names.ToDictionary(name => name, name => history.Read(name), StringComparer.Ordinal);

        var releases = names.SelectMany(name => ReleaseReader.Read(sources, entries[name])).ToList();
        var environments = EnvironmentReader.Read(sources, names.Select(name => (name, Environment(sources, name, deliveries[name]))).ToList(),
            releases.Select(release => release.Entry).ToList());
        var channels = names.Select(name => ChannelTimeline.View(name, Environment(sources, name, deliveries[name]),
            sources.Channels?.Channels.FirstOrDefault(channel => channel.Name == name), entries[name], deliveries[name])).ToList();
        var candidates = CandidateReader.Read(sources, environments, channels);

        var times = entries.Values.SelectMany(list => list.Select(entry => entry.PromotedAt))
            .Concat(deliveries.Values.SelectMany(list => list.Select(e => e.FinishedAt ?? e.StartedAt)))
            .Concat(environments.Select(environment => environment.StatusCheckedAt).OfType<DateTimeOffset>())
            .Concat(candidates.Select(candidate => candidate.BakedAt).OfType<DateTimeOffset>())
            .ToList();
        return new SiteModel(times.Count == 0 ? null : times.Max(), channels, releases, environments, candidates);
    }

    /// <summary>Configured channels in their configured order, then channels that have only records, sorted.</summary>
    private static List<string> ChannelNames(DashboardSources sources, ReleaseStore store, DeliveryHistory history)
    {
        var configured = sources.Channels?.Channels.Select(channel => channel.Name).ToList() ?? [];
        var recorded = store.Channels()
            .Concat(Directory.Exists(history.Directory)
                ? Directory.EnumerateFiles(history.Directory, "*.jsonl").Select(Path.GetFileNameWithoutExtension).OfType<string>()
                : [])
            .Where(name => !configured.Contains(name, StringComparer.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);
        return [.. configured, .. recorded];
    }

    private static string? Environment(DashboardSources sources, string channel, IReadOnlyList<DeliveryEvent> deliveries) =>
        sources.Channels?.Channels.FirstOrDefault(c => c.Name == channel)?.Environment
        ?? deliveries.LastOrDefault(e => e.Environment is not null)?.Environment;
}

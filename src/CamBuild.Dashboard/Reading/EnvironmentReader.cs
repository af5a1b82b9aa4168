using CamBuild.Dashboard.Model;
using CamBuild.Delivery.Rollout;
using CamBuild.Delivery.Status;
using CamBuild.Deploy.State;
using CamBuild.Release.Store;

namespace CamBuild.Dashboard.Reading;

/// <summary>
/// Environments as last recorded: the deploy state record (<c>&lt;env&gt;.json</c>: nodes and roles), the last Status
/// (<c>&lt;env&gt;.status.json</c>: health, drift) and the last delivery (<c>&lt;env&gt;.delivered.json</c>).
/// </summary>
internal static class EnvironmentReader
{
    private static readonly string[] OtherRecords = [StatusRecord.Suffix, ".delivered.json", ".rollout.json"];

    public static IReadOnlyList<EnvironmentView> Read(DashboardSources sources, IReadOnlyList<(string Channel, string? Environment)> channels,
        IReadOnlyList<ReleaseEntry> releases)
    {
        var names = channels.Select(c => c.Environment).OfType<string>().Concat(Recorded(sources.EnvironmentStates))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var states = new EnvironmentStateStore(sources.EnvironmentStates);
        return names.Select(name => View(name, states.Load(name), StatusRecord.Load(sources.EnvironmentStates, name),
            DeliveredRecord.Load(sources.EnvironmentStates, name), channels.Where(c => c.Environment == name).Select(c => c.Channel).ToList(), releases))
            .ToList();
    }

    private static IEnumerable<string> Recorded(string directory) =>
        !Directory.Exists(directory)
            ? []
            : Directory.EnumerateFiles(directory, "*.json").Select(Path.GetFileName).OfType<string>()
                .Select(file => OtherRecords.FirstOrDefault(suffix => file.EndsWith(suffix, StringComparison.Ordinal)) is { } suffix
                    ? file[..^suffix.Length]
                    : file[..^".json".Length])
                .Where(name => name.Length > 0 && !name.StartsWith('.'));

    private static EnvironmentView View(string name, EnvironmentState? state, StatusRecord? status, DeliveredRecord? delivered, IReadOnlyList<string> channels,
        IReadOnlyList<ReleaseEntry> releases)
    {
        var roles = state?.Nodes.ToDictionary(node => node.Hostname, node => node.Roles, StringComparer.Ordinal)
            ?? new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var candidate = status?.Status.CandidateId ?? state?.CandidateId ?? delivered?.CandidateId;
        var configuration = status?.Status.ConfigurationHash ?? state?.ConfigHash ?? delivered?.ConfigHash;
        var release = status?.Status.Release ?? delivered?.Release
            ?? releases.FirstOrDefault(entry => candidate is not null && configuration is not null && entry.IsSamePair(candidate, configuration))?.Release;
        List<NodeView> nodes;
        if (status is not null)
        {
            nodes = [.. status.Status.Nodes.Select(node => new NodeView(node.Hostname, roles.GetValueOrDefault(node.Hostname) ?? [], node.Release, node.Container,
                node.Healthy ? "healthy" : "unhealthy", node.Drifted ? "drifted" : "none", node.HealthProblem, node.LastChange))];
        }
        else
        {
            nodes = [.. (state?.Nodes ?? []).Select(node => new NodeView(node.Hostname, node.Roles, release, "recorded", "unknown", "unknown", null,
                delivered?.NodeChangedAt.TryGetValue(node.Hostname, out var at) == true ? at : null))];
        }
        var channelNames = status?.Status.Channel is { } recorded && !channels.Contains(recorded) ? [.. channels, recorded] : channels;
        return new EnvironmentView(name, channelNames, candidate, configuration, release, status?.CheckedAt,
            [.. nodes.OrderBy(node => node.Hostname, StringComparer.Ordinal)]);
    }
}

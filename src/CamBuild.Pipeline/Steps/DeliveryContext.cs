using CamBuild.Delivery.Config;
using CamBuild.Delivery.Gates;
using CamBuild.Delivery.History;
using CamBuild.Release.Store;

namespace CamBuild.Pipeline.Steps;

/// <summary>What the delivery targets read once per invocation: channels, release store, delivery history, approvals, gates.</summary>
internal sealed class DeliveryContext
{
    public const string ChannelsPath = "config/channels.yaml";

    private DeliveryContext(PipelinePaths paths, ChannelsConfig channels)
    {
        Paths = paths;
        Channels = channels;
        Releases = new ReleaseStore(paths.Releases);
        History = new DeliveryHistory(paths.Releases);
        Approvals = new ApprovalStore(paths.Releases);
        Gates = new ChannelGates(channels, Releases, History, Approvals);
    }

    public PipelinePaths Paths { get; }
    public ChannelsConfig Channels { get; }
    public ReleaseStore Releases { get; }
    public DeliveryHistory History { get; }
    public ApprovalStore Approvals { get; }
    public ChannelGates Gates { get; }

    public static string ChannelsFile(PipelinePaths paths) => Path.Combine(paths.Root, ChannelsPath);

    /// <summary>Loads config/channels.yaml (validated against the environments that exist); null when the file does not exist.</summary>
    public static DeliveryContext? TryLoad(PipelinePaths paths)
    {
        var file = ChannelsFile(paths);
        if (!File.Exists(file)) return null;
        var environments = Directory.GetFiles(Path.GetDirectoryName(paths.EnvironmentConfig("x"))!, "*.yaml")
            .Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList();
        return new DeliveryContext(paths, ChannelsConfigLoader.Load(file, environments));
    }

    public static DeliveryContext Load(PipelinePaths paths) => TryLoad(paths) ?? throw new Targets.BuildInputException(
        $"{ChannelsPath} not found: the delivery targets need the channels, their environments and gates (see README, 'Release flow').");

    /// <summary>Name of the release a (candidate, configuration) pair has on any channel, or null.</summary>
    public string? ReleaseOf(string candidateId, string configurationHash) =>
        Releases.Channels().SelectMany(Releases.History).FirstOrDefault(entry => entry.IsSamePair(candidateId, configurationHash))?.Release;

    /// <summary>Records a refusal in the channel's history, then throws it.</summary>
    public Exception Refuse(string action, string channel, IReadOnlyList<GateRefusal> refusals, GateSubject? subject, string? environment)
    {
        var refused = new GateRefusedException(action, channel, refusals);
        var now = DateTimeOffset.UtcNow;
        History.Append(new DeliveryEvent("refusal", DeliveryEvent.Refused, channel, subject is null ? null : ReleaseOf(subject.CandidateId, subject.ConfigurationHash),
            subject?.CandidateId, subject?.ConfigurationHash, environment, now, now, [], ReleaseStore.DefaultActor, $"{action}: {refused.Message}"));
        return refused;
    }
}

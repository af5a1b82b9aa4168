using CamBuild.Dashboard.Model;
using CamBuild.Delivery.Config;

namespace CamBuild.Dashboard.Reading;

/// <summary>Where the records live (the pipeline's artifact layout) and how signed statements are checked.</summary>
/// <param name="Channels">config/channels.yaml, or null when the repository has none (channels then come from the release store).</param>
internal sealed record DashboardSources(
    string Releases,
    string Qualifications,
    string Candidates,
    string EnvironmentStates,
    ChannelsConfig? Channels,
    IStatementChecks Checks);

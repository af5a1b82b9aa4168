using CamBuild.Dashboard;
using CamBuild.Dashboard.Reading;
using CamBuild.Pipeline.Supply;
using CamBuild.Targets;

namespace CamBuild.Pipeline.Steps;

/// <summary>Dashboard: the recorded state of channels, releases, environments and candidates as a static site in <c>artifacts/site/</c>.</summary>
public static class DashboardStep
{
    public static string Run(PipelinePaths paths, TargetContext context)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(context);
        var model = DashboardSite.Write(Sources(paths), paths.Site);
        var index = Path.Combine(paths.Site, Dashboard.Pages.ChannelsPage.File);
        context.Log.Info($"Dashboard: {model.Channels.Count} channel(s), {model.Releases.Count} release(s), {model.Environments.Count} environment(s), " +
            $"{model.Candidates.Count} candidate(s); open {paths.Relative(index)}");
        context.ReportSummary("Dashboard", paths.Relative(index));
        return index;
    }

    internal static DashboardSources Sources(PipelinePaths paths) =>
        new(paths.Releases, paths.Qualifications, paths.Candidates, paths.EnvironmentStates, DeliveryContext.TryLoad(paths)?.Channels,
            new DashboardChecks(paths, Signing.Policy(paths)));
}

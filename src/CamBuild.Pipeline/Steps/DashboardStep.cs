using CamBuild.Dashboard;
using CamBuild.Dashboard.Model;
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
        new(paths.Releases, paths.Qualifications, paths.Candidates, paths.EnvironmentStates, DeliveryContext.TryLoad(paths)?.Channels, Checks(paths));

    /// <summary>The gates' checks; when the trust policy cannot be read, every verdict says so and the rest of the site is still written.</summary>
    private static IStatementChecks Checks(PipelinePaths paths)
    {
        try
        {
            return new DashboardChecks(paths, Signing.Policy(paths));
        }
        catch (InputException e)
        {
            return new UncheckedStatements(e.Message);
        }
    }
}

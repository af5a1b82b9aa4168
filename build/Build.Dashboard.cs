using CamBuild.Pipeline.Steps;
using CamBuild.Targets;

namespace CamBuild.Build;

internal sealed partial class Build
{
    Target Dashboard => _ => _
        .Description("Writes the release dashboard to artifacts/site/ (static HTML): channels, time lines, releases, environments, candidates.")
        .After(Promote, Deliver, Rollback, Status, Approve)
        .AssuredAfterFailure()
        .Executes(c => { DashboardStep.Run(Paths, c); });
}

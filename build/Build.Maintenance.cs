using CamBuild.Build.Support;
using CamBuild.Targets;

namespace CamBuild.Build;

internal sealed partial class Build
{
    Target Clean => _ => _
        .Description("Removes artifacts, caches and build outputs (bin/obj of every project).")
        .Executes(c => Cleaner.Clean(RootDirectory, ArtifactsDirectory, c.Log));

    Target Test => _ => _
        .Description("Builds the solution and runs every test project (--category unit|integration|all); prints the plain 'N passed, N failed' line.")
        .DependsOn(Prerequisites)
        .Executes(async c => await TestRunner.RunAsync(RootDirectory, TestFilter, Category, c).ConfigureAwait(false));
}

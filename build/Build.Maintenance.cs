using CamBuild.Build.Support;
using CamBuild.Pipeline.Caching;
using CamBuild.Targets;

namespace CamBuild.Build;

internal sealed partial class Build
{
    Target Clean => _ => _
        .Description("Removes artifacts, this clone's caches and build outputs (bin/obj of every project); the machine cache only with --clean-machine-cache.")
        .Executes(async c =>
        {
            Cleaner.Clean(RootDirectory, ArtifactsDirectory, c.Log);
            if (CleanMachineCache) await CacheSteps.EmptyAsync(Paths, c).ConfigureAwait(false);
            else c.Log.Info($"Kept the machine cache {Paths.MachineCacheRoot} (shared by every clone on this machine; --clean-machine-cache empties it, ./build.sh Gc collects it)");
        });

    Target Gc => _ => _
        .Description("Collects the machine cache down to --machine-cache-limit GiB: removes the least recently used entries that no candidate, release or lock of any clone on this machine needs.")
        .Executes(c => CacheSteps.CollectAsync(Paths, c));

    Target Test => _ => _
        .Description("Builds the solution and runs every test project (--category unit|integration|all); prints the plain 'N passed, N failed' line.")
        .DependsOn(Prerequisites)
        .Executes(async c => await TestRunner.RunAsync(RootDirectory, TestFilter, Category, c).ConfigureAwait(false));
}

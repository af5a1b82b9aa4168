using System.Net;
using CamBuild.Pipeline;
using CamBuild.Pipeline.Index;
using CamBuild.Pipeline.Steps;
using CamBuild.Targets;

namespace CamBuild.Build;

internal sealed partial class Build
{
    PipelinePaths Paths => PipelinePaths.For(RootDirectory, Artifacts, MachineCacheDir) with { MachineCacheLimit = MachineCacheLimitBytes };

    long MachineCacheLimitBytes => MachineCacheLimit >= 0
        ? (long)(MachineCacheLimit * (1L << 30))
        : throw new BuildInputException($"--machine-cache-limit {MachineCacheLimit}: the limit is a size in GiB, 0 or more (0 removes every entry no candidate needs).");

    IndexAccess Index => new(IndexUser is null ? null : new NetworkCredential(IndexUser, IndexPassword), EmbeddedIndexPort);

    string Out(string path) => Paths.Relative(path);

    Target PrepareBase => _ => _
        .Description("Locks the OS packages (artifacts/locks/os-lock.json), builds the candidate's base root filesystem (with the lock in one mmdebstrap pass when the lock is new, else offline from it) and probes its Python.")
        .DependsOn(Prerequisites)
        .Inputs("config/candidate.yaml")
        .InputValue("relock-os", () => RelockOs.ToString())
        .Outputs(Out(Paths.OsLock), Out(Paths.MarkerEnvironment))
        .Executes(c => PrepareBaseStep.RunAsync(Paths, RelockOs, c));

    Target ResolveLeaves => _ => _
        .Description("Finds the latest successful build of each leaf package in the index -> artifacts/leaves.json.")
        .DependsOn(PrepareBase)
        .Inputs("config/leaves.yaml")
        .InputValue("index", () => ResolveLeavesStep.IndexState(Paths, Index))
        .Outputs(Out(Paths.LeavesJson))
        .Executes(c => ResolveLeavesStep.RunAsync(Paths, Index, c));

    Target Pin => _ => _
        .Description("Pins every transitive dependency with hashes, each Python environment for its own interpreter -> artifacts/locks/.")
        .DependsOn(ResolveLeaves, PrepareBase)
        .Inputs("config/leaves.yaml", "config/candidate.yaml", PinStep.ConstraintsPath)
        .Inputs(() => PinStep.InputFiles(Paths))
        .InputValue("index", () => ResolveLeavesStep.IndexState(Paths, Index))
        .Outputs(Out(Paths.Locks) + "/**")
        .Executes(c => PinStep.RunAsync(Paths, Index, c));
}

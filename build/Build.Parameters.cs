using CamBuild.Targets;

namespace CamBuild.Build;

public sealed partial class Build
{
    [Parameter("Directory for everything the pipeline produces, relative to the root.")]
    readonly string Artifacts = "artifacts";

    [Parameter("User name for the package index (basic auth); the password comes from --index-password.")]
    readonly string? IndexUser;

    [Parameter("Password or token for the package index."), Secret]
    readonly string? IndexPassword;

    [Parameter("Port of the embedded package index on 127.0.0.1 (fixed, so that locks record stable URLs).")]
    readonly int EmbeddedIndexPort = CamBuild.Pipeline.Index.EmbeddedIndex.DefaultPort;

    [Parameter("Lock the OS packages again from the mirror even when config/candidate.yaml did not change.")]
    readonly bool RelockOs;

    [Parameter("Only run tests whose fully qualified name contains this text (dotnet test --filter).")]
    readonly string? TestFilter;
}

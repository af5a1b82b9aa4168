using CamBuild.Targets;

namespace CamBuild.Build;

public sealed partial class Build
{
    [Parameter("Directory for everything the pipeline produces, relative to the root.")]
    readonly string Artifacts = "artifacts";

    [Parameter("Only run tests whose fully qualified name contains this text (dotnet test --filter).")]
    readonly string? TestFilter;
}

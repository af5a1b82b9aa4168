using CamBuild.Targets;
using CamBuild.Targets.Hosting;

namespace CamBuild.Build;

/// <summary>
/// The CamBuild release pipeline. Each property of type <see cref="Target"/> is a target; the wiring stays here and
/// the work is done by the libraries in src/.
/// </summary>
internal sealed partial class Build : BuildBase
{
    public static int Main(string[] args) => BuildHost.Execute<Build>(args, x => x.Test);

    public override string Title => "CamBuild — release pipeline of the MeerKAT CAM system";

    private string ArtifactsDirectory => Path.Combine(RootDirectory, Artifacts);
}

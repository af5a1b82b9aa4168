using CamBuild.Python.Leaves;
using CamBuild.Python.Markers;
using CamBuild.Python.Resolution;

namespace CamBuild.Python.Tests.Support;

/// <summary>The SARAO top-level set of the fixture universe and helpers to resolve it.</summary>
public static class Sarao
{
    public static readonly string[] TopLevel =
    [
        "aiokatcp", "katcp", "katcp-codec", "katdal", "katpoint", "katportalclient", "katsdpmodels",
        "katsdpservices", "katsdptelstate", "katversion", "scikits-fitting", "spead2",
    ];

    public static MarkerEnvironment Debian => MarkerEnvironment.ForCPythonOnLinux("3.11.2");

    public static MarkerEnvironment Pyenv => MarkerEnvironment.ForCPythonOnLinux("3.11.7");

    public static async Task<LeafSet> LeavesAsync(UniverseSource source, MarkerEnvironment environment) =>
        await LeafResolver.ResolveAsync(TopLevel.Select(n => new LeafSpec(n)).ToArray(), source, environment, CancellationToken.None);

    public static async Task<ResolutionResult> ResolveAsync(
        UniverseSource source, MarkerEnvironment environment, string constraints = "")
    {
        var leaves = await LeavesAsync(source, environment);
        var request = ResolutionRequest.FromLeaves(leaves, ConstraintParser.Parse(constraints, "constraints.txt"));
        return await new DependencyResolver(source, environment).ResolveAsync(request, CancellationToken.None);
    }

    public static async Task<ResolutionResult> ResolveRequirementsAsync(
        UniverseSource source, MarkerEnvironment environment, string[] requirements, string constraints = "")
    {
        var request = ResolutionRequest.FromRequirements(requirements, ConstraintParser.Parse(constraints, "constraints.txt"));
        return await new DependencyResolver(source, environment).ResolveAsync(request, CancellationToken.None);
    }

    public static string Summary(ResolutionResult result) =>
        string.Join(" ", result.Packages.Select(p => $"{p.Name}=={p.Version}"));
}

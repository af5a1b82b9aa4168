namespace CamBuild.SupplyChain.Sbom;

/// <summary>The one order both documents list things in (ordinal, so no culture can change it).</summary>
internal static class SbomOrder
{
    public static IReadOnlyList<DebianPackage> Debs(SbomSubject s) =>
        [.. s.DebianPackages.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => p with { DependsOn = [.. p.DependsOn.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] })];

    public static IReadOnlyList<PythonEnvironment> Environments(SbomSubject s) =>
        [.. s.PythonEnvironments.OrderBy(e => e.Name, StringComparer.Ordinal)
            .Select(e => e with
            {
                Distributions = [.. e.Distributions.OrderBy(d => d.Name, StringComparer.Ordinal)
                    .Select(d => d with { DependsOn = [.. d.DependsOn.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)] })],
            })];
}

namespace CamBuild.SupplyChain.Sbom;

/// <summary>Package URLs (purl-spec): type/namespace/name@version?qualifiers, version and qualifier values percent-encoded, qualifiers sorted.</summary>
internal static class Purls
{
    public static string Deb(DebianPackage p, string distro) =>
        $"pkg:deb/debian/{Encode(p.Name)}@{Encode(p.Version)}?arch={Encode(p.Architecture)}&distro={Encode(distro)}";

    public static string PyPi(PythonDistribution d)
    {
        var qualifiers = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["file_name"] = d.WheelFileName };
        if (d.IndexUrl is not null) qualifiers["repository_url"] = d.IndexUrl;
        return $"pkg:pypi/{Encode(d.Name)}@{Encode(d.Version)}?" + string.Join('&', qualifiers.Select(q => $"{q.Key}={Encode(q.Value)}"));
    }

    private static string Encode(string value) => Uri.EscapeDataString(value);
}

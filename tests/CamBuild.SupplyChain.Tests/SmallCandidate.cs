using CamBuild.SupplyChain.Sbom;

namespace CamBuild.SupplyChain.Tests;

/// <summary>
/// A small candidate as the bake would describe it: six Debian packages with real bookworm relations (Pre-Depends,
/// an alternative, a virtual package, a Source with its own version) and one Python environment of three wheels.
/// </summary>
internal static class SmallCandidate
{
    public const string Mirror = "http://deb.debian.org/debian/";

    public static readonly CandidateId Id = CandidateId.Parse("3f2a9c1d0b7e4a5f8c6d2e1b0a9f8e7d6c5b4a3928170f6e5d4c3b2a19080706");

    public static SbomSubject Subject(CandidateId? id = null, long sourceDateEpoch = 1717200000) => new(
        id ?? Id, "debian-12-cam", "1.0", "amd64", "debian-12", $"debian-12-cam_1.0-{(id ?? Id).Short}_amd64.tar.zst",
        Sha("template"), sourceDateEpoch, DebianPackages.FromStanzas(Stanzas()), [Cam()]);

    public static IReadOnlyList<DebianStanza> Stanzas() =>
    [
        Deb("libc6", "2.36-9+deb12u7", "amd64", ("Source", "glibc"), ("Depends", "libgcc-s1"), ("Provides", "libc6-x86-64")),
        Deb("libgcc-s1", "12.2.0-14", "amd64", ("Source", "gcc-12 (12.2.0-14)"), ("Depends", "gcc-12-base (= 12.2.0-14), libc6 (>= 2.35)")),
        Deb("gcc-12-base", "12.2.0-14", "amd64", ("Source", "gcc-12")),
        Deb("mawk", "1.3.4.20200120-3.1", "amd64", ("Pre-Depends", "libc6 (>= 2.34)"), ("Provides", "awk")),
        Deb("base-files", "12.4+deb12u6", "amd64", ("Pre-Depends", "awk | gawk")),
        Deb("libstdc++6", "12.2.0-14", "amd64", ("Source", "gcc-12"),
            ("Depends", "gcc-12-base (= 12.2.0-14), libc6 (>= 2.36), libgcc-s1 (>= 4.2), libnotinstalled1 | libc6:any")),
    ];

    public static PythonEnvironment Cam() => new("cam", "/opt/cam/venv",
    [
        Wheel("katcore", "1.0.0", []),
        Wheel("katconf", "1.0.0", ["katcore"]),
        Wheel("katcomp", "1.0.0", ["katconf", "katcore"]),
    ]);

    public static PythonDistribution Wheel(string name, string version, string[] dependsOn)
    {
        var file = $"{name}-{version}-py3-none-any.whl";
        return new(name, version, file, Sha(file), $"http://127.0.0.1:3141/files/{name}/{file}", "http://127.0.0.1:3141/simple/", dependsOn);
    }

    public static DebianStanza Deb(string name, string version, string arch, params (string Field, string Value)[] fields)
    {
        var all = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Package"] = name, ["Version"] = version, ["Architecture"] = arch,
        };
        foreach (var (field, value) in fields) all[field] = value;
        var file = $"{name}_{version}_{arch}.deb";
        return new DebianStanza(all, Sha(file), $"{Mirror}pool/main/{name[0]}/{name}/{file}");
    }

    public static Sha256 Sha(string seed) => Sha256.OfText(seed);
}

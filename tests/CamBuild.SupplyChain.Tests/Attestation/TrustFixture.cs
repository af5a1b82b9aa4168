using System.Text.Json.Nodes;
using CamBuild.SupplyChain.Attestation;
using CamBuild.SupplyChain.Trust;

namespace CamBuild.SupplyChain.Tests.Attestation;

/// <summary>A trust directory with one release key allowed to sign provenance and a second key that only signs delivery.</summary>
internal sealed class TrustFixture : IDisposable
{
    public TrustFixture()
    {
        Release = SigningKey.Generate("release.pem");
        Ops = SigningKey.Generate("ops.pem");
        Stranger = SigningKey.Generate("stranger.pem");
        Directory.Write("trust/release.pub", Release.PublicKeyPem());
        Directory.Write("trust/ops.pub", Ops.PublicKeyPem());
        Directory.Write("trust/policy.yaml", "keys:\n  - file: release.pub\n    sign: [provenance, qualification]\n  - file: ops.pub\n    sign: [delivery]\n");
        Policy = TrustPolicy.Load(Directory.Combine("trust"), null);
    }

    public TempDirectory Directory { get; } = new();

    public SigningKey Release { get; }

    public SigningKey Ops { get; }

    public SigningKey Stranger { get; }

    public TrustPolicy Policy { get; }

    public static readonly Sha256 Id = Sha256.OfText("rootfs");

    public static readonly Sha256 Template = Sha256.OfText("template");

    public static IReadOnlyList<StatementSubject> Subjects => [new("rootfs.tar", Id), new("debian-12-cam_1.0.tar.zst", Template)];

    public static string Provenance(Sha256? id = null) => Statement.Create(StatementTypes.Provenance,
        [new("debian-12-cam_1.0.tar.zst", Template), new("rootfs.tar", id ?? Id)],
        new JsonObject { ["buildDefinition"] = new JsonObject { ["buildType"] = "test" } });

    public string Envelope(string statement, SigningKey key, string name = "provenance.dsse.json") =>
        Attestations.Write(Directory.Combine(name), statement, key);

    public void Dispose()
    {
        Release.Dispose();
        Ops.Dispose();
        Stranger.Dispose();
        Directory.Dispose();
    }
}

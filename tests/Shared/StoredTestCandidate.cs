using CamBuild.Common;
using CamBuild.Images.Store;
using CamBuild.Pipeline;
using CamBuild.Pipeline.Supply;
using CamBuild.SupplyChain.Attestation;

namespace CamBuild.Tests.Shared;

/// <summary>
/// Puts a test candidate into a root's candidate store as the build would find it after a bake: the template under
/// its manifest's file name, the manifest, and the provenance signed with the root's local key (which the root's
/// config/trust/policy.yaml trusts), so every target that opens the candidate accepts it.
/// </summary>
internal static class StoredTestCandidate
{
    /// <returns>The template's file name in the store.</returns>
    public static string Store(PipelinePaths paths, CandidateRef candidate)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(candidate);
        var directory = Path.Combine(paths.Candidates, candidate.Id.Value);
        var fileName = $"cam_1.0.0-{candidate.Id.Value[..12]}_amd64.tar.zst";
        Directory.CreateDirectory(directory);
        File.Copy(candidate.TemplateFile, Path.Combine(directory, fileName), overwrite: true);
        File.WriteAllText(Path.Combine(directory, "manifest.json"), $$"""
            {
              "format": "cambuild-candidate/1",
              "id": "{{candidate.Id.Value}}",
              "name": "cam",
              "version": "1.0.0",
              "architecture": "amd64",
              "fileName": "{{fileName}}",
              "templateSha256": "{{candidate.TemplateSha256.Hex}}"
            }
            """);
        using var key = LocalSigningKey.LoadOrCreate(paths.Keys);
        // The test candidate's manifest holds no bake inputs, so its provenance names only what the gate checks: the
        // in-toto statement type, the SLSA predicate type and the two subjects (template file and rootfs.tar).
        var provenance = Path.Combine(directory, "provenance.json");
        static System.Text.Json.Nodes.JsonObject Subject(string name, string sha256) =>
            new() { ["name"] = name, ["digest"] = new System.Text.Json.Nodes.JsonObject { ["sha256"] = sha256 } };
        File.WriteAllText(provenance, new System.Text.Json.Nodes.JsonObject
        {
            ["_type"] = "https://in-toto.io/Statement/v1",
            ["subject"] = new System.Text.Json.Nodes.JsonArray { Subject(fileName, candidate.TemplateSha256.Hex), Subject("rootfs.tar", candidate.Id.Value) },
            ["predicateType"] = "https://slsa.dev/provenance/v1",
            ["predicate"] = new System.Text.Json.Nodes.JsonObject { ["buildDefinition"] = new System.Text.Json.Nodes.JsonObject { ["buildType"] = Provenance.BuildType } },
        }.ToJsonString());
        Signing.SignFile(provenance, key);
        return fileName;
    }
}

using System.Text.Json;
using CamBuild.Targets;
using CamBuild.Targets.Caching;

namespace CamBuild.Pipeline;

/// <summary>
/// <c>artifacts/candidate.json</c>: which candidate BakeCandidate produced last. Later targets read the id from here
/// (or from <c>--candidate</c>) and always open it through the store, which refuses a tampered file.
/// </summary>
/// <param name="Template">Path of the .tar.zst relative to the root.</param>
public sealed record CandidatePointer(string Id, string File, string Template, string TemplateSha256, string Manifest, string Provenance)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string ShortId => Id[..12];

    public void Save(string path) => AtomicFile.WriteAllText(path, JsonSerializer.Serialize(this, Json) + "\n");

    /// <summary>The one reader of the pointer; a missing, empty or broken pointer is bad input naming the fix.</summary>
    public static CandidatePointer Load(PipelinePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var path = paths.CurrentCandidate;
        if (!System.IO.File.Exists(path))
            throw new BuildInputException($"{paths.Relative(path)} not found: bake a candidate first (./build.sh BakeCandidate) or pass --candidate <id>.");
        try
        {
            var pointer = JsonSerializer.Deserialize<CandidatePointer>(System.IO.File.ReadAllText(path), Json)
                ?? throw new BuildInputException($"{paths.Relative(path)} is empty: run ./build.sh BakeCandidate again.");
            return CandidateId.IsValid(pointer.Id)
                ? pointer
                : throw new BuildInputException($"{paths.Relative(path)}: {CandidateId.NotACandidateId(pointer.Id)} Delete it and run ./build.sh BakeCandidate.");
        }
        catch (JsonException e)
        {
            throw new BuildInputException($"{paths.Relative(path)}:{e.LineNumber + 1}: not a candidate pointer ({e.Message}). Delete it and run ./build.sh BakeCandidate.", e);
        }
    }

    /// <summary>The template path recorded in the pointer, when the pointer exists and is sound (for cache output declarations).</summary>
    public static IEnumerable<string> OutputsOf(PipelinePaths paths)
    {
        try
        {
            var pointer = Load(paths);
            var directory = Path.GetDirectoryName(pointer.Manifest) ?? "";
            // The SBOMs and the signed provenance are outputs too: deleting one makes the bake run (and write it) again.
            return [pointer.Template, pointer.Manifest, Path.Combine(directory, "sbom.cdx.json"), Path.Combine(directory, "sbom.spdx.json"),
                Path.Combine(directory, "provenance.dsse.json")];
        }
        catch (BuildInputException)
        {
            return [];
        }
    }
}

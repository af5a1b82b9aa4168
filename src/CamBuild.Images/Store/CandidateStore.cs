using CamBuild.Images.Packing;

namespace CamBuild.Images.Store;

/// <summary>A candidate that passed verification: its file matches its manifest and its id.</summary>
public sealed record StoredCandidate(string Id, string Directory, string TemplatePath, CandidateManifest Manifest)
{
    /// <summary>The verified reference the later targets take instead of a path to re-read.</summary>
    public CandidateRef Ref => new(CandidateId.Parse(Id), TemplatePath, Sha256.Parse(Manifest.TemplateSha256, "the manifest's templateSha256"));
}

/// <summary>
/// Content-addressed candidates: <c>&lt;root&gt;/&lt;id&gt;/</c> holding the .tar.zst, manifest.json and provenance.json.
/// Published by renaming a finished temp directory under a store lock, so a killed bake leaves no partial candidate.
/// </summary>
public sealed class CandidateStore(string root)
{
    public string Root { get; } = Directory.CreateDirectory(root).FullName;

    public string DirectoryOf(string id) => Path.Combine(Root, id);

    public bool Contains(string id) => File.Exists(Path.Combine(DirectoryOf(id), "manifest.json"));

    public IReadOnlyList<string> List() =>
        Directory.GetDirectories(Root).Select(Path.GetFileName).Where(n => CandidateId.IsValid(n)).Select(n => n!)
            .Where(Contains).Order(StringComparer.Ordinal).ToList();

    /// <summary>Publishes a prepared directory (template, manifest, provenance) as candidate <paramref name="id"/>.</summary>
    public async Task<string> PublishAsync(string preparedDir, string id, CancellationToken cancellationToken = default)
    {
        using var storeLock = await FileLock.AcquireAsync(Path.Combine(Root, ".lock"), LockWait.UpTo(TimeSpan.FromMinutes(10)),
            $"publishing candidate {id}", cancellationToken).ConfigureAwait(false);
        var final = DirectoryOf(id);
        if (Contains(id))
        {
            AtomicFile.DeleteTree(preparedDir);
            return final;
        }
        AtomicFile.DeleteTree(final);
        var staging = Path.Combine(Root, $".tmp-{Guid.NewGuid():N}");
        Directory.Move(preparedDir, staging);
        Directory.Move(staging, final);
        return final;
    }

    /// <summary>Opens a candidate after checking the template's sha256 against the manifest and, fully, its id.</summary>
    public async Task<StoredCandidate> OpenAsync(string id, bool verifyContent = true, CancellationToken cancellationToken = default)
    {
        if (!CandidateId.IsValid(id)) throw new ImageBuildException(CandidateId.NotACandidateId(id));
        var dir = DirectoryOf(id);
        var manifestPath = Path.Combine(dir, "manifest.json");
        if (!File.Exists(manifestPath)) throw new ImageBuildException($"candidate {id} is not in the store '{Root}'; run BakeCandidate.");
        var manifest = CandidateManifest.Load(manifestPath);
        if (manifest.Id != id)
            throw new CandidateTamperedException($"'{manifestPath}' names id {manifest.Id}, but it is stored as {id}; refusing the candidate.");
        var template = Path.Combine(dir, manifest.FileName);
        if (!File.Exists(template)) throw new CandidateTamperedException($"candidate {id}: template '{template}' is missing.");
        // One read of the template verifies both: the file against the manifest, the content against the id.
        var read = await Compression.ReadTemplateAsync(template, verifyContent, cancellationToken).ConfigureAwait(false);
        var actual = read.File.Hex;
        if (actual != manifest.TemplateSha256)
        {
            throw new CandidateTamperedException(
                $"candidate {id}: '{template}' has sha256 {actual}, but its manifest records {manifest.TemplateSha256}; " +
                "the file was modified after the bake. Refusing it: rebake or restore the file.");
        }
        if (verifyContent)
        {
            var content = read.Content?.Hex ?? throw new CandidateTamperedException($"'{template}' is not a valid zstd stream: {read.ZstdError}");
            if (content != id)
                throw new CandidateTamperedException($"candidate {id}: '{template}' decompresses to sha256 {content}, not its id {id}; refusing it.");
        }
        return new StoredCandidate(id, dir, template, manifest);
    }
}

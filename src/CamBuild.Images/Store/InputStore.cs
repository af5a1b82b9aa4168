namespace CamBuild.Images.Store;

/// <summary>Content-addressed copies of every bake input (<c>&lt;cache&gt;/inputs/&lt;sha256&gt;</c>), so a candidate can be rebaked from its manifest.</summary>
internal sealed class InputStore(string cacheRoot)
{
    public string Root { get; } = Directory.CreateDirectory(Path.Combine(cacheRoot, "inputs")).FullName;

    public string PathOf(string sha256) => Path.Combine(Root, sha256);

    public void Add(string file, string sha256)
    {
        var target = PathOf(sha256);
        if (File.Exists(target) && Sha256.OfFile(target).Hex == sha256)
        {
            CamBuild.Common.Caching.MachineCache.Touch(target);
            return;
        }
        var tmp = $"{target}.{Guid.NewGuid():N}.tmp";
        File.Copy(file, tmp);
        if (Sha256.OfFile(tmp).Hex != sha256)
        {
            File.Delete(tmp);
            throw new ImageBuildException($"input '{file}' changed while the bake copied it (expected sha256 {sha256}).");
        }
        File.Move(tmp, target, overwrite: true);
    }

    /// <summary>Copies a stored input out to <paramref name="destination"/>, verifying its hash.</summary>
    public void Restore(string sha256, string destination, string what)
    {
        var source = PathOf(sha256);
        if (!File.Exists(source))
            throw new ImageBuildException($"input store '{Root}' has no copy of {what} (sha256 {sha256}); rebake needs the cache the candidate was baked with.");
        if (Sha256.OfFile(source).Hex != sha256)
            throw new CandidateTamperedException($"input store file '{source}' ({what}) no longer has sha256 {sha256}.");
        File.Copy(source, destination, overwrite: true);
    }
}

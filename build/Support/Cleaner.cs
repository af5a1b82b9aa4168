using CamBuild.Targets.Output;

namespace CamBuild.Build.Support;

internal static class Cleaner
{
    private static readonly string[] SourceFolders = ["src", "tests"];

    public static void Clean(string root, string artifacts, IBuildLog log)
    {
        var targets = new List<string> { artifacts, Path.Combine(root, ".nuke", "temp", "cache") };
        foreach (var dir in SourceFolders.Select(d => Path.Combine(root, d)).Where(Directory.Exists))
            targets.AddRange(Directory.GetDirectories(dir).SelectMany(p => new[] { Path.Combine(p, "bin"), Path.Combine(p, "obj") }));
        foreach (var path in targets.Where(Directory.Exists))
        {
            Directory.Delete(path, recursive: true);
            log.Info($"Removed {Path.GetRelativePath(root, path)}");
        }
    }
}

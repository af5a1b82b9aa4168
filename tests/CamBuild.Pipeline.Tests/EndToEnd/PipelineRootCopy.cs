using System.Text.RegularExpressions;

namespace CamBuild.Pipeline.Tests.EndToEnd;

/// <summary>
/// A throw-away build root under /var/tmp holding copies of the repository's config/ and samples/ and a .nuke/ with
/// its parameters. The heavy base-image cache is shared with the repository through a symlink (never deleted here),
/// and the repository's OS lock is copied when present so the run needs no mirror round trip to lock the OS.
/// </summary>
public sealed partial class PipelineRootCopy : IDisposable
{
    private static readonly string[] Skipped = ["__pycache__", "build", "dist"];

    private readonly string _sharedImages;

    public PipelineRootCopy()
    {
        Path = System.IO.Path.Combine("/var/tmp", "cambuild-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        var repository = RepositoryRoot.Path;
        CopyTree(System.IO.Path.Combine(repository, "config"), System.IO.Path.Combine(Path, "config"));
        CopyTree(System.IO.Path.Combine(repository, "samples"), System.IO.Path.Combine(Path, "samples"));
        Directory.CreateDirectory(System.IO.Path.Combine(Path, ".nuke"));
        File.Copy(System.IO.Path.Combine(repository, ".nuke", "parameters.json"), System.IO.Path.Combine(Path, ".nuke", "parameters.json"));

        _sharedImages = System.IO.Path.Combine(repository, ".nuke", "temp", "cache", "images");
        Directory.CreateDirectory(_sharedImages);
        Directory.CreateDirectory(System.IO.Path.Combine(Path, ".nuke", "temp", "cache"));
        File.CreateSymbolicLink(ImagesLink, _sharedImages);

        var osLock = System.IO.Path.Combine(repository, "artifacts", "locks", "os-lock.json");
        if (File.Exists(osLock))
        {
            Directory.CreateDirectory(System.IO.Path.Combine(Path, "artifacts", "locks"));
            File.Copy(osLock, System.IO.Path.Combine(Path, "artifacts", "locks", "os-lock.json"));
        }
    }

    public string Path { get; }

    public string Artifacts => System.IO.Path.Combine(Path, "artifacts");

    private string ImagesLink => System.IO.Path.Combine(Path, ".nuke", "temp", "cache", "images");

    /// <summary>Ships katproxy as a new version whose ?forward answers ok but never reaches the device (samples/README.md).</summary>
    public void BreakKatproxyForwarding(string version)
    {
        var package = System.IO.Path.Combine(Path, "samples", "packages", "katproxy");
        var build = System.IO.Path.Combine(package, "src", "katproxy", "_build.py");
        Rewrite(build, DefectsLine(), "DEFECTS: frozenset[str] = frozenset({\"forwarding\"})");
        Rewrite(System.IO.Path.Combine(package, "pyproject.toml"), VersionLine(), $"version = \"{version}\"");
    }

    /// <summary>Removes the LXC provider's extracted copy of the candidate baked in this root, if one was baked.</summary>
    public void RemoveExtractedTemplate()
    {
        var pointer = System.IO.Path.Combine(Artifacts, "candidate.json");
        if (!File.Exists(pointer)) return;
        using var json = System.Text.Json.JsonDocument.Parse(File.ReadAllText(pointer));
        var id = json.RootElement.GetProperty("id").GetString()!;
        var templates = new CamBuild.Deploy.Local.LxcProviderOptions().TemplatesDirectory;
        if (Directory.Exists(System.IO.Path.Combine(templates, id))) new CamBuild.Deploy.Local.LxcTemplateCache(templates).Remove(id);
    }

    public void Dispose()
    {
        // The symlink first: the shared cache behind it must survive whatever the recursive delete does.
        if (File.Exists(ImagesLink) || Directory.Exists(ImagesLink)) File.Delete(ImagesLink);
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
        if (!Directory.Exists(_sharedImages))
#pragma warning disable CA1065 // A clean-up that deleted the shared image cache is a test failure, loudly.
            throw new InvalidOperationException($"The shared image cache {_sharedImages} disappeared while cleaning up {Path}.");
#pragma warning restore CA1065
    }

    private static void Rewrite(string file, Regex line, string replacement)
    {
        var text = File.ReadAllText(file);
        var changed = line.Replace(text, replacement, 1);
        if (changed == text) throw new InvalidOperationException($"{file}: no line matching {line} to rewrite; the sample changed.");
        File.WriteAllText(file, changed);
    }

    private static void CopyTree(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            if (!file.EndsWith(".pyc", StringComparison.Ordinal)) File.Copy(file, System.IO.Path.Combine(to, System.IO.Path.GetFileName(file)));
        }

        foreach (var directory in Directory.EnumerateDirectories(from))
        {
            var name = System.IO.Path.GetFileName(directory);
            if (!Skipped.Contains(name) && !name.EndsWith(".egg-info", StringComparison.Ordinal)) CopyTree(directory, System.IO.Path.Combine(to, name));
        }
    }

    [GeneratedRegex(@"^DEFECTS: frozenset\[str\] = .*$", RegexOptions.Multiline)]
    private static partial Regex DefectsLine();

    [GeneratedRegex(@"^version = "".*""$", RegexOptions.Multiline)]
    private static partial Regex VersionLine();
}

using System.Text.RegularExpressions;

namespace CamBuild.Pipeline.Tests.EndToEnd;

/// <summary>
/// A throw-away build root under /var/tmp holding copies of the repository's config/ and samples/ and a .nuke/ with
/// its parameters. The heavy images (debs, base, stages) come from the machine cache every clone shares
/// (<c>--machine-cache-dir</c>, default /var/cache/cambuild; never deleted here), and the repository's OS lock is
/// copied when present so the run needs no mirror round trip to lock the OS.
/// </summary>
public sealed partial class PipelineRootCopy : IDisposable
{
    private static readonly string[] Skipped = ["__pycache__", "build", "dist"];

    /// <param name="copyOsLock">False for a root like a fresh clone, which has no OS lock yet.</param>
    public PipelineRootCopy(bool copyOsLock = true)
    {
        Path = System.IO.Path.Combine("/var/tmp", "cambuild-e2e-" + Guid.NewGuid().ToString("N")[..12]);
        var repository = RepositoryRoot.Path;
        CopyTree(System.IO.Path.Combine(repository, "config"), System.IO.Path.Combine(Path, "config"));
        CopyTree(System.IO.Path.Combine(repository, "samples"), System.IO.Path.Combine(Path, "samples"));
        Directory.CreateDirectory(System.IO.Path.Combine(Path, ".nuke"));
        File.Copy(System.IO.Path.Combine(repository, ".nuke", "parameters.json"), System.IO.Path.Combine(Path, ".nuke", "parameters.json"));

        var osLock = System.IO.Path.Combine(repository, "artifacts", "locks", "os-lock.json");
        if (copyOsLock && File.Exists(osLock))
        {
            Directory.CreateDirectory(System.IO.Path.Combine(Path, "artifacts", "locks"));
            File.Copy(osLock, System.IO.Path.Combine(Path, "artifacts", "locks", "os-lock.json"));
        }
    }

    public string Path { get; }

    public string Artifacts => System.IO.Path.Combine(Path, "artifacts");

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
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
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

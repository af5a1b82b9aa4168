using CamBuild.Python.Versions;

namespace CamBuild.Pipeline.Config;

internal sealed record LeafConfig(string Name, bool AllowPrereleases, bool AllowDev);

/// <param name="Index"><c>embedded</c> or the URL of a PEP 503/691 simple index.</param>
internal sealed record LeavesConfig(string Index, IReadOnlyList<LeafConfig> Leaves)
{
    public const string Embedded = "embedded";
    public const string RelativePath = "config/leaves.yaml";

    public bool UsesEmbeddedIndex => Index == Embedded;

    public static LeavesConfig Load(string root)
    {
        var yaml = YamlMap.Load(Path.Combine(root, RelativePath), RelativePath);
        yaml.AllowOnly("index", "leaves");
        var index = yaml.String("index") ?? Embedded;
        var hasCredentials = Uri.TryCreate(index, UriKind.Absolute, out var parsed) && parsed.UserInfo.Length > 0;
        var shown = hasCredentials ? "a URL with credentials" : $"'{index}'";
        if (index != Embedded && !(parsed is not null && parsed.Scheme is "http" or "https"))
            yaml.Error(yaml.Node("index")!, $"'index' must be 'embedded' or an http(s) URL of a simple index, not {shown}.");
        if (index != Embedded && hasCredentials)
            yaml.Error(yaml.Node("index")!, "the index URL must not contain credentials; pass them with --index-user and --index-password.");

        var leaves = new List<LeafConfig>();
        foreach (var leaf in yaml.Maps("leaves"))
        {
            leaf.AllowOnly("name", "allow_prereleases", "allow_dev");
            var name = leaf.String("name");
            if (name is null) continue;
            if (leaves.Any(l => PackageName.Normalize(l.Name) == PackageName.Normalize(name)))
                leaf.Error(leaf.Node("name")!, $"leaf '{name}' is listed twice; remove one entry.");
            leaves.Add(new LeafConfig(name, leaf.Bool("allow_prereleases", false), leaf.Bool("allow_dev", false)));
        }

        if (leaves.Count == 0 && yaml.Node("leaves") is { } list) yaml.Error(list, "'leaves' must name at least one package.");
        yaml.ThrowIfErrors();
        return new LeavesConfig(index, leaves);
    }
}

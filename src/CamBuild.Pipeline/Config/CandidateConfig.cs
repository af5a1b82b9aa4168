using System.Text.RegularExpressions;
using CamBuild.Python.Versions;

namespace CamBuild.Pipeline.Config;

internal sealed record PythonEnvironmentConfig(string Name, string Path, IReadOnlyList<string> Leaves);

internal sealed record FileConfig(string Source, string Destination, string Mode);

internal sealed record DebianConfig(string Suite, string Architecture, string Mirror);

/// <summary>What goes into the candidate template (<c>config/candidate.yaml</c>).</summary>
internal sealed record CandidateConfig(
    string Name,
    string Version,
    DebianConfig Debian,
    IReadOnlyList<string> OsPackages,
    IReadOnlyList<PythonEnvironmentConfig> PythonEnvironments,
    int CompressionLevel,
    IReadOnlyList<FileConfig> Files)
{
    public const string RelativePath = "config/candidate.yaml";

    public static CandidateConfig Load(string root, LeavesConfig leaves)
    {
        var yaml = YamlMap.Load(System.IO.Path.Combine(root, RelativePath), RelativePath);
        yaml.AllowOnly("name", "version", "debian", "os_packages", "python_environments", "compression_level", "files");
        var name = Checked(yaml, "name", "^[a-z][a-z0-9-]*$", "lower-case letters, digits and '-'") ?? "cam";
        var version = Checked(yaml, "version", @"^[0-9][0-9A-Za-z.+~]*$", "a Debian-style version such as 1.0") ?? "0";

        var debian = new DebianConfig("bookworm", "amd64", "host");
        if (yaml.Map("debian") is { } d)
        {
            d.AllowOnly("suite", "architecture", "mirror");
            debian = new DebianConfig(d.String("suite") ?? "bookworm", d.String("architecture") ?? "amd64", d.String("mirror", required: false) ?? "host");
        }

        var packages = yaml.Strings("os_packages");
        var envs = new List<PythonEnvironmentConfig>();
        var known = leaves.Leaves.Select(l => PackageName.Normalize(l.Name)).ToHashSet();
        foreach (var env in yaml.Maps("python_environments"))
        {
            env.AllowOnly("name", "path", "leaves");
            var path = env.String("path");
            if (path is not null && !path.StartsWith('/'))
                env.Error(env.Node("path")!, $"'path' must be absolute inside the template, e.g. /opt/cam/venv, not '{path}'.");
            var envLeaves = env.Strings("leaves");
            foreach (var unknown in envLeaves.Where(l => !known.Contains(PackageName.Normalize(l))))
                env.Error(env.Node("leaves")!, $"leaf '{unknown}' is not listed in {LeavesConfig.RelativePath}; add it there or remove it here.");
            envs.Add(new PythonEnvironmentConfig(env.String("name") ?? "", path ?? "", envLeaves));
        }

        var files = new List<FileConfig>();
        foreach (var file in yaml.Maps("files", required: false))
        {
            file.AllowOnly("source", "destination", "mode");
            var source = file.String("source") ?? "";
            if (source.Length > 0 && !File.Exists(System.IO.Path.Combine(root, source)) && !Directory.Exists(System.IO.Path.Combine(root, source)))
                file.Error(file.Node("source")!, $"'{source}' does not exist in the repository.");
            var mode = file.String("mode", required: false) ?? "0644";
            if (!Regex.IsMatch(mode, "^0[0-7]{3}$")) file.Error(file.Node("mode")!, $"'mode' must be octal like 0644, not '{mode}'.");
            files.Add(new FileConfig(source, file.String("destination") ?? "", mode));
        }

        var level = yaml.Int("compression_level", 3, 1, 19);
        yaml.ThrowIfErrors();
        return new CandidateConfig(name, version, debian, packages, envs, level, files);
    }

    private static string? Checked(YamlMap yaml, string key, string pattern, string what)
    {
        var value = yaml.String(key);
        if (value is not null && !Regex.IsMatch(value, pattern))
        {
            yaml.Error(yaml.Node(key)!, $"'{key}' must be {what}, not '{value}'.");
            return null;
        }

        return value;
    }
}

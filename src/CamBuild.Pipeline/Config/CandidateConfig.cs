using System.Text.RegularExpressions;
using CamBuild.Python.Versions;

namespace CamBuild.Pipeline.Config;

/// <summary>
/// One Python ecosystem of the candidate: its leaves, installed for <paramref name="Interpreter"/> (a Debian interpreter
/// of the candidate's suite, default python3) in a venv at <paramref name="Path"/>, or site-wide under the prefix
/// <paramref name="Path"/> (default /usr/local) when <paramref name="SiteWide"/>; pinned with its own constraints file.
/// </summary>
internal sealed record PythonEnvironmentConfig(string Name, string Path, IReadOnlyList<string> Leaves,
    string Interpreter = DebianPython.Default, bool SiteWide = false, string? Constraints = null)
{
    /// <summary>The constraints file Pin applies (repository-relative), or null when there is none.</summary>
    public string? ConstraintsFile(string root) =>
        Constraints ?? (File.Exists(System.IO.Path.Combine(root, CandidateConfig.DefaultConstraints)) ? CandidateConfig.DefaultConstraints : null);
}

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

    /// <summary>The constraints of an environment that names no file of its own.</summary>
    public const string DefaultConstraints = "config/constraints.txt";

    /// <summary>The configured OS packages plus those that install each environment's interpreter.</summary>
    public IReadOnlyList<string> AllOsPackages =>
        OsPackages.Concat(PythonEnvironments.SelectMany(e => DebianPython.Packages(e.Interpreter))).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Every interpreter the environments use, the default first.</summary>
    public IReadOnlyList<string> Interpreters =>
        PythonEnvironments.Select(e => e.Interpreter).Prepend(DebianPython.Default).Distinct(StringComparer.Ordinal).ToList();

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
            env.AllowOnly("name", "path", "leaves", "interpreter", "site_wide", "constraints");
            var interpreter = env.String("interpreter", required: false) ?? DebianPython.Default;
            if (DebianPython.Check(interpreter, debian.Suite) is { } bad)
            {
                env.Error(env.Node("interpreter")!, bad);
                interpreter = DebianPython.Default;
            }

            var siteWide = env.Bool("site_wide", false);
            var path = env.String("path", required: !siteWide) ?? (siteWide ? "/usr/local" : null);
            if (path is not null && !path.StartsWith('/'))
                env.Error(env.Node("path")!, $"'path' must be absolute inside the template, e.g. /opt/cam/venv, not '{path}'.");
            if (!siteWide && DebianPython.IsPython2(interpreter) && env.Node("interpreter") is { } at)
                env.Error(at, $"{interpreter} has no venv module: add 'site_wide: true' to install this environment into {interpreter}'s site-packages (under 'path', default /usr/local).");
            var constraints = env.String("constraints", required: false);
            if (constraints is not null && !File.Exists(System.IO.Path.Combine(root, constraints)))
                env.Error(env.Node("constraints")!, $"constraints file '{constraints}' does not exist in the repository; create it or remove the key.");
            var envLeaves = env.Strings("leaves");
            foreach (var unknown in envLeaves.Where(l => !known.Contains(PackageName.Normalize(l))))
                env.Error(env.Node("leaves")!, $"leaf '{unknown}' is not listed in {LeavesConfig.RelativePath}; add it there or remove it here.");
            var envName = env.String("name") ?? "";
            if (envs.Any(e => e.Name == envName) && env.Node("name") is { } dup)
                env.Error(dup, $"a second python environment named '{envName}': each needs its own name (it names its lock directory).");
            envs.Add(new PythonEnvironmentConfig(envName, path ?? "", envLeaves, interpreter, siteWide, constraints));
        }

        foreach (var clash in envs.Where(e => e.SiteWide).GroupBy(e => e.Interpreter).Where(g => g.Count() > 1))
            yaml.Error(yaml.Node("python_environments")!, $"{clash.Count()} site-wide environments for {clash.Key} ({string.Join(", ", clash.Select(e => e.Name))}): one interpreter has one site-wide ecosystem; merge them or give one a venv.");

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

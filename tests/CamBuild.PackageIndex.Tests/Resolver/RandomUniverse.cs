using System.Globalization;
using System.Net;
using System.Text;
using CamBuild.PackageIndex.Wheels;

namespace CamBuild.PackageIndex.Tests.Resolver;

/// <summary>One generated wheel of a universe.</summary>
internal sealed record UniverseWheel(string Project, string Version, string Path, string Sha256, string? RequiresPython, string? YankedReason);

/// <summary>
/// A seeded random universe of real pure wheels in one flat directory, with an <c>index.html</c> find-links page
/// carrying <c>data-requires-python</c> and <c>data-yanked</c> (pip reads both from find-links pages too).
/// 10-40 projects, 1-5 versions each (pre-releases, post-releases, dev releases), markers that are true and false on
/// the host interpreter, extras, yanked files and Requires-Python bounds on either side of it.
/// </summary>
internal sealed class RandomUniverse
{
    private static readonly string[] VersionPool = ["0.9", "1.0", "1.0.post1", "1.1", "1.2rc1", "2.0", "2.1", "2.2b1", "3.0.dev1", "3.0", "3.1"];
    private static readonly string[] Specifiers =
        ["", "", "", "", "", ">=1.0", "<3", ">=0.9,<4", "==1.*", "!=1.1", ">=2.0rc1", "~=1.0", ">0.9", "<=2.1", "==2.0", "===1.0", ">=3", "<2"];
    private static readonly string[] Finals = ["1.0", "1.1", "2.0"];
    private static readonly string[] TrueMarkers = ["sys_platform == \"linux\"", "python_version >= \"3.8\"", "os_name == \"posix\"", "os.name == \"posix\""];
    private static readonly string[] FalseMarkers = ["python_version < \"3.8\"", "sys_platform == \"win32\"", "platform_system == \"Windows\""];
    private static readonly string[] RequiresPythonPool = [">=3.8", ">=3.7,<4", ">=3.12", "<3.11", ">=3.11"];

    private RandomUniverse(string directory, IReadOnlyList<string> roots, IReadOnlyList<UniverseWheel> wheels)
    {
        Directory = directory;
        Roots = roots;
        Wheels = wheels;
    }

    public string Directory { get; }

    public string FindLinksPage => System.IO.Path.Combine(Directory, "index.html");

    public IReadOnlyList<string> Roots { get; }

    public IReadOnlyList<UniverseWheel> Wheels { get; }

    public static RandomUniverse Write(int seed, string directory)
    {
        var random = new Random(seed);
        System.IO.Directory.CreateDirectory(directory);
        var count = 10 + random.Next(31);
        var names = Enumerable.Range(0, count).Select(i => $"u{seed % 1000:D3}-{(random.Next(2) == 0 ? "lib" : "Pkg_")}{i:D2}").ToArray();
        var wheels = new List<UniverseWheel>();
        // At least one final of the middle range, so most universes are solvable and the comparison says something.
        var versionsOf = names.Select(_ => VersionPool.OrderBy(_ => random.Next()).Take(1 + random.Next(4)).Append(Pick(random, Finals)).Distinct().ToArray()).ToArray();
        string SpecifierFor(int project)
        {
            // Four times in five a specifier some release of the project satisfies; otherwise any (possibly none).
            var candidates = random.Next(5) == 0 ? Specifiers : Specifiers.Where(s => versionsOf[project].Any(v =>
                CamBuild.Python.Versions.SpecifierSet.Parse(s).Contains(CamBuild.Python.Versions.PythonVersion.Parse(v), allowPrereleases: true))).ToArray();
            return Pick(random, candidates.Length > 0 ? candidates : Specifiers);
        }

        for (var i = 0; i < count; i++)
        {
            foreach (var version in versionsOf[i])
            {
                var requires = new List<string>();
                var extras = new List<string>();
                // Dependencies only on later projects: a DAG, so neither resolver meets a cycle it might handle differently.
                for (var d = random.Next(4); d > 0 && i + 1 < count; d--)
                {
                    var targetIndex = i + 1 + random.Next(Math.Min(8, count - i - 1));
                    var requirement = names[targetIndex] + (random.Next(6) == 0 ? "[feat]" : string.Empty) + SpecifierFor(targetIndex);
                    var roll = random.Next(10);
                    if (roll == 0)
                        requirement += "; " + Pick(random, TrueMarkers);
                    else if (roll == 1)
                        requirement += "; " + Pick(random, FalseMarkers);
                    else if (roll == 2)
                    {
                        requirement += "; extra == \"feat\"";
                        if (!extras.Contains("feat"))
                            extras.Add("feat");
                    }
                    requires.Add(requirement);
                }

                if (random.Next(5) == 0 && !extras.Contains("feat"))
                    extras.Add("feat");
                var requiresPython = random.Next(4) == 0 ? Pick(random, RequiresPythonPool) : null;
                var metadata = new CoreMetadata("2.1", names[i], version, requiresPython, requires, extras);
                var module = ProjectNames.WheelEscape(names[i]);
                var path = WheelWriter.WritePure(directory, metadata, new Dictionary<string, string> { [$"{module}/__init__.py"] = $"V = \"{version}\"\n" });
                var yanked = random.Next(9) == 0 ? Pick(random, ["broken", ""]) : null;
                wheels.Add(new UniverseWheel(ProjectNames.Normalize(names[i]), version, path, Sha256Hex.OfFile(path), requiresPython, yanked));
            }
        }

        var roots = Enumerable.Range(0, 1 + random.Next(3))
            .Select(_ => random.Next(Math.Max(1, count / 3)))
            .Select(root => names[root] + (random.Next(5) == 0 ? "[feat]" : string.Empty) + SpecifierFor(root))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        WritePage(directory, wheels);
        return new RandomUniverse(directory, roots, wheels);
    }

    private static void WritePage(string directory, IEnumerable<UniverseWheel> wheels)
    {
        var page = new StringBuilder("<!DOCTYPE html>\n<html><body>\n");
        foreach (var wheel in wheels)
        {
            var name = System.IO.Path.GetFileName(wheel.Path);
            page.Append(CultureInfo.InvariantCulture, $"<a href=\"{WebUtility.HtmlEncode(name)}#sha256={wheel.Sha256}\"");
            if (wheel.RequiresPython is { } requiresPython)
                page.Append(CultureInfo.InvariantCulture, $" data-requires-python=\"{WebUtility.HtmlEncode(requiresPython)}\"");
            if (wheel.YankedReason is { } reason)
                page.Append(CultureInfo.InvariantCulture, $" data-yanked=\"{WebUtility.HtmlEncode(reason)}\"");
            page.Append(CultureInfo.InvariantCulture, $">{WebUtility.HtmlEncode(name)}</a><br/>\n");
        }

        File.WriteAllText(System.IO.Path.Combine(directory, "index.html"), page.Append("</body></html>\n").ToString());
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}

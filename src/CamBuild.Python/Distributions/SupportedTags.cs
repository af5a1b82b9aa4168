using System.Globalization;
using CamBuild.Python.Markers;

namespace CamBuild.Python.Distributions;

/// <summary>
/// The wheel tags a target interpreter accepts, most specific first, computed the way installers compute them
/// (<c>packaging.tags.sys_tags</c>, which pip uses) from the marker environment instead of the running process:
/// CPython tags (<c>cpXY-cpXY</c>, <c>cpXY-abi3</c> for 3.2+, <c>cpXY-none</c>, older <c>cpXW-abi3</c>) on the platform
/// tags, then the compatible tags (<c>pyXY-none-platform</c>, <c>cpXY-none-any</c>, <c>pyXY-none-any</c>). The
/// <c>m</c> ABI suffix exists only before 3.8 (pymalloc); Python 2 gets <c>cp27mu</c> (Debian builds it with pymalloc and
/// UCS-4) and no <c>abi3</c>; <c>abi3</c> is never combined with <c>any</c>.
/// </summary>
internal static class SupportedTags
{
    // packaging._manylinux: the legacy aliases of manylinux_2_17, _2_12 and _2_5 (PEP 599, 571, 513).
    private static readonly Dictionary<(int, int), string> LegacyManylinux = new()
    {
        [(2, 17)] = "manylinux2014",
        [(2, 12)] = "manylinux2010",
        [(2, 5)] = "manylinux1",
    };

    private static readonly Dictionary<string, string> InterpreterAbbreviations = new(StringComparer.Ordinal)
    {
        ["python"] = "py",
        ["cpython"] = "cp",
        ["pypy"] = "pp",
        ["ironpython"] = "ip",
        ["jython"] = "jy",
    };

    /// <summary>The ordered tag list; every tag is lower case, as PEP 425 tags are compared.</summary>
    public static IReadOnlyList<WheelTag> For(MarkerEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var version = environment.InterpreterVersion;
        var major = (int)version.Release[0];
        var minor = version.Release.Count > 1 ? (int)version.Release[1] : 0;
        var platforms = PlatformTags(environment).ToArray();
        var tags = new List<WheelTag>();
        string interpreter;
        if (Implementation(environment) == "cpython")
        {
            interpreter = $"cp{major}{minor}";
            var abis = new List<string> { major == 2 ? $"cp{major}{minor}mu" : major == 3 && minor < 8 ? $"cp{major}{minor}m" : $"cp{major}{minor}" };
            var abi3 = major > 3 || (major == 3 && minor >= 2);
            if (abi3)
            {
                abis.Add("abi3");
            }

            abis.Add("none");
            tags.AddRange(from abi in abis from platform in platforms select new WheelTag(interpreter, abi, platform));
            if (abi3)
            {
                for (var older = minor - 1; older > 1; older--)
                {
                    tags.AddRange(platforms.Select(p => new WheelTag($"cp{major}{older}", "abi3", p)));
                }
            }
        }
        else
        {
            var abbreviation = InterpreterAbbreviations.GetValueOrDefault(Implementation(environment), Implementation(environment));
            interpreter = $"{abbreviation}{major}{minor}";
            tags.AddRange(platforms.Select(p => new WheelTag(interpreter, "none", p)));
        }

        var pythons = PythonRange(major, minor).ToArray();
        tags.AddRange(from python in pythons from platform in platforms select new WheelTag(python, "none", platform));
        tags.Add(new WheelTag(interpreter, "none", "any"));
        tags.AddRange(pythons.Select(p => new WheelTag(p, "none", "any")));
        return tags.Distinct().ToArray();
    }

    /// <summary>
    /// The implementation's name: <c>implementation_name</c>, or on Python 2 (where PEP 508 makes it "") the lower-case
    /// <c>platform_python_implementation</c>, as installers running on 2.7 name it.
    /// </summary>
    private static string Implementation(MarkerEnvironment environment) =>
        environment.ImplementationName.Length > 0 ? environment.ImplementationName : environment.PlatformPythonImplementation.ToLowerInvariant();

    /// <summary>pyXY, pyX, then pyX(Y-1) down to pyX0.</summary>
    private static IEnumerable<string> PythonRange(int major, int minor)
    {
        yield return $"py{major}{minor}";
        yield return $"py{major}";
        for (var older = minor - 1; older >= 0; older--)
        {
            yield return $"py{major}{older}";
        }
    }

    private static IEnumerable<string> PlatformTags(MarkerEnvironment environment)
    {
        var machine = environment.PlatformMachine.ToLowerInvariant().Replace('-', '_').Replace('.', '_').Replace(' ', '_');
        return environment.SysPlatform switch
        {
            // Python 2 reports "linux2" (the kernel's major version was appended until 3.3).
            "linux" or "linux2" => LinuxPlatforms(machine, environment.GlibcVersion),
            "darwin" => MacPlatforms(environment.PlatformRelease, machine),
            "win32" => [machine switch { "amd64" or "x86_64" => "win_amd64", "arm64" => "win_arm64", _ => "win32" }],
            _ => [],
        };
    }

    /// <summary>
    /// manylinux_{glibc major}_{minor} from the target's glibc down to 2.17 (2.5 on x86_64 and i686: older glibc
    /// has no other architectures), each followed by its legacy alias, then linux_{arch} (PEP 600). Without a
    /// known glibc no manylinux tag applies, as with installers.
    /// </summary>
    private static IEnumerable<string> LinuxPlatforms(string arch, string? glibc)
    {
        if (glibc is not null && MarkerEnvironment.TryParseGlibc(glibc, out var major, out var minor))
        {
            var oldest = arch is "x86_64" or "i686" ? (Major: 2, Minor: 5) : (Major: 2, Minor: 17);
            var maxima = new List<(int Major, int Minor)> { (major, minor) };
            for (var older = major - 1; older > 1; older--)
            {
                maxima.Add((older, 50)); // packaging assumes at most 50 minor versions for an older glibc major
            }

            foreach (var (maxMajor, maxMinor) in maxima)
            {
                var lowest = maxMajor == oldest.Major ? oldest.Minor : 0;
                for (var m = maxMinor; m >= lowest; m--)
                {
                    yield return string.Create(CultureInfo.InvariantCulture, $"manylinux_{maxMajor}_{m}_{arch}");
                    if (LegacyManylinux.TryGetValue((maxMajor, m), out var legacy))
                    {
                        yield return $"{legacy}_{arch}";
                    }
                }
            }
        }

        yield return $"linux_{arch}";
    }

    /// <summary>
    /// macOS tags from the target's own release down (never newer than it), with the binary formats a CPU runs.
    /// The macOS version comes from the Darwin kernel release in <c>platform_release</c>: Darwin 20+ is macOS
    /// (N-9), Darwin 8-19 is 10.(N-4).
    /// </summary>
    private static IEnumerable<string> MacPlatforms(string darwinRelease, string arch)
    {
        var darwin = int.TryParse(darwinRelease.Split('.')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : 0;
        if (darwin < 8)
        {
            yield break;
        }

        var (major, minor) = darwin >= 20 ? (darwin - 9, 0) : (10, darwin - 4);
        if (major == 10)
        {
            for (var m = minor; m >= 0; m--)
            {
                foreach (var format in MacFormats(10, m, arch))
                {
                    yield return string.Create(CultureInfo.InvariantCulture, $"macosx_10_{m}_{format}");
                }
            }

            yield break;
        }

        for (var m = major; m >= 11; m--)
        {
            foreach (var format in MacFormats(m, 0, arch))
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"macosx_{m}_0_{format}");
            }
        }

        for (var m = 16; m >= 4; m--)
        {
            foreach (var format in arch == "x86_64" ? MacFormats(10, m, arch) : ["universal2"])
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"macosx_10_{m}_{format}");
            }
        }
    }

    private static IEnumerable<string> MacFormats(int major, int minor, string arch)
    {
        var old = major == 10 && minor < 4;
        if (arch == "x86_64" && old)
        {
            yield break;
        }

        yield return arch;
        if (arch == "x86_64")
        {
            yield return "intel";
            yield return "fat64";
            yield return "fat32";
        }

        if (arch is "arm64" or "x86_64")
        {
            yield return "universal2";
        }

        if (arch == "x86_64")
        {
            yield return "universal";
        }
    }
}

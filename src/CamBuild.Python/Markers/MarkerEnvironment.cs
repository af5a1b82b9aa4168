using System.Text.Json;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Markers;

/// <summary>
/// The PEP 508 marker variables of one target interpreter. Obtain them from the candidate's own python (run
/// <see cref="ProbeScript"/> with it, possibly inside a chroot, and pass its output to <see cref="FromJson"/>),
/// never from the host running the build.
/// </summary>
public sealed record MarkerEnvironment(
    string ImplementationName,
    string ImplementationVersion,
    string OsName,
    string PlatformMachine,
    string PlatformRelease,
    string PlatformSystem,
    string PlatformVersion,
    string PythonFullVersion,
    string PlatformPythonImplementation,
    string PythonVersion,
    string SysPlatform)
{
    /// <summary>
    /// The glibc version of the target (e.g. "2.36"), read with <c>os.confstr("CS_GNU_LIBC_VERSION")</c> the way
    /// installers read it; null when unknown or not a glibc system. Not a PEP 508 variable: it bounds the
    /// <c>manylinux_X_Y</c> wheel tags the target accepts (PEP 600).
    /// </summary>
    public string? GlibcVersion { get; init; }

    /// <summary>
    /// Python source for <c>python -c</c>; prints the 11 PEP 508 variables and <c>glibc_version</c> (empty when
    /// not glibc) as one sorted JSON object. It runs on Python 2.7 as well: without <c>sys.implementation</c> (before
    /// 3.3) PEP 508 defines <c>implementation_name</c> as "" and <c>implementation_version</c> as "0".
    /// </summary>
    public const string ProbeScript =
        "import json, os, platform, sys\n" +
        "def glibc():\n" +
        "    # Python 2 does not know the name; 2 is glibc's _CS_GNU_LIBC_VERSION.\n" +
        "    name = 'CS_GNU_LIBC_VERSION' if 'CS_GNU_LIBC_VERSION' in getattr(os, 'confstr_names', {}) else 2\n" +
        "    try:\n" +
        "        text = os.confstr(name) or ''\n" +
        "    except (AttributeError, OSError, ValueError):\n" +
        "        text = ''\n" +
        "    parts = text.split()\n" +
        "    return parts[1] if len(parts) == 2 and parts[0] == 'glibc' else ''\n" +
        "def full(info):\n" +
        "    text = '%d.%d.%d' % (info.major, info.minor, info.micro)\n" +
        "    if info.releaselevel != 'final':\n" +
        "        text += info.releaselevel[0] + str(info.serial)\n" +
        "    return text\n" +
        "impl = getattr(sys, 'implementation', None)\n" +
        "print(json.dumps({\n" +
        "    'glibc_version': glibc(),\n" +
        "    'implementation_name': impl.name if impl else '',\n" +
        "    'implementation_version': full(impl.version) if impl else '0',\n" +
        "    'os_name': os.name,\n" +
        "    'platform_machine': platform.machine(),\n" +
        "    'platform_python_implementation': platform.python_implementation(),\n" +
        "    'platform_release': platform.release(),\n" +
        "    'platform_system': platform.system(),\n" +
        "    'platform_version': platform.version(),\n" +
        "    'python_full_version': platform.python_version(),\n" +
        "    'python_version': '.'.join(platform.python_version_tuple()[:2]),\n" +
        "    'sys_platform': sys.platform,\n" +
        "}, sort_keys=True))\n";

    public static readonly IReadOnlyList<string> VariableNames =
    [
        "implementation_name", "implementation_version", "os_name", "platform_machine",
        "platform_python_implementation", "platform_release", "platform_system", "platform_version",
        "python_full_version", "python_version", "sys_platform",
    ];

    /// <summary>The interpreter version as a PEP 440 version (for Requires-Python checks).</summary>
    internal PythonVersion InterpreterVersion => Versions.PythonVersion.TryParse(PythonFullVersion, out var v)
        ? v
        : throw new PythonPackagingException(
            $"python_full_version '{PythonFullVersion}' of the target environment is not a PEP 440 version.");

    /// <summary>
    /// A CPython on glibc Linux with the given full version (e.g. "3.11.2"); glibc 2.36 is Debian 12's. Handy for
    /// tests and defaults.
    /// </summary>
    public static MarkerEnvironment ForCPythonOnLinux(string pythonFullVersion, string machine = "x86_64", string? glibc = "2.36")
    {
        var parsed = Versions.PythonVersion.Parse(pythonFullVersion);
        var shortVersion = $"{parsed.Release[0]}.{(parsed.Release.Count > 1 ? parsed.Release[1] : 0)}";
        return new MarkerEnvironment(
            "cpython", pythonFullVersion, "posix", machine, "6.1.0", "Linux", "#1 SMP", pythonFullVersion, "CPython",
            shortVersion, "linux")
        { GlibcVersion = glibc };
    }

    /// <summary>Parses the JSON printed by <see cref="ProbeScript"/>; <paramref name="sourceName"/> names it in errors.</summary>
    public static MarkerEnvironment FromJson(string json, string sourceName = "marker environment probe output")
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new PythonPackagingException(
                $"{sourceName}: not valid JSON ({ex.Message}); run MarkerEnvironment.ProbeScript with the target python.", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new PythonPackagingException($"{sourceName}: expected a JSON object of the PEP 508 marker variables.");
            }

            string Read(string name) =>
                document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()!
                    : throw new PythonPackagingException(
                        $"{sourceName}: the string variable '{name}' is missing; run MarkerEnvironment.ProbeScript with the target python.");

            string? glibc = null;
            if (document.RootElement.TryGetProperty("glibc_version", out var glibcValue))
            {
                glibc = glibcValue.ValueKind == JsonValueKind.String
                    ? glibcValue.GetString() is { Length: > 0 } g ? g : null
                    : throw new PythonPackagingException($"{sourceName}: 'glibc_version' must be a string (empty when not glibc).");
                if (glibc is not null && !TryParseGlibc(glibc, out _, out _))
                {
                    throw new PythonPackagingException(
                        $"{sourceName}: glibc_version '{glibc}' is not of the form MAJOR.MINOR; run MarkerEnvironment.ProbeScript with the target python.");
                }
            }

            return new MarkerEnvironment(
                Read("implementation_name"), Read("implementation_version"), Read("os_name"), Read("platform_machine"),
                Read("platform_release"), Read("platform_system"), Read("platform_version"), Read("python_full_version"),
                Read("platform_python_implementation"), Read("python_version"), Read("sys_platform"))
            { GlibcVersion = glibc };
        }
    }

    /// <summary>True when the JSON carries the <c>glibc_version</c> key (probes older than it do not).</summary>
    public static bool HasGlibcKey(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("glibc_version", out _);
    }

    /// <summary>Parses "2.36" into (2, 36); the same shape glibc's own version string has.</summary>
    public static bool TryParseGlibc(string text, out int major, out int minor)
    {
        major = minor = -1;
        var parts = (text ?? string.Empty).Split('.');
        return parts.Length >= 2
            && int.TryParse(parts[0], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out major)
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out minor);
    }

    /// <summary>The value of a PEP 508 variable, or null when the name is not one.</summary>
    public string? Get(string variable) => variable switch
    {
        "implementation_name" => ImplementationName,
        "implementation_version" => ImplementationVersion,
        "os_name" => OsName,
        "platform_machine" => PlatformMachine,
        "platform_release" => PlatformRelease,
        "platform_system" => PlatformSystem,
        "platform_version" => PlatformVersion,
        "python_full_version" => PythonFullVersion,
        "platform_python_implementation" => PlatformPythonImplementation,
        "python_version" => PythonVersion,
        "sys_platform" => SysPlatform,
        _ => null,
    };

    /// <summary>A PEP 508 marker that is true exactly for this environment (for pylock.toml <c>environments</c>).</summary>
    public string ToMarker() =>
        $"implementation_name == \"{ImplementationName}\" and python_full_version == \"{PythonFullVersion}\" " +
        $"and sys_platform == \"{SysPlatform}\" and platform_machine == \"{PlatformMachine}\"";

    /// <summary>Short human description, e.g. "CPython 3.11.2 linux x86_64".</summary>
    public string Describe() => $"{PlatformPythonImplementation} {PythonFullVersion} {SysPlatform} {PlatformMachine}";
}

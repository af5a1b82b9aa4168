using System.Globalization;
using CamBuild.Python.Markers;

namespace CamBuild.Python.Distributions;

/// <summary>
/// Decides whether a wheel's tags can be installed by the target interpreter described by a marker environment.
/// Covers pure wheels, abi3 and CPython-specific wheels on glibc Linux, macOS and Windows; musllinux is refused
/// because the candidate image is Debian (glibc).
/// </summary>
public sealed class WheelCompatibility
{
    private readonly MarkerEnvironment _environment;
    private readonly int _major;
    private readonly int _minor;
    private readonly bool _isCPython;

    public WheelCompatibility(MarkerEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _environment = environment;
        var version = environment.InterpreterVersion;
        _major = (int)version.Release[0];
        _minor = version.Release.Count > 1 ? (int)version.Release[1] : 0;
        _isCPython = environment.ImplementationName == "cpython";
    }

    public bool IsCompatible(DistributionFileName wheel)
    {
        ArgumentNullException.ThrowIfNull(wheel);
        return wheel.IsWheel && wheel.Tags.Any(IsCompatible);
    }

    public bool IsCompatible(WheelTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return PythonAndAbiMatch(tag.Python, tag.Abi) && PlatformMatches(tag.Platform);
    }

    private bool PythonAndAbiMatch(string python, string abi)
    {
        var own = $"{_major}{_minor}";
        if (abi == "none")
        {
            return python == $"py{_major}" || python == $"py{own}" || (python.StartsWith($"py{_major}", StringComparison.Ordinal)
                && TryMinor(python[2..], out var minor) && minor <= _minor) || (_isCPython && python == $"cp{own}");
        }

        if (!_isCPython || !python.StartsWith("cp", StringComparison.Ordinal))
        {
            return false;
        }

        if (abi == "abi3")
        {
            return TryMinor(python[2..], out var minor) && minor <= _minor;
        }

        return python == $"cp{own}" && (abi == $"cp{own}" || abi == $"cp{own}m");
    }

    private bool TryMinor(string digits, out int minor)
    {
        minor = -1;
        var prefix = _major.ToString(CultureInfo.InvariantCulture);
        return digits.Length > prefix.Length && digits.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(digits[prefix.Length..], NumberStyles.None, CultureInfo.InvariantCulture, out minor);
    }

    private bool PlatformMatches(string platform)
    {
        if (platform == "any")
        {
            return true;
        }

        var machine = _environment.PlatformMachine.ToLowerInvariant();
        return _environment.SysPlatform switch
        {
            "linux" => (platform.StartsWith("manylinux", StringComparison.Ordinal) || platform.StartsWith("linux_", StringComparison.Ordinal))
                && platform.EndsWith("_" + machine, StringComparison.Ordinal),
            "darwin" => platform.StartsWith("macosx_", StringComparison.Ordinal)
                && (platform.EndsWith("_" + machine, StringComparison.Ordinal) || platform.EndsWith("_universal2", StringComparison.Ordinal)),
            "win32" => platform == machine switch { "amd64" => "win_amd64", "arm64" => "win_arm64", _ => "win32" },
            _ => false,
        };
    }
}

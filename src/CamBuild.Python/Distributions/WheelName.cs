using System.Globalization;
using System.Numerics;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Distributions;

/// <summary>
/// The parts of a wheel file name <c>{name}-{version}(-{build})?-{python}-{abi}-{platform}.whl</c> (binary
/// distribution format, PEP 427/425). Compressed tag sets are expanded; the tags are lower case.
/// </summary>
internal sealed record WheelName(string Name, PythonVersion Version, BigInteger? BuildNumber, string BuildSuffix, IReadOnlyList<WheelTag> Tags)
{
    /// <summary>The parsed name, or null with <paramref name="problem"/> saying what is wrong.</summary>
    public static WheelName? TryParse(string fileName, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        problem = Check(fileName, out var result);
        return problem is null ? result : null;
    }

    private static string? Check(string fileName, out WheelName? result)
    {
        result = null;
        if (!fileName.EndsWith(".whl", StringComparison.Ordinal))
        {
            return "it does not end with .whl";
        }

        // The components are escaped so that none holds white space; an installer that splits on white space (or a
        // requirements file) cannot name such a file, so it is refused, not trimmed.
        if (fileName.Any(char.IsWhiteSpace))
        {
            return "it contains white space";
        }

        var parts = fileName[..^".whl".Length].Split('-');
        if (parts.Length is not (5 or 6))
        {
            return "it needs 5 or 6 dash-separated components";
        }

        if (!PackageName.IsValid(parts[0]) || parts[0].Contains('-', StringComparison.Ordinal) || parts[0].Contains("__", StringComparison.Ordinal))
        {
            return $"'{parts[0]}' is not an escaped project name";
        }

        if (!PythonVersion.TryParse(parts[1], out var version))
        {
            return $"'{parts[1]}' is not a PEP 440 version";
        }

        BigInteger? build = null;
        var buildSuffix = string.Empty;
        if (parts.Length == 6)
        {
            var digits = parts[2].TakeWhile(char.IsAsciiDigit).Count();
            if (digits == 0)
            {
                return $"the build tag '{parts[2]}' must start with a digit";
            }

            build = BigInteger.Parse(parts[2][..digits], NumberStyles.None, CultureInfo.InvariantCulture);
            buildSuffix = parts[2][digits..];
        }

        var sets = parts[^3..].Select(p => p.ToLowerInvariant().Split('.')).ToArray();
        if (sets.Any(s => s.Any(string.IsNullOrEmpty)))
        {
            // PEP 425: a compressed tag set joins tags with '.'; an empty member ("py3.-none-any") is no tag.
            return $"the tag set '{string.Join('-', parts[^3..])}' has an empty member";
        }

        var tags = (
            from p in sets[0]
            from a in sets[1]
            from t in sets[2]
            select new WheelTag(p, a, t)).Distinct().ToArray();
        result = new WheelName(PackageName.Normalize(parts[0]), version, build, buildSuffix, tags);
        return null;
    }
}

using System.Text.RegularExpressions;

namespace CamBuild.Pipeline.Config;

/// <summary>
/// The Python interpreters a Debian suite ships and the packages that install one: <c>python3</c> is the suite's
/// default 3.x, <c>pythonX.Y</c> names one version. Only what a candidate needs to carry an interpreter is here: its
/// binary, the venv module (3.x) and, for 2.7, Debian's pip wheel (<c>python-pip-whl</c>, a py2.py3 wheel) since no
/// other installer runs on 2.7.
/// </summary>
internal static partial class DebianPython
{
    public const string Default = "python3";

    /// <summary>suite -> (python3's version, every pythonX.Y the suite ships). Suites not listed are not checked.</summary>
    private static readonly Dictionary<string, (string Python3, string[] Versions)> Suites = new(StringComparer.Ordinal)
    {
        ["buster"] = ("3.7", ["2.7", "3.7"]),
        ["bullseye"] = ("3.9", ["2.7", "3.9"]),
        ["bookworm"] = ("3.11", ["3.11"]),
        ["trixie"] = ("3.13", ["3.13"]),
    };

    [GeneratedRegex(@"^python([23])(\.([0-9]+))?$")]
    private static partial Regex Name();

    /// <summary>True for <c>python3</c>, <c>python2.7</c>, <c>python3.9</c> ...; the reason otherwise.</summary>
    public static string? Check(string interpreter, string suite)
    {
        var match = Name().Match(interpreter);
        if (!match.Success)
            return $"'interpreter' must name a Debian interpreter such as python3, python3.9 or python2.7, not '{interpreter}'.";
        if (!match.Groups[2].Success && match.Groups[1].Value == "2")
            return "'interpreter: python2' is not a Debian interpreter name; write python2.7.";
        if (!Suites.TryGetValue(suite, out var known) || !match.Groups[2].Success) return null;
        var version = interpreter["python".Length..];
        if (known.Versions.Contains(version)) return null;
        var others = string.Join(", ", Suites.Where(s => s.Value.Versions.Contains(version)).Select(s => s.Key));
        return $"Debian {suite} ships no {interpreter} (it has {string.Join(", ", known.Versions.Select(v => "python" + v))})"
            + (others.Length > 0 ? $"; {interpreter} comes with {others}: set debian.suite to one of them." : "; choose one of those.");
    }

    public static bool IsPython2(string interpreter) => interpreter.StartsWith("python2", StringComparison.Ordinal);

    /// <summary>The interpreter's binary inside the template.</summary>
    public static string Binary(string interpreter) => "/usr/bin/" + interpreter;

    /// <summary>python3 -> its version on a known suite (bookworm: 3.11), else null.</summary>
    public static string? VersionOf(string interpreter, string suite) =>
        interpreter == Default ? Suites.TryGetValue(suite, out var s) ? s.Python3 : null : interpreter["python".Length..];

    /// <summary>The Debian packages that install the interpreter (and what installing into it needs).</summary>
    public static IEnumerable<string> Packages(string interpreter)
    {
        yield return interpreter;
        if (IsPython2(interpreter))
        {
            yield return "python-pip-whl";
            yield break;
        }

        // The venv module; it depends on Debian's pip wheel, which the bake runs pip from (also for site-wide installs).
        yield return interpreter + "-venv";
    }
}

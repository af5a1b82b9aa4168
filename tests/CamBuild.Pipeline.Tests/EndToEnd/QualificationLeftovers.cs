using System.Diagnostics;
using System.Text.RegularExpressions;

namespace CamBuild.Pipeline.Tests.EndToEnd;

/// <summary>What a qualification environment leaves on this host if teardown did not run: containers and a bridge.</summary>
public static partial class QualificationLeftovers
{
    private const string LxcRoot = "/var/lib/cambuild/lxc";

    /// <summary>The fresh environment's name, from the report directory Qualify wrote (<c>&lt;id12&gt;-q-&lt;env&gt;-&lt;suffix&gt;</c>).</summary>
    public static string EnvironmentOf(string artifacts)
    {
        var reports = Path.Combine(artifacts, "reports");
        var names = Directory.Exists(reports)
            ? Directory.GetDirectories(reports).Select(d => ReportDirectory().Match(Path.GetFileName(d))).Where(m => m.Success).Select(m => m.Groups[1].Value).ToList()
            : [];
        return Assert.Single(names);
    }

    public static string BridgeOf(string environment) => "cbq" + environment[(environment.LastIndexOf('-') + 1)..];

    public static IReadOnlyList<string> Containers(string environment)
    {
        using var process = Process.Start(new ProcessStartInfo("lxc-ls", ["-P", Path.Combine(LxcRoot, environment), "-1"]) { RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static bool EnvironmentDirectoryExists(string environment) => Directory.Exists(Path.Combine(LxcRoot, environment));

    public static bool LinkExists(string name) => Directory.Exists(Path.Combine("/sys/class/net", name));

    [GeneratedRegex("^[0-9a-f]{12}-(q-local-[0-9a-f]{8})$")]
    private static partial Regex ReportDirectory();
}

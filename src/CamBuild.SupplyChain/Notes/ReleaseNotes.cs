using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CamBuild.SupplyChain.Notes;

/// <summary>One side of the notes: a release and what it is made of.</summary>
public sealed record ReleaseSide(
    string Release, string Channel, string CandidateId, string ConfigurationHash, string Environment, bool QualificationPassed,
    int TestsPassed, int TestsFailed, int TestsSkipped, IReadOnlyList<string> Suites, DateTimeOffset PromotedAt);

/// <summary>Release notes between two releases: packages from the SBOMs, the configuration and the qualification of each.</summary>
public sealed record ReleaseNotes(ReleaseSide From, ReleaseSide To, IReadOnlyList<PackageChange> Packages)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(new
    {
        Format = "cambuild-release-notes/1",
        From,
        To,
        ConfigurationChanged = From.ConfigurationHash != To.ConfigurationHash,
        Packages = Packages.Select(p => new { p.Kind, p.Scope, p.Name, p.Change, p.From, p.To }),
    }, Json) + "\n";

    /// <summary>GitHub-flavoured Markdown, used as the release body.</summary>
    public string ToMarkdown()
    {
        var md = new StringBuilder();
        md.Append(CultureInfo.InvariantCulture, $"# {To.Release}\n\nChanges since {From.Release}.\n\n");
        md.Append("| | ").Append(From.Release).Append(" | ").Append(To.Release).Append(" |\n| --- | --- | --- |\n");
        Row(md, "candidate", $"`{From.CandidateId[..12]}`", $"`{To.CandidateId[..12]}`");
        Row(md, "configuration", $"`{From.ConfigurationHash[..12]}` ({From.Environment})", $"`{To.ConfigurationHash[..12]}` ({To.Environment})");
        Row(md, "qualification", Qualification(From), Qualification(To));
        Row(md, "promoted", $"{From.PromotedAt:u} to {From.Channel}", $"{To.PromotedAt:u} to {To.Channel}");
        md.Append('\n');
        md.Append(From.ConfigurationHash == To.ConfigurationHash
            ? "## Configuration\n\nUnchanged.\n\n"
            : $"## Configuration\n\nChanged: `{From.ConfigurationHash[..12]}` → `{To.ConfigurationHash[..12]}`.\n\n");
        Section(md, "OS packages", Packages.Where(p => p.Kind == "deb").ToList());
        foreach (var env in Packages.Where(p => p.Kind == "pypi").Select(p => p.Scope).Distinct(StringComparer.Ordinal))
            Section(md, $"Python packages ({env})", Packages.Where(p => p.Kind == "pypi" && p.Scope == env).ToList());
        if (!Packages.Any(p => p.Kind == "pypi")) md.Append("## Python packages\n\nUnchanged.\n\n");
        return md.ToString().TrimEnd('\n') + "\n";
    }

    private static string Qualification(ReleaseSide s) =>
        $"{(s.QualificationPassed ? "passed" : "FAILED")}: {s.TestsPassed} passed, {s.TestsFailed} failed, {s.TestsSkipped} skipped ({string.Join(", ", s.Suites)})";

    private static void Row(StringBuilder md, string what, string from, string to) => md.Append(CultureInfo.InvariantCulture, $"| {what} | {from} | {to} |\n");

    private static void Section(StringBuilder md, string title, IReadOnlyList<PackageChange> changes)
    {
        md.Append("## ").Append(title).Append("\n\n");
        if (changes.Count == 0)
        {
            md.Append("Unchanged.\n\n");
            return;
        }
        foreach (var group in changes.GroupBy(c => c.Change).OrderBy(g => Array.IndexOf(["added", "changed", "removed"], g.Key)))
        {
            md.Append(CultureInfo.InvariantCulture, $"{char.ToUpperInvariant(group.Key[0])}{group.Key[1..]} ({group.Count()}):\n\n");
            foreach (var c in group)
            {
                md.Append(c.Change switch
                {
                    "added" => $"- `{c.Name}` {c.To}\n",
                    "removed" => $"- `{c.Name}` {c.From}\n",
                    _ => $"- `{c.Name}` {c.From} → {c.To}\n",
                });
            }
            md.Append('\n');
        }
    }
}

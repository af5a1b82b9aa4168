using System.Globalization;
using System.Text;

namespace CamBuild.Delivery.Status;

/// <summary>The Status table: one line per node, columns aligned, a verdict line at the end.</summary>
public static class StatusTable
{
    public static string Render(EnvironmentStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var header = new[] { "node", "release", "candidate", "configuration", "container", "fingerprint", "health", "last change" };
        var rows = status.Nodes.Select(node => new[]
        {
            node.Hostname,
            node.Release ?? "-",
            Short(node.CandidateId),
            Short(node.ConfigurationHash),
            node.Container,
            node.FingerprintMatches switch { true => "match", false => "DRIFT", null => "-" },
            node.Healthy ? "healthy" : "UNHEALTHY" + (node.HealthProblem is null ? "" : $" ({node.HealthProblem})"),
            node.LastChange?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-",
        }).ToList();
        var widths = header.Select((title, column) => rows.Select(row => row[column].Length).Append(title.Length).Max()).ToArray();
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Environment {status.Environment}: release {status.Release ?? "(none recorded)"}" +
            $"{(status.Channel is null ? "" : $" via channel {status.Channel}")}, candidate {Short(status.CandidateId)}, configuration {Short(status.ConfigurationHash)}\n");
        void Line(IReadOnlyList<string> cells) => text.Append(string.Join("  ", cells.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd()).Append('\n');
        Line(header);
        Line(widths.Select(width => new string('-', width)).ToList());
        rows.ForEach(Line);
        var drifted = status.Nodes.Count(node => node.Drifted);
        var unhealthy = status.Nodes.Count(node => !node.Healthy);
        text.Append(status.Clean
            ? $"clean: {status.Nodes.Count} node(s) match their record and are healthy\n"
            : $"NOT CLEAN: {drifted} node(s) drifted, {unhealthy} unhealthy\n");
        return text.ToString();
    }

    private static string Short(string? hash) => hash is null ? "-" : hash.Length > 12 ? hash[..12] : hash;
}

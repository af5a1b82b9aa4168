using System.Globalization;
using System.Text;
using CamBuild.Dashboard.Model;
using static CamBuild.Dashboard.Html.Html;

namespace CamBuild.Dashboard.Html;

/// <summary>
/// An inline SVG map of an environment: one column per role, the nodes of that role as boxes coloured by health, with a
/// warning mark on a drifted node. A node with several roles appears under each of them.
/// </summary>
internal static class NodeMap
{
    private const int ColumnWidth = 170;
    private const int NodeHeight = 40;
    private const int Gap = 10;
    private const int Header = 28;

    public static string Render(EnvironmentView environment)
    {
        if (environment.Nodes.Count == 0)
        {
            return "<p class=\"muted\">No node recorded for this environment.</p>\n";
        }
        var roles = environment.Nodes.SelectMany(node => node.Roles.Count == 0 ? ["(no role)"] : node.Roles)
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var columns = roles.Select(role => (role, nodes: environment.Nodes
            .Where(node => node.Roles.Contains(role) || (role == "(no role)" && node.Roles.Count == 0)).ToList())).ToList();
        var rows = columns.Max(column => column.nodes.Count);
        var width = columns.Count * (ColumnWidth + Gap) + Gap;
        var height = Header + rows * (NodeHeight + Gap) + Gap;
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"nodes of {E(environment.Name)} by role\">\n");
        for (var c = 0; c < columns.Count; c++)
        {
            var (role, nodes) = columns[c];
            var x = Gap + c * (ColumnWidth + Gap);
            svg.Append(CultureInfo.InvariantCulture,
                $"<rect class=\"role\" x=\"{x - 4}\" y=\"2\" width=\"{ColumnWidth + 8}\" height=\"{height - 4}\" rx=\"6\"/><text class=\"role-name\" x=\"{x + ColumnWidth / 2}\" y=\"19\" text-anchor=\"middle\">{E(role)}</text>\n");
            for (var r = 0; r < nodes.Count; r++)
            {
                var node = nodes[r];
                var y = Header + r * (NodeHeight + Gap);
                var tip = $"{node.Hostname}: {node.Health}, drift {node.Drift}, container {node.Container}, release {node.Release ?? "-"}" +
                    (node.Problem is null ? "" : $" ({node.Problem})");
                var drift = node.Drift == "drifted"
                    ? string.Create(CultureInfo.InvariantCulture, $"<circle class=\"drift\" cx=\"{x + ColumnWidth - 12}\" cy=\"{y + 12}\" r=\"7\"/>")
                    : "";
                var state = node.Health + (node.Drift == "drifted" ? ", DRIFT" : "");
                svg.Append(CultureInfo.InvariantCulture,
                    $"<g class=\"node {node.Health}\" data-host=\"{E(node.Hostname)}\"><title>{E(tip)}</title><rect x=\"{x}\" y=\"{y}\" width=\"{ColumnWidth}\" height=\"{NodeHeight}\" rx=\"5\"/><text x=\"{x + 10}\" y=\"{y + 17}\">{E(node.Hostname)}</text><text x=\"{x + 10}\" y=\"{y + 32}\">{E(state)}</text>{drift}</g>\n");
            }
        }
        return svg.Append("</svg>\n").ToString();
    }
}

using System.Text;
using CamBuild.Dashboard.Model;
using static CamBuild.Dashboard.Html.Html;

namespace CamBuild.Dashboard.Pages;

/// <summary><c>environments.html</c> (all of them) and <c>environments/&lt;name&gt;.html</c>: the last recorded Status as a map by role, and per node.</summary>
internal static class EnvironmentPage
{
    public const string IndexFile = "environments.html";

    public static string FileOf(string environment) => $"environments/{environment}.html";

    public static string RenderIndex(SiteModel site)
    {
        var body = new StringBuilder("<h1>Environments</h1>\n");
        if (site.Environments.Count == 0)
        {
            body.Append("<p class=\"muted\">No environment is recorded.</p>\n");
        }
        body.Append("<table class=\"environments\">\n<tr><th>environment</th><th>channels</th><th>release</th><th>nodes</th><th>status</th><th>checked</th></tr>\n");
        foreach (var environment in site.Environments)
        {
            body.Append("<tr><td>").Append(Link("", FileOf(environment.Name), environment.Name)).Append("</td><td>")
                .Append(string.Join(", ", environment.Channels.Select(c => Link("", ChannelPage.FileOf(c), c)))).Append("</td><td>")
                .Append(ReleaseLink("", environment.Release)).Append("</td><td class=\"n\">").Append(N(environment.Nodes.Count)).Append("</td><td>")
                .Append(Verdict(environment)).Append("</td><td>").Append(TimeTag(environment.StatusCheckedAt)).Append("</td></tr>\n");
        }
        return Page("Environments", "", "environments", site.AsOf, body.Append("</table>\n").ToString());
    }

    public static string Render(SiteModel site, EnvironmentView environment)
    {
        var body = new StringBuilder();
        body.Append("<h1>Environment ").Append(E(environment.Name)).Append(' ').Append(Verdict(environment)).Append("</h1>\n<table class=\"facts\">\n")
            .Append(Fact("Channels", environment.Channels.Count == 0 ? "none" : string.Join(", ", environment.Channels.Select(c => Link("../", ChannelPage.FileOf(c), c)))))
            .Append(Fact("Release", ReleaseLink("../", environment.Release)))
            .Append(Fact("Candidate", Hash(environment.CandidateId)))
            .Append(Fact("Configuration", Hash(environment.ConfigurationHash)))
            .Append(Fact("Status recorded", environment.HasStatus ? TimeTag(environment.StatusCheckedAt)
                : $"never: run <code>./build.sh Status --environment {E(environment.Name)}</code>; roles below are from the deploy record"))
            .Append("</table>\n<h2>Nodes by role</h2>\n").Append(Html.NodeMap.Render(environment))
            .Append("<table class=\"nodes\">\n<tr><th>node</th><th>roles</th><th>release</th><th>container</th><th>health</th><th>drift</th><th>last change</th><th>problem</th></tr>\n");
        foreach (var node in environment.Nodes)
        {
            body.Append("<tr class=\"").Append(node.Health).Append("\"><td>").Append(E(node.Hostname)).Append("</td><td>").Append(E(string.Join(", ", node.Roles)))
                .Append("</td><td>").Append(ReleaseLink("../", node.Release)).Append("</td><td>").Append(E(node.Container)).Append("</td><td>")
                .Append(Badge(node.Health, node.Health switch { "healthy" => "good", "unhealthy" => "bad", _ => "none" })).Append("</td><td>")
                .Append(Badge(node.Drift, node.Drift switch { "none" => "good", "drifted" => "warn", _ => "none" })).Append("</td><td>")
                .Append(TimeTag(node.LastChange)).Append("</td><td>").Append(E(node.Problem ?? "")).Append("</td></tr>\n");
        }
        return Page($"Environment {environment.Name}", "../", "environments", site.AsOf, body.Append("</table>\n").ToString());
    }

    private static string ReleaseLink(string root, string? release) => release is null ? "-" : Link(root, ReleasePage.FileOf(release), release);

    private static string Verdict(EnvironmentView environment)
    {
        if (!environment.HasStatus)
        {
            return Badge("no status recorded", "none");
        }
        var drifted = environment.Nodes.Count(n => n.Drift == "drifted");
        var unhealthy = environment.Nodes.Count(n => n.Health != "healthy");
        return drifted == 0 && unhealthy == 0
            ? Badge("clean", "good")
            : Badge($"{N(drifted)} drifted, {N(unhealthy)} unhealthy", "bad");
    }
}

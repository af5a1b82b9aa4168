using System.Net;
using System.Text;

namespace CamBuild.PackageIndex.Server;

/// <summary>PEP 503 pages with PEP 592 (yank), PEP 629 (version meta), PEP 658/714 (metadata) attributes.</summary>
internal static class SimpleHtmlRenderer
{
    public static string ProjectList(IReadOnlyList<string> projects)
    {
        var html = Start("Simple index");
        foreach (var project in projects)
            html.Append("    <a href=\"").Append(Uri.EscapeDataString(project)).Append("/\">")
                .Append(WebUtility.HtmlEncode(project)).Append("</a><br/>\n");
        return End(html);
    }

    public static string ProjectPage(string project, IReadOnlyList<IndexedFile> files, bool emitLegacyDistInfoMetadata)
    {
        var html = Start($"Links for {project}");
        html.Append("    <h1>Links for ").Append(WebUtility.HtmlEncode(project)).Append("</h1>\n");
        foreach (var file in files)
        {
            html.Append("    <a href=\"").Append(WebUtility.HtmlEncode(IndexUrls.FileHrefFromProjectPage(file) + "#sha256=" + file.Sha256)).Append('"');
            if (file.RequiresPython is not null)
                html.Append(" data-requires-python=\"").Append(WebUtility.HtmlEncode(file.RequiresPython)).Append('"');
            if (file.MetadataSha256 is not null)
            {
                var value = WebUtility.HtmlEncode("sha256=" + file.MetadataSha256);
                if (emitLegacyDistInfoMetadata)
                    html.Append(" data-dist-info-metadata=\"").Append(value).Append('"');
                html.Append(" data-core-metadata=\"").Append(value).Append('"');
            }
            if (file.YankedReason is not null)
                html.Append(" data-yanked=\"").Append(WebUtility.HtmlEncode(file.YankedReason)).Append('"');
            html.Append('>').Append(WebUtility.HtmlEncode(file.FileName)).Append("</a><br/>\n");
        }
        return End(html);
    }

    private static StringBuilder Start(string title) => new StringBuilder()
        .Append("<!DOCTYPE html>\n<html>\n  <head>\n")
        .Append("    <meta name=\"pypi:repository-version\" content=\"1.0\">\n")
        .Append("    <title>").Append(WebUtility.HtmlEncode(title)).Append("</title>\n")
        .Append("  </head>\n  <body>\n");

    private static string End(StringBuilder html) => html.Append("  </body>\n</html>\n").ToString();
}

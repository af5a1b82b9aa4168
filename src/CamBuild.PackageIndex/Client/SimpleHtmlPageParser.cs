namespace CamBuild.PackageIndex.Client;

/// <summary>Parses a PEP 503 project page with PEP 592/629/658/714 attributes.</summary>
internal static class SimpleHtmlPageParser
{
    public static IReadOnlyList<ParsedFile> Parse(string html, Uri pageUrl, string project)
    {
        var baseUrl = pageUrl;
        var files = new List<ParsedFile>();
        foreach (var tag in HtmlTagScanner.StartTags(html, "a", "meta", "base"))
        {
            switch (tag.Name)
            {
                case "meta" when tag.Attributes.GetValueOrDefault("name") == "pypi:repository-version":
                    IndexPageRules.CheckApiVersion(tag.Attributes.GetValueOrDefault("content"), pageUrl);
                    break;
                case "base" when tag.Attributes.TryGetValue("href", out var baseHref):
                    baseUrl = Resolve(pageUrl, baseHref, pageUrl);
                    break;
                case "a" when tag.Attributes.TryGetValue("href", out var href) && href.Length > 0:
                    files.Add(ParseAnchor(tag, Resolve(baseUrl, href, pageUrl), pageUrl, project));
                    break;
            }
        }
        return files;
    }

    private static Uri Resolve(Uri baseUrl, string href, Uri pageUrl) =>
        Uri.TryCreate(baseUrl, href, out var url)
            ? url
            : throw new PackageIndexFormatException(pageUrl, $"link '{IndexPageRules.Printable(href)}' is not a valid URL; ask the index owner to fix the page");

    private static ParsedFile ParseAnchor(HtmlTag anchor, Uri url, Uri pageUrl, string project)
    {
        var fileName = anchor.Text.Length > 0 ? anchor.Text : url.Segments is [.., var last] ? Uri.UnescapeDataString(last) : "";
        var sha256 = IndexPageRules.Sha256FromHashSpec(url.Fragment.TrimStart('#'));
        var metadataSpec = anchor.Attributes.GetValueOrDefault("data-core-metadata")
                           ?? anchor.Attributes.GetValueOrDefault("data-dist-info-metadata");
        var hasMetadata = metadataSpec is not null && !metadataSpec.Equals("false", StringComparison.OrdinalIgnoreCase);
        var yanked = anchor.Attributes.TryGetValue("data-yanked", out var reason) ? reason : null;
        return IndexPageRules.Build(project, fileName, url, sha256, anchor.Attributes.GetValueOrDefault("data-requires-python"),
            yanked, hasMetadata, hasMetadata ? IndexPageRules.Sha256FromHashSpec(metadataSpec) : null, pageUrl);
    }
}

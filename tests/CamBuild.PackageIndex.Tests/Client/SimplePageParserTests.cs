using System.Text;
using CamBuild.PackageIndex.Client;

namespace CamBuild.PackageIndex.Tests.Client;

public sealed class SimplePageParserTests
{
    private static readonly Uri Page = new("https://nexus.example/repository/pypi/simple/demo/");
    private static readonly string Sha = new('a', 64);
    private static readonly string MetaSha = new('b', 64);

    [Fact]
    public void Html_anchors_parse_regardless_of_attribute_order_quoting_and_entities()
    {
        var html = $"""
            <!DOCTYPE html><html><head><META NAME='pypi:repository-version' CONTENT=1.0></head><body>
            <!-- <a href="commented-out.whl#sha256={Sha}">commented-out.whl</a> -->
            <A data-yanked='' data-requires-python='&gt;=3.8,&lt;4' HREF='../../packages/demo-1.0-py3-none-any.whl#sha256={Sha}'>demo-1.0-py3-none-any.whl</A><br>
            <a data-core-metadata=sha256={MetaSha} href=https://files.example/demo-2.0-py3-none-any.whl#sha256={Sha} data-yanked="bad &amp; broken">
              demo-2.0-py3-none-any.whl
            </a>
            <a href="/abs/demo-3.0.tar.gz#sha256={Sha.ToUpperInvariant()}" data-dist-info-metadata="true">demo-3.0.tar.gz</a>
            </body></html>
            """;

        var files = SimpleHtmlPageParser.Parse(html, Page, "demo");

        Assert.Equal(3, files.Count);
        var first = files[0].File;
        Assert.Equal(new Uri("https://nexus.example/repository/pypi/packages/demo-1.0-py3-none-any.whl"), first.Url);
        Assert.Equal((">=3.8,<4", "", false), (first.RequiresPython, first.YankedReason, first.HasCoreMetadata));
        var second = files[1];
        Assert.Equal(("demo-2.0-py3-none-any.whl", "bad & broken", true, MetaSha), (second.File.FileName, second.File.YankedReason, second.File.HasCoreMetadata, second.CoreMetadataSha256));
        Assert.Equal("files.example", second.File.Url.Host);
        var third = files[2];
        Assert.Equal((true, (string?)null, Sha, (string?)null), (third.File.HasCoreMetadata, third.CoreMetadataSha256, third.File.Sha256, third.File.YankedReason));
        Assert.Equal("/abs/demo-3.0.tar.gz", third.File.Url.AbsolutePath);
    }

    [Fact]
    public void Html_base_href_changes_resolution()
    {
        var html = $"<base href=\"https://mirror.example/pkgs/\"><a href=\"demo-1.0.tar.gz#sha256={Sha}\">demo-1.0.tar.gz</a>";

        var file = Assert.Single(SimpleHtmlPageParser.Parse(html, Page, "demo")).File;

        Assert.Equal(new Uri("https://mirror.example/pkgs/demo-1.0.tar.gz"), file.Url);
    }

    [Fact]
    public void A_newer_major_repository_version_is_refused()
    {
        var html = "<meta name=\"pypi:repository-version\" content=\"2.0\">";

        var error = Assert.Throws<PackageIndexFormatException>(() => SimpleHtmlPageParser.Parse(html, Page, "demo"));

        Assert.Contains(Page.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Contains("2.0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_sha256_is_reported_by_name()
    {
        var html = "<a href=\"demo-1.0.tar.gz#md5=0123\">demo-1.0.tar.gz</a>";

        var error = Assert.Throws<PackageIndexFormatException>(() => SimpleHtmlPageParser.Parse(html, Page, "demo"));

        Assert.Contains("demo-1.0.tar.gz has no sha256", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_files_parse_with_relative_urls_yank_forms_and_both_metadata_keys()
    {
        var json = $$"""
            {"meta": {"api-version": "1.1", "_private": 1}, "name": "demo", "versions": ["1.0"],
             "files": [
               {"filename": "demo-1.0-py3-none-any.whl", "url": "../../f/demo-1.0-py3-none-any.whl", "hashes": {"sha256": "{{Sha}}", "md5": "x"},
                "requires-python": ">=3.8", "yanked": "reason", "core-metadata": {"sha256": "{{MetaSha}}"}, "size": 10},
               {"filename": "demo-0.9-py3-none-any.whl", "url": "https://cdn.example/demo-0.9-py3-none-any.whl", "hashes": {"sha256": "{{Sha}}"},
                "requires-python": null, "yanked": true, "dist-info-metadata": true},
               {"filename": "demo-0.8.tar.gz", "url": "demo-0.8.tar.gz", "hashes": {"sha256": "{{Sha}}"}, "yanked": false, "core-metadata": false}
             ]}
            """;

        var files = SimpleJsonPageParser.Parse(Encoding.UTF8.GetBytes(json), Page, "demo");

        Assert.Equal(new Uri("https://nexus.example/repository/pypi/f/demo-1.0-py3-none-any.whl"), files[0].File.Url);
        Assert.Equal((">=3.8", "reason", true, MetaSha), (files[0].File.RequiresPython, files[0].File.YankedReason, files[0].File.HasCoreMetadata, files[0].CoreMetadataSha256));
        Assert.Equal(((string?)null, "", true, (string?)null), (files[1].File.RequiresPython, files[1].File.YankedReason, files[1].File.HasCoreMetadata, files[1].CoreMetadataSha256));
        Assert.Equal(((string?)null, false), (files[2].File.YankedReason, files[2].File.HasCoreMetadata));
        Assert.Equal(new Uri("https://nexus.example/repository/pypi/simple/demo/demo-0.8.tar.gz"), files[2].File.Url);
    }

    [Fact]
    public void Broken_json_names_the_page()
    {
        var error = Assert.Throws<PackageIndexFormatException>(() => SimpleJsonPageParser.Parse("{\"files\": [}"u8.ToArray(), Page, "demo"));

        Assert.Contains(Page.ToString(), error.Message, StringComparison.Ordinal);
    }
}

using CamBuild.Fuzzing;
using CamBuild.PackageIndex.Client;
using Xunit.Abstractions;

namespace CamBuild.PackageIndex.Tests.Hostile;

/// <summary>10,000 seeded hostile project pages per form: files or a PackageIndexFormatException, never a crash or a hang.</summary>
public sealed class IndexPageFuzzTests(ITestOutputHelper output)
{
    private const int Cases = 10_000;
    private static readonly Uri Page = new("http://127.0.0.1:8765/simple/katcp/");
    private static readonly string Sha = new('a', 64);

    private void Check(FuzzReport report)
    {
        output.WriteLine(report.ToString());
        Assert.True(report.Crashes.Count == 0 && report.Hangs.Count == 0, report.ToString());
    }

    [Fact]
    public void Html_pages() => Check(Fuzz.Run("PEP 503 HTML page", 503, Cases,
        [$"<!DOCTYPE html><html><head><meta name=\"pypi:repository-version\" content=\"1.1\"></head><body><a href=\"../../files/katcp/katcp-0.9.3-py3-none-any.whl#sha256={Sha}\" data-requires-python=\"&gt;=3.8\" data-core-metadata=\"sha256={Sha}\">katcp-0.9.3-py3-none-any.whl</a><br/></body></html>",
         $"<base href=\"http://127.0.0.1:8765/files/\"><a href='katcp-1.0.tar.gz#sha256={Sha}' data-yanked='bad &amp; broken'>katcp-1.0.tar.gz</a>",
         "<!-- comment --><a href=x>", "&#x2F;&amp;&lt;&#0;&#xD800;"],
        t => SimpleHtmlPageParser.Parse(t, Page, "katcp"), e => e is PackageIndexFormatException));

    [Fact]
    public void Json_pages() => Check(Fuzz.Run("PEP 691 JSON page", 691, Cases,
        [$$"""{"meta": {"api-version": "1.1"}, "name": "katcp", "files": [{"filename": "katcp-0.9.3-py3-none-any.whl", "url": "../../files/katcp/katcp-0.9.3-py3-none-any.whl", "hashes": {"sha256": "{{Sha}}"}, "requires-python": ">=3.8", "core-metadata": {"sha256": "{{Sha}}"}, "yanked": "bad"}]}""",
         """{"files": [{"filename": "x-1.0.tar.gz", "url": "x", "hashes": {}, "yanked": true, "dist-info-metadata": true}], "versions": ["1.0"]}""",
         "[]", "{\"files\": null}"],
        t => SimpleJsonPageParser.Parse(System.Text.Encoding.UTF8.GetBytes(t), Page, "katcp"), e => e is PackageIndexFormatException));

    [Fact]
    public void A_page_of_a_million_unclosed_anchors_is_read_in_linear_time()
    {
        var page = string.Concat(Enumerable.Repeat("<a href=x>", 1_000_000));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        Assert.Throws<PackageIndexFormatException>(() => SimpleHtmlPageParser.Parse(page, Page, "katcp"));
        var noHash = string.Concat(Enumerable.Repeat($"<a href=\"k-1.0.tar.gz#sha256={Sha}\">k-1.0.tar.gz", 200_000));
        Assert.Equal(200_000, SimpleHtmlPageParser.Parse(noHash, Page, "katcp").Count);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"took {clock.Elapsed}");
    }
}

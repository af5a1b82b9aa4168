using CamBuild.PackageIndex.Server;

namespace CamBuild.PackageIndex.Tests.Server;

public sealed class ContentNegotiationTests
{
    private const string Json = SimpleMediaTypes.Json;
    private const string Html = SimpleMediaTypes.Html;
    private const string Text = SimpleMediaTypes.LegacyHtml;

    [Theory]
    [InlineData("application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html; q=0.1, text/html; q=0.01", Json)]
    [InlineData("application/vnd.pypi.simple.v1+json;q=0.2, application/vnd.pypi.simple.v1+html;q=0.9", Html)]
    [InlineData("text/html;q=0.5, application/vnd.pypi.simple.v1+json;q=0.4", Text)]
    [InlineData("application/vnd.pypi.simple.latest+json", Json)]
    [InlineData("application/vnd.pypi.simple.latest+html", Html)]
    [InlineData("*/*", Text)]
    [InlineData("application/*", Json)]
    [InlineData("*/*;q=0.1, application/vnd.pypi.simple.v1+json", Json)]
    [InlineData("text/html, */*;q=0.8", Text)]
    [InlineData(null, Text)]
    [InlineData("application/vnd.pypi.simple.v1+json;q=0, text/html;q=0.3", Text)]
    public void Negotiated_type_honours_q_values_wildcards_and_aliases(string? accept, string expected) =>
        Assert.Equal(expected, ContentNegotiation.Choose(accept, IndexFormats.Negotiate));

    [Theory]
    [InlineData("application/json")]
    [InlineData("application/vnd.pypi.simple.v1+json;q=0")]
    public void Nothing_acceptable_means_406(string accept) =>
        Assert.Null(ContentNegotiation.Choose(accept, IndexFormats.Negotiate));

    [Fact]
    public void Restricted_servers_offer_only_their_format()
    {
        Assert.Equal(Text, ContentNegotiation.Choose("application/vnd.pypi.simple.v1+json", IndexFormats.HtmlOnly));
        Assert.Equal(Json, ContentNegotiation.Choose("*/*", IndexFormats.JsonOnly));
        Assert.Null(ContentNegotiation.Choose("text/html", IndexFormats.JsonOnly));
    }
}

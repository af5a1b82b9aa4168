namespace CamBuild.PackageIndex.Server;

internal static class SimpleMediaTypes
{
    public const string Json = "application/vnd.pypi.simple.v1+json";
    public const string Html = "application/vnd.pypi.simple.v1+html";
    public const string LegacyHtml = "text/html";
    public const string LatestJson = "application/vnd.pypi.simple.latest+json";
    public const string LatestHtml = "application/vnd.pypi.simple.latest+html";
}

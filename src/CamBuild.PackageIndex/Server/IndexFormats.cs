namespace CamBuild.PackageIndex.Server;

/// <summary>Which simple-API representations the server offers.</summary>
public enum IndexFormats
{
    /// <summary>PEP 691 JSON and PEP 503 HTML, chosen by the Accept header (q-values honoured).</summary>
    Negotiate,
    /// <summary>A legacy PEP 503 server: always <c>text/html</c>, Accept ignored.</summary>
    HtmlOnly,
    /// <summary>Only PEP 691 JSON; clients that do not accept it get 406.</summary>
    JsonOnly,
}

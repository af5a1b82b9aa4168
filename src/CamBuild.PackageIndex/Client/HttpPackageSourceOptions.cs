using System.Net;

namespace CamBuild.PackageIndex.Client;

/// <summary>Which representation the client asks for.</summary>
internal enum IndexFormatPreference
{
    /// <summary>PEP 691 JSON preferred, PEP 503 HTML accepted (what pip sends).</summary>
    JsonWithHtmlFallback,
    /// <summary>Only HTML, for indexes whose JSON is broken or to compare both forms.</summary>
    HtmlOnly,
}

public sealed record HttpPackageSourceOptions
{
    /// <summary>Basic credentials; sent only to the index's own scheme, host and port. Overrides <c>user:pass@</c> in the URL.</summary>
    public NetworkCredential? Credential { get; init; }

    internal IndexFormatPreference Format { get; init; } = IndexFormatPreference.JsonWithHtmlFallback;

    /// <summary>Attempts per request for connection failures, timeouts and 5xx; at least 1.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Delay before the second attempt; doubles after each further failure.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Time to the response headers of one request.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest project page or PEP 658 metadata file read; a bigger answer is refused, not buffered.</summary>
    public long MaxPageBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>Time to read a whole project page or metadata file once its headers came (a page that never ends is refused).</summary>
    public TimeSpan PageReadTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

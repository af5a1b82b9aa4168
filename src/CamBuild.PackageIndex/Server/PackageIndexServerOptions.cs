using System.Net;

namespace CamBuild.PackageIndex.Server;

/// <param name="RootDirectory">Directory laid out as <c>&lt;root&gt;/&lt;normalized-project&gt;/&lt;files&gt;</c>.</param>
public sealed record PackageIndexServerOptions(string RootDirectory)
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free ephemeral port.</summary>
    public int Port { get; init; }

    internal IndexFormats Formats { get; init; } = IndexFormats.Negotiate;

    /// <summary>When set, every request must carry these Basic credentials (401 otherwise).</summary>
    public NetworkCredential? RequiredCredential { get; init; }

    /// <summary>Announce and serve PEP 658 <c>.metadata</c> files; off simulates an index without them.</summary>
    public bool OfferCoreMetadata { get; init; } = true;

    /// <summary>
    /// Also write the pre-PEP 714 HTML attribute <c>data-dist-info-metadata</c>. Off by default: pip 22.3–23.0
    /// (Debian 12's venv pip is 23.0.1) reads only this name and then rejects metadata whose Name is spelled
    /// differently from the requirement (charset_normalizer vs charset-normalizer), silently resolving older releases.
    /// </summary>
    public bool EmitLegacyDistInfoMetadata { get; init; }

    /// <summary>A kept-alive connection with no new request for this long is closed (Kestrel's keep-alive timeout).</summary>
    public TimeSpan IdleConnectionTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>A client that has not sent its whole request head within this time gets 408 and is disconnected.</summary>
    public TimeSpan RequestHeadersTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Connections served at once; Kestrel closes any connection beyond this right after accepting it.</summary>
    public int MaxConnections { get; init; } = 256;

    /// <summary>Longest request line (method, target, version); longer gets 414.</summary>
    public int MaxRequestLineBytes { get; init; } = 8 * 1024;

    /// <summary>All request headers together; more gets 431.</summary>
    public int MaxRequestHeadersBytes { get; init; } = 32 * 1024;

    /// <summary>The index is read-only: a request body larger than this gets 413.</summary>
    public long MaxRequestBodyBytes { get; init; } = 64 * 1024;
}

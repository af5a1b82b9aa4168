using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace CamBuild.PackageIndex.Server;

/// <summary>Every limit the index relies on, set explicitly so hostile requests are refused by Kestrel itself.</summary>
internal static class KestrelLimits
{
    public static void Apply(KestrelServerOptions kestrel, PackageIndexServerOptions options)
    {
        kestrel.AddServerHeader = false;
        kestrel.AllowSynchronousIO = false;
        var limits = kestrel.Limits;
        limits.MaxRequestLineSize = options.MaxRequestLineBytes;
        limits.MaxRequestHeadersTotalSize = options.MaxRequestHeadersBytes;
        limits.MaxRequestHeaderCount = 100;
        limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
        limits.MaxRequestBufferSize = 1024 * 1024;
        limits.MaxConcurrentConnections = options.MaxConnections;
        limits.MaxConcurrentUpgradedConnections = 0;
        limits.KeepAliveTimeout = options.IdleConnectionTimeout;
        limits.RequestHeadersTimeout = options.RequestHeadersTimeout;
        limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
        limits.MinResponseDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: TimeSpan.FromSeconds(5));
    }
}

using CamBuild.Common;
namespace CamBuild.PackageIndex;

/// <summary>Base of every error this library reports; messages are complete and never carry credentials.
/// Derives from IOException because InvalidDataException is sealed in .NET 10.</summary>
internal class PackageIndexException : InputException
{
    public PackageIndexException(string message) : base(message) { }
    public PackageIndexException(string message, Exception? inner) : base(message, inner) { }
}

/// <summary>The index could not be reached (connection refused, timeout, 5xx) after bounded retries.</summary>
internal sealed class PackageIndexUnavailableException(Uri url, int attempts, string reason, Exception? inner = null)
    : PackageIndexException(
        $"Package index {url} is unavailable after {attempts} attempt(s): {reason}. " +
        "Check that the index URL is right and the server is running and reachable from this machine.", inner)
{
    public Uri Url { get; } = url;
}

/// <summary>The index answered 401/403.</summary>
internal sealed class PackageIndexAuthenticationException(Uri url, int statusCode, bool credentialsSent)
    : PackageIndexException(
        $"Package index refused access to {url} (HTTP {statusCode}). " +
        (credentialsSent
            ? "The configured credentials were rejected; check the user name and password."
            : "The index requires authentication; pass credentials (user and password) for it."))
{
    public Uri Url { get; } = url;
    public int StatusCode { get; } = statusCode;
}

/// <summary>A downloaded file or metadata file does not have the sha256 the index announced.</summary>
internal sealed class DistributionHashMismatchException(string fileName, Uri url, string expectedSha256, string actualSha256)
    : PackageIndexException(
        $"sha256 mismatch for {fileName} downloaded from {url}: expected {expectedSha256}, actual {actualSha256}. " +
        "The file on the index was changed or corrupted; do not use it, and ask the index owner to re-publish it.")
{
    public string FileName { get; } = fileName;
    public string ExpectedSha256 { get; } = expectedSha256;
    public string ActualSha256 { get; } = actualSha256;
}

/// <summary>An index page (HTML or JSON) that cannot be understood.</summary>
internal sealed class PackageIndexFormatException(Uri url, string problem)
    : PackageIndexException($"Index page {url} is not a valid PEP 503/691 simple page: {problem}.");

/// <summary>A wheel whose content is not a valid wheel (missing or duplicate METADATA, bad zip).</summary>
internal sealed class WheelFormatException(string wheel, string problem, Exception? inner = null)
    : PackageIndexException($"Wheel {wheel} is invalid: {problem}.", inner);

/// <summary>The directory served by the index does not follow <c>&lt;root&gt;/&lt;normalized-project&gt;/&lt;files&gt;</c>.</summary>
internal sealed class PackageIndexLayoutException(string path, string problem)
    : PackageIndexException($"Index directory problem at {path}: {problem}.");

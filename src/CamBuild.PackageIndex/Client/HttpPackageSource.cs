using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CamBuild.PackageIndex.Wheels;
using CamBuild.Python.Index;

namespace CamBuild.PackageIndex.Client;

/// <summary>
/// <see cref="IPackageSource"/> for any PEP 503/691 index (devpi, Artifactory, Nexus, the embedded server).
/// JSON is preferred with HTML fallback; PEP 658 metadata is used when offered; every download is sha256-verified.
/// </summary>
public sealed class HttpPackageSource : IPackageSource, IDisposable
{
    private const string JsonFirstAccept =
        "application/vnd.pypi.simple.v1+json, application/vnd.pypi.simple.v1+html;q=0.1, text/html;q=0.01";
    private const string HtmlOnlyAccept = "application/vnd.pypi.simple.v1+html, text/html;q=0.1";

    private readonly IndexHttpTransport _transport;
    private readonly HttpPackageSourceOptions _options;
    private readonly ConcurrentDictionary<Uri, string> _coreMetadataHashes = new();

    /// <param name="indexUrl">The simple index root, e.g. <c>https://nexus.example/repository/pypi/simple/</c>; <c>user:pass@</c> in it becomes the credential.</param>
    public HttpPackageSource(Uri indexUrl, HttpPackageSourceOptions? options = null)
    {
        _options = options ?? new HttpPackageSourceOptions();
        var (url, credentialFromUrl) = IndexUrl.SplitCredentials(indexUrl);
        DisplayUrl = url;
        _transport = new IndexHttpTransport(url, _options.Credential ?? credentialFromUrl, _options);
    }

    public HttpPackageSource(Uri indexUrl, string userName, string password)
        : this(indexUrl, new HttpPackageSourceOptions { Credential = new NetworkCredential(userName, password) })
    {
    }

    public Uri DisplayUrl { get; }

    /// <summary>Which representation the last project page came in (for diagnostics and tests).</summary>
    public string? LastPageContentType { get; private set; }

    public async Task<IReadOnlyList<DistributionFile>> GetFilesAsync(string project, CancellationToken cancellationToken)
    {
        var normalized = ProjectNames.Normalize(project);
        var pageUrl = new Uri(DisplayUrl, Uri.EscapeDataString(normalized) + "/");
        var accept = _options.Format == IndexFormatPreference.HtmlOnly ? HtmlOnlyAccept : JsonFirstAccept;
        var (response, finalUrl) = await _transport.GetAsync(pageUrl, accept, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            if (response.StatusCode == HttpStatusCode.NotFound)
                return [];
            if (!response.IsSuccessStatusCode)
                throw new PackageIndexException(
                    $"Package index {DisplayUrl} answered HTTP {(int)response.StatusCode} for {IndexUrl.Redact(finalUrl)}" +
                    (response.StatusCode == HttpStatusCode.NotAcceptable
                        ? "; it serves neither PEP 691 JSON nor PEP 503 HTML in a form this client asked for — change the format preference."
                        : "; check the index URL and the server's logs."));
            var body = await BoundedBody.ReadAsync(response, IndexUrl.Redact(finalUrl), _options, cancellationToken).ConfigureAwait(false);
            var mediaType = response.Content.Headers.ContentType?.MediaType ?? "";
            LastPageContentType = mediaType;
            var parsed = mediaType.Contains("json", StringComparison.OrdinalIgnoreCase)
                ? SimpleJsonPageParser.Parse(body, IndexUrl.Redact(finalUrl), normalized)
                : SimpleHtmlPageParser.Parse(Encoding.UTF8.GetString(body), IndexUrl.Redact(finalUrl), normalized);
            foreach (var file in parsed.Where(f => f.CoreMetadataSha256 is not null))
                _coreMetadataHashes[file.File.Url] = file.CoreMetadataSha256!;
            return parsed.Select(f => f.File).ToList();
        }
    }

    public async Task<string> GetCoreMetadataAsync(DistributionFile file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.HasCoreMetadata)
        {
            var metadataUrl = new UriBuilder(file.Url) { Path = file.Url.AbsolutePath + ".metadata", Fragment = "" }.Uri;
            var (response, _) = await _transport.GetAsync(metadataUrl, null, cancellationToken).ConfigureAwait(false);
            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    var bytes = await BoundedBody.ReadAsync(response, IndexUrl.Redact(metadataUrl), _options, cancellationToken).ConfigureAwait(false);
                    if (_coreMetadataHashes.TryGetValue(file.Url, out var expected) && Sha256Hex.Of(bytes) is var actual && actual != expected)
                        throw new DistributionHashMismatchException(file.FileName + ".metadata", IndexUrl.Redact(metadataUrl), expected, actual);
                    return Encoding.UTF8.GetString(bytes);
                }
            }
        }
        if (!file.IsWheel)
            throw new PackageIndexException(
                $"{file.FileName} from {DisplayUrl} is not a wheel and the index offers no PEP 658 metadata for it; " +
                "publish a wheel for this release or pin a release that has one.");
        using var wheel = new MemoryStream();
        await DownloadVerifiedAsync(file, wheel, cancellationToken).ConfigureAwait(false);
        wheel.Position = 0;
        return WheelMetadataReader.ReadMetadataText(wheel, file.FileName);
    }

    public async Task DownloadAsync(DistributionFile file, string destinationPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentException.ThrowIfNullOrEmpty(destinationPath);
        var directory = Path.GetDirectoryName(Path.GetFullPath(destinationPath))!;
        Directory.CreateDirectory(directory);
        var temp = AtomicFile.TempPathBeside(destinationPath);
        try
        {
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
                await DownloadVerifiedAsync(file, output, cancellationToken).ConfigureAwait(false);
            File.Move(temp, destinationPath, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private async Task DownloadVerifiedAsync(DistributionFile file, Stream output, CancellationToken cancellationToken)
    {
        var (response, _) = await _transport.GetAsync(file.Url, null, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            if (!response.IsSuccessStatusCode)
                throw new PackageIndexException(
                    $"{file.FileName} is listed by {DisplayUrl} but {IndexUrl.Redact(file.Url)} answered HTTP {(int)response.StatusCode}; " +
                    "the index is inconsistent, ask its owner to repair it.");
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            var buffer = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (!actual.Equals(file.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new DistributionHashMismatchException(file.FileName, IndexUrl.Redact(file.Url), file.Sha256, actual);
        }
    }

    public void Dispose() => _transport.Dispose();
}

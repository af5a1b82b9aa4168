namespace CamBuild.PackageIndex.Client;

/// <summary>
/// Reads a page or metadata body with a size limit and a deadline: a 50 MB page or one that trickles forever (slow loris)
/// ends with an error naming the URL instead of filling memory or hanging the build.
/// </summary>
internal static class BoundedBody
{
    public static async Task<byte[]> ReadAsync(HttpResponseMessage response, Uri url, HttpPackageSourceOptions options, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength is long announced && announced > options.MaxPageBytes)
            throw TooLarge(url, options);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.PageReadTimeout);
        try
        {
            await using var content = await response.Content.ReadAsStreamAsync(deadline.Token).ConfigureAwait(false);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await content.ReadAsync(chunk, deadline.Token).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > options.MaxPageBytes)
                    throw TooLarge(url, options);
                buffer.Write(chunk.AsSpan(0, read));
            }
            return buffer.ToArray();
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new PackageIndexFormatException(url,
                $"the answer did not end within {options.PageReadTimeout.TotalSeconds:0.#} s (a page that never ends); " +
                "check the index server, or raise the page read timeout if the index is only slow");
        }
    }

    private static PackageIndexFormatException TooLarge(Uri url, HttpPackageSourceOptions options) =>
        new(url, $"the answer is larger than {options.MaxPageBytes / (1024 * 1024)} MiB, the limit for a project page or metadata file; " +
            "the index is broken or hostile — ask its owner to fix it, or raise the page size limit if the project really has that many files");
}

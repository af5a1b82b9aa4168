namespace CamBuild.Common;

/// <summary>
/// Counts the bytes read from candidate templates in this process, so the verbose log can show that a run reads the
/// (large) template as few times as it must: once to verify it, once to extract or upload it.
/// </summary>
public static class TemplateReads
{
    private static long _bytes;
    private static long _opens;

    public static long Bytes => Interlocked.Read(ref _bytes);

    public static long Opens => Interlocked.Read(ref _opens);

    /// <summary>Opens <paramref name="path"/> for a sequential read whose bytes are counted.</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The file stream is owned by the returned counting stream.")]
    public static Stream Open(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan | FileOptions.Asynchronous);
        Interlocked.Increment(ref _opens);
        return new CountingStream(file);
    }

    /// <summary>How many times the template of <paramref name="length"/> bytes was read in full, rounded to one decimal.</summary>
    public static string Describe(long length) =>
        length <= 0
            ? $"{Bytes} bytes in {Opens} read(s)"
            : $"{Bytes} bytes in {Opens} read(s) = {(double)Bytes / length:0.0}x the template";

    private sealed class CountingStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Counted(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Counted(inner.Read(buffer));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Counted(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }
            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync().ConfigureAwait(false);
            await base.DisposeAsync().ConfigureAwait(false);
        }

        private static int Counted(int read)
        {
            Interlocked.Add(ref _bytes, read);
            return read;
        }
    }
}

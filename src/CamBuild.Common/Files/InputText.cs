using System.Text;

namespace CamBuild.Common;

/// <summary>
/// The one reader of a text file others control (configuration, locks read back): at most
/// <see cref="MaximumBytes"/> bytes, strict UTF-8 (a leading byte-order mark is dropped). A file too big or not UTF-8
/// is a <see cref="Diagnostic"/> naming file, line, column and the fix, never a silently replaced character.
/// </summary>
public static class InputText
{
    /// <summary>1 MiB: every checked-in configuration file and lock is far smaller.</summary>
    public const int MaximumBytes = 1024 * 1024;

    /// <summary>The text of <paramref name="path"/>; problems are thrown as one <see cref="InputException"/>.</summary>
    public static string Read(string path, string? display = null, int maximumBytes = MaximumBytes) =>
        TryRead(path, display ?? path, out var text, out var problem, maximumBytes) ? text : throw new InputException(problem!.ToString());

    /// <summary>False with the problem when the file cannot be read, is too big or is not UTF-8.</summary>
    public static bool TryRead(string path, string display, out string text, out Diagnostic? problem, int maximumBytes = MaximumBytes)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(display);
        text = "";
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            // Read one byte past the limit: the length reported up front may be wrong (a pipe, a growing file).
            bytes = new byte[Math.Min((long)maximumBytes + 1, Math.Max(stream.CanSeek ? stream.Length + 1 : maximumBytes + 1L, 1))];
            var read = 0;
            while (read < bytes.Length && stream.Read(bytes, read, bytes.Length - read) is var n and > 0) read += n;
            Array.Resize(ref bytes, read);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problem = new Diagnostic(new SourceLocation(display, 1, 1), $"cannot read the file: {e.Message}");
            return false;
        }
        problem = Check(bytes, display, maximumBytes, out text);
        return problem is null;
    }

    /// <summary>The problem of <paramref name="bytes"/> as the content of <paramref name="display"/>, or null with the decoded text.</summary>
    public static Diagnostic? Check(ReadOnlySpan<byte> bytes, string display, int maximumBytes, out string text)
    {
        text = "";
        if (bytes.Length > maximumBytes)
        {
            return new Diagnostic(new SourceLocation(display, 1, 1),
                $"the file is larger than the limit of {maximumBytes:N0} bytes; a configuration or lock file this big is not one CamBuild wrote or reads: check that it is the right file, or split it");
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        var (line, lineStart) = (1, 0);
        for (var at = 0; at < bytes.Length;)
        {
            if (System.Text.Rune.DecodeFromUtf8(bytes[at..], out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return new Diagnostic(new SourceLocation(display, line, at - lineStart + 1),
                    $"byte 0x{bytes[at]:X2} at offset {at} is not UTF-8; save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)");
            }
            if (rune.Value == '\n') (line, lineStart) = (line + 1, at + 1);
            at += consumed;
        }
        text = Encoding.UTF8.GetString(bytes);
        return null;
    }
}

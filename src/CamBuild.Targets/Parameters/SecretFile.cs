namespace CamBuild.Targets.Parameters;

/// <summary>
/// Reads a secret from the file named by <c>--&lt;name&gt;-file PATH</c> (or <c>&lt;NAME&gt;_FILE</c>): the file must be
/// readable by its owner only, hold at most 64 KiB, and is read without its final line break.
/// </summary>
internal static class SecretFile
{
    public const int MaximumBytes = 64 * 1024;

    private const UnixFileMode OthersMayTouch =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    public static string Read(string path, string option)
    {
        if (!File.Exists(path))
            throw new BuildUsageException($"{option}: the secret file '{path}' does not exist. Write the secret into it (chmod 600) or give it by environment variable.");
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & OthersMayTouch) != 0)
                throw new BuildUsageException($"{option}: the secret file '{path}' can be read or written by other users (mode {Octal(mode)}). Run 'chmod 600 {path}' and try again.");
        }

        if (new FileInfo(path).Length > MaximumBytes)
            throw new BuildUsageException($"{option}: the secret file '{path}' is larger than {MaximumBytes / 1024} KiB; it must hold only the secret.");
        var text = File.ReadAllText(path).TrimEnd('\r', '\n');
        return text.Length > 0 ? text
            : throw new BuildUsageException($"{option}: the secret file '{path}' is empty. Write the secret into it, or drop the option.");
    }

    private static string Octal(UnixFileMode mode) => System.Convert.ToString((int)mode & 0x1FF, 8).PadLeft(4, '0');
}

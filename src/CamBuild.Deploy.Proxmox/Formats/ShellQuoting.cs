namespace CamBuild.Deploy.Proxmox.Formats;

/// <summary>POSIX shell quoting: the remote login shell must pass each argument to pct unchanged.</summary>
internal static class ShellQuoting
{
    private const string SafeCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%_-+=:,./";

    public static string Quote(string argument)
    {
        ArgumentNullException.ThrowIfNull(argument);
        if (argument.Contains('\0', StringComparison.Ordinal)) throw new ArgumentException("an argument cannot contain NUL", nameof(argument));
        if (argument.Length > 0 && argument.All(SafeCharacters.Contains)) return argument;
        return "'" + argument.Replace("'", "'\"'\"'", StringComparison.Ordinal) + "'";
    }

    public static string Join(IEnumerable<string> arguments) => string.Join(' ', arguments.Select(Quote));
}

using System.Text;

namespace CamBuild.Common;

/// <summary>
/// The secret values of this process (index password, Proxmox secret, GitHub token), registered once when the
/// parameters are bound. Every writer of a file a person or CI may read (records, reports, JUnit, suite logs, CI files)
/// passes its text through <see cref="Mask"/>; the environment of every child is built without them.
/// </summary>
public static class Secrets
{
    public const string Mask = "****";
    private static readonly Lock Gate = new();
    private static string[] _forms = [];
    private static string[] _values = [];

    /// <summary>Registers a secret (and its URL-encoded and base64 forms); values shorter than 3 characters are not masked.</summary>
    public static void Register(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 3) return;
        lock (Gate)
        {
            if (_values.Contains(secret, StringComparer.Ordinal)) return;
            _values = [.. _values, secret];
            string[] forms = [secret, Uri.EscapeDataString(secret), Convert.ToBase64String(Encoding.UTF8.GetBytes(secret))];
            _forms = [.. _forms.Concat(forms).Distinct(StringComparer.Ordinal).OrderByDescending(f => f.Length)];
        }
    }

    /// <summary>The text with every registered secret form replaced by <c>****</c>.</summary>
    public static string MaskText(string text)
    {
        foreach (var form in Volatile.Read(ref _forms))
            text = text.Replace(form, Mask, StringComparison.Ordinal);
        return text;
    }

    /// <summary>Whether the text holds any registered secret form (used to drop environment variables).</summary>
    public static bool Contains(string? text) =>
        !string.IsNullOrEmpty(text) && Volatile.Read(ref _forms).Any(f => text.Contains(f, StringComparison.Ordinal));

    /// <summary>
    /// Unsets every variable of this process's environment whose value holds a registered secret, so that no child,
    /// whichever runner starts it, can inherit one. Returns the names removed.
    /// </summary>
    public static IReadOnlyList<string> RemoveFromEnvironment()
    {
        var removed = new List<string>();
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (e.Key is string name && Contains(e.Value as string))
            {
                Environment.SetEnvironmentVariable(name, null);
                removed.Add(name);
            }
        }

        return removed;
    }

    /// <summary>Forgets every secret (tests only: each test registers its own canaries).</summary>
    internal static void ResetForTests()
    {
        lock (Gate) { _forms = []; _values = []; }
    }
}

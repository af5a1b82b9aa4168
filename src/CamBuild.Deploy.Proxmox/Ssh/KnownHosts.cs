using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CamBuild.Deploy.Proxmox.Ssh;

/// <summary>
/// OpenSSH <c>known_hosts</c>: plain (<c>host,[host]:port</c>) and hashed (<c>|1|salt|hmac</c>) entries and the
/// <c>@revoked</c> marker. A host key is trusted only when an entry for the host carries exactly that key.
/// </summary>
internal sealed class KnownHosts
{
    private readonly List<Entry> _entries;

    private KnownHosts(List<Entry> entries, string source)
    {
        _entries = entries;
        Source = source;
    }

    public string Source { get; }

    public static KnownHosts Load(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"SSH known_hosts file '{path}' does not exist; create it with `ssh-keyscan -t ed25519 <member> >> {path}` " +
                "and compare the key with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the member.", path);
        return Parse(File.ReadAllLines(path), path);
    }

    public static KnownHosts Parse(IEnumerable<string> lines, string source)
    {
        var entries = new List<Entry>();
        var number = 0;
        foreach (var raw in lines)
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var fields = line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            var revoked = false;
            if (fields[0].StartsWith('@'))
            {
                revoked = fields[0] == "@revoked";
                if (!revoked) continue; // @cert-authority: certificates are not used for Proxmox members
                fields = fields[1..];
            }
            if (fields.Length < 3)
                throw new InvalidDataException($"{source}:{number}: expected 'hosts keytype base64-key', found '{raw}'");
            byte[] key;
            try { key = Convert.FromBase64String(fields[2]); }
            catch (FormatException) { throw new InvalidDataException($"{source}:{number}: the key is not base64"); }
            entries.Add(new Entry(fields[0].Split(','), fields[1], key, revoked));
        }
        return new KnownHosts(entries, source);
    }

    /// <summary>True when <paramref name="key"/> is a known, non-revoked key of host:port.</summary>
    public bool Trusts(string host, int port, string keyType, byte[] key)
    {
        var name = port == 22 ? host : $"[{host}]:{port.ToString(CultureInfo.InvariantCulture)}";
        var matching = _entries.Where(e => e.Patterns.Any(p => Matches(p, name))).ToList();
        if (matching.Any(e => e.Revoked && e.Key.AsSpan().SequenceEqual(key))) return false;
        return matching.Any(e => !e.Revoked && e.KeyType == keyType && e.Key.AsSpan().SequenceEqual(key));
    }

    private static bool Matches(string pattern, string name)
    {
        if (!pattern.StartsWith("|1|", StringComparison.Ordinal)) return string.Equals(pattern, name, StringComparison.OrdinalIgnoreCase);
        var parts = pattern.Split('|');
        if (parts.Length != 4) return false;
        try
        {
            var expected = Convert.FromBase64String(parts[3]);
#pragma warning disable CA5350 // OpenSSH's hashed known_hosts entries (|1|salt|hash) are HMAC-SHA1 by definition; matched, not protected.
            var actual = HMACSHA1.HashData(Convert.FromBase64String(parts[2]), Encoding.ASCII.GetBytes(name));
#pragma warning restore CA5350
            return CryptographicOperations.FixedTimeEquals(expected, actual);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private sealed record Entry(string[] Patterns, string KeyType, byte[] Key, bool Revoked);
}

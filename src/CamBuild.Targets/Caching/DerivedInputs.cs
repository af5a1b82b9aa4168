using System.Security.Cryptography;
using System.Text;

namespace CamBuild.Targets.Caching;

/// <summary>
/// Remembers a list derived from configuration files (e.g. the files a config file names) by the content of those
/// files and the compiled code that derives it, so that a cached run reads a few small files instead of loading a
/// parser. Only a pure function of <c>sources</c> may be remembered this way: the same bytes give the same list.
/// A changed source, another build of the deriving code, or a missing memo derives again (errors surface as before).
/// </summary>
public static class DerivedInputs
{
    public static IReadOnlyList<string> Remembered(string root, string cacheDirectory, string name, IReadOnlyList<string> sources, Func<IEnumerable<string>> derive)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(derive);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes(name + "\0" + derive.Method.Module.ModuleVersionId.ToString("N") + "\0"));
        foreach (var source in sources)
        {
            var path = Path.Combine(root, source);
            sha.AppendData(Encoding.UTF8.GetBytes(source + "\0"));
            sha.AppendData(File.Exists(path) ? SHA256.HashData(File.ReadAllBytes(path)) : "missing"u8);
        }

        var memo = Path.Combine(cacheDirectory, "derived", name + "-" + Convert.ToHexStringLower(sha.GetHashAndReset()));
        if (File.Exists(memo))
            return File.ReadAllText(memo).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var list = derive().ToList();
        if (list.Any(l => l.Contains('\n', StringComparison.Ordinal))) return list;
        AtomicFile.WriteAllText(memo, string.Join('\n', list) + "\n");
        return list;
    }
}

using System.Text.Json;

namespace CamBuild.SupplyChain.Sbom;

/// <summary>
/// What an SBOM file lists, reduced to comparable text: Debian packages as <c>name\tversion\tarch</c> (the shape of
/// the manifest's dpkg list) and Python distributions per environment as <c>name==version</c> (the shape of pip
/// freeze). Verify compares these with the template's actual package lists; ReleaseNotes compares two of them.
/// </summary>
public sealed record SbomInventory(IReadOnlySet<string> Debian, IReadOnlyDictionary<string, IReadOnlySet<string>> Python)
{
    public static SbomInventory ReadCycloneDx(string json, string file)
    {
        var debian = new SortedSet<string>(StringComparer.Ordinal);
        var python = new SortedDictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var c in Array(Root(json, file), "components", file))
        {
            var reference = Text(c, "bom-ref");
            var name = Text(c, "name");
            var version = Text(c, "version");
            var parts = reference.Split(':');
            if (parts is ["deb", _, var arch]) debian.Add($"{name}\t{version}\t{arch}");
            else if (parts is ["pypi", var env, _]) Add(python, env, $"{name}=={version}");
            else throw new InputException($"{file}: component '{reference}' is not one CamBuild writes (deb:<name>:<arch> or pypi:<env>:<name>).");
        }
        return new SbomInventory(debian, python);
    }

    public static SbomInventory ReadSpdx(string json, string file)
    {
        var debian = new SortedSet<string>(StringComparer.Ordinal);
        var python = new SortedDictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var p in Array(Root(json, file), "packages", file))
        {
            var purl = p.TryGetProperty("externalRefs", out var refs) && refs.ValueKind == JsonValueKind.Array
                ? refs.EnumerateArray().Select(r => Text(r, "referenceLocator")).FirstOrDefault(l => l.StartsWith("pkg:", StringComparison.Ordinal))
                : null;
            if (purl is null) continue;   // the candidate itself
            var name = Text(p, "name");
            var version = Text(p, "versionInfo");
            if (purl.StartsWith("pkg:deb/", StringComparison.Ordinal))
            {
                debian.Add($"{name}\t{version}\t{Qualifier(purl, "arch") ?? "?"}");
            }
            else if (purl.StartsWith("pkg:pypi/", StringComparison.Ordinal))
            {
                const string Prefix = "Python environment ";
                var comment = Text(p, "comment");
                var env = comment.StartsWith(Prefix, StringComparison.Ordinal) ? comment[Prefix.Length..].Split(' ')[0] : "?";
                Add(python, env, $"{name}=={version}");
            }
        }
        return new SbomInventory(debian, python);
    }

    /// <summary>What differs from the expected lists, as "missing ..." / "extra ..." lines (empty when equal).</summary>
    public IReadOnlyList<string> Compare(IEnumerable<string> dpkgList, IReadOnlyDictionary<string, string> pipFreeze)
    {
        ArgumentNullException.ThrowIfNull(pipFreeze);
        var problems = new List<string>();
        var expected = new SortedSet<string>(dpkgList, StringComparer.Ordinal);
        problems.AddRange(expected.Except(Debian).Select(d => $"missing deb {d.Replace('\t', ' ')}"));
        problems.AddRange(Debian.Except(expected).Select(d => $"extra deb {d.Replace('\t', ' ')}"));
        foreach (var env in pipFreeze.Keys.Union(Python.Keys).Order(StringComparer.Ordinal))
        {
            var want = pipFreeze.TryGetValue(env, out var freeze)
                ? freeze.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(NormaliseFreeze).ToHashSet(StringComparer.Ordinal)
                : [];
            var have = Python.TryGetValue(env, out var listed) ? listed : new HashSet<string>();
            problems.AddRange(want.Except(have).Order(StringComparer.Ordinal).Select(d => $"missing {env}: {d}"));
            problems.AddRange(have.Except(want).Order(StringComparer.Ordinal).Select(d => $"extra {env}: {d}"));
        }
        return problems;
    }

    private static string NormaliseFreeze(string line)
    {
        var at = line.IndexOf("==", StringComparison.Ordinal);
        var name = at < 0 ? line : line[..at];
        var normalised = System.Text.RegularExpressions.Regex.Replace(name, "[-_.]+", "-").ToLowerInvariant();
        return at < 0 ? normalised : normalised + line[at..];
    }

    private static void Add(SortedDictionary<string, IReadOnlySet<string>> python, string env, string entry)
    {
        if (!python.TryGetValue(env, out var set)) python[env] = set = new SortedSet<string>(StringComparer.Ordinal);
        ((SortedSet<string>)set).Add(entry);
    }

    private static string? Qualifier(string purl, string key)
    {
        var q = purl.IndexOf('?', StringComparison.Ordinal);
        if (q < 0) return null;
        foreach (var pair in purl[(q + 1)..].Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == key) return Uri.UnescapeDataString(pair[(eq + 1)..]);
        }
        return null;
    }

    private static JsonElement Root(string json, string file)
    {
        try
        {
            return JsonDocument.Parse(json).RootElement.Clone();
        }
        catch (JsonException e)
        {
            throw new InputException($"{file}:{(e.LineNumber ?? 0) + 1}: not JSON ({e.Message}).", e);
        }
    }

    private static IEnumerable<JsonElement> Array(JsonElement root, string name, string file) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray()
            : throw new InputException($"{file}: no '{name}' list; this is not an SBOM CamBuild wrote.");

    private static string Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
}

using CamBuild.Python.Requirements;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Metadata;

/// <summary>The fields of a METADATA / PKG-INFO file (RFC 822 style headers) that resolution needs.</summary>
public sealed record CoreMetadata(
    string Name,
    PythonVersion Version,
    IReadOnlyList<Requirement> RequiresDist,
    SpecifierSet RequiresPython,
    IReadOnlyList<string> ProvidesExtra)
{
    /// <summary>More Requires-Dist lines than this are refused (a hostile METADATA would otherwise make the resolver ask the index for each).</summary>
    public const int MaximumRequiresDist = 1_000;

    /// <summary>Parses header lines up to the first blank line; <paramref name="sourceName"/> names the file in errors.</summary>
    public static CoreMetadata Parse(string text, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var headers = ReadHeaders(text);
        string Single(string field) =>
            headers.FirstOrDefault(h => string.Equals(h.Field, field, StringComparison.OrdinalIgnoreCase)).Value
            ?? throw new PythonPackagingException($"{sourceName}: the required '{field}:' header is missing from the core metadata.");
        IEnumerable<(int Line, string Value)> All(string field) => headers
            .Where(h => string.Equals(h.Field, field, StringComparison.OrdinalIgnoreCase))
            .Select(h => (h.Line, h.Value));

        var versionText = Single("Version");
        if (!PythonVersion.TryParse(versionText, out var version))
        {
            throw new PythonPackagingException($"{sourceName}: Version '{versionText}' is not a PEP 440 version.");
        }

        var requires = new List<Requirement>();
        foreach (var (line, value) in All("Requires-Dist"))
        {
            if (requires.Count == MaximumRequiresDist)
            {
                throw new PythonPackagingException($"{sourceName}:{line}: more than {MaximumRequiresDist} Requires-Dist lines; no real package has that many, so the metadata is broken or hostile — ask the package's owner to fix it.");
            }

            try
            {
                requires.Add(Requirement.Parse(value));
            }
            catch (PythonPackagingException ex)
            {
                throw new PythonPackagingException($"{sourceName}:{line}: Requires-Dist: {ex.Message}", ex);
            }
        }

        var requiresPython = SpecifierSet.Any;
        var (rpLine, rpValue) = All("Requires-Python").FirstOrDefault();
        if (rpValue is not null)
        {
            try
            {
                requiresPython = SpecifierSet.Parse(rpValue);
            }
            catch (PythonPackagingException ex)
            {
                throw new PythonPackagingException($"{sourceName}:{rpLine}: Requires-Python: {ex.Message}", ex);
            }
        }

        var extras = All("Provides-Extra").Select(e => PackageName.Normalize(e.Value)).Distinct(StringComparer.Ordinal).ToArray();
        return new CoreMetadata(PackageName.Normalize(Single("Name")), version, requires, requiresPython, extras);
    }

    /// <summary>
    /// The one core-metadata header reader: RFC 822-style <c>Field: value</c> lines up to the first blank line, with
    /// continuation lines folded in; each header with its 1-based line.
    /// </summary>
    public static IReadOnlyList<(int Line, string Field, string Value)> ReadHeaders(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var headers = new List<(int Line, string Field, string Value)>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0)
            {
                break;
            }

            if (line[0] is ' ' or '\t')
            {
                if (headers.Count > 0)
                {
                    var last = headers[^1];
                    headers[^1] = last with { Value = last.Value + "\n" + line.Trim() };
                }

                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers.Add((i + 1, line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        return headers;
    }
}

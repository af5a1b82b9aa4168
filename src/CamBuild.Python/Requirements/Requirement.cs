using CamBuild.Python.Markers;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Requirements;

/// <summary>A PEP 508 dependency specification such as <c>katsdptelstate[rdb] &gt;= 0.10; python_version &gt;= "3.8"</c>.</summary>
public sealed class Requirement
{
    private Requirement(string text, string name, IReadOnlyList<string> extras, SpecifierSet specifier, MarkerExpression? marker)
    {
        Text = text;
        Name = name;
        Extras = extras;
        Specifier = specifier;
        Marker = marker;
    }

    private static readonly char[] Blanks = [' ', '\t'];

    /// <summary>The text as written.</summary>
    public string Text { get; }

    /// <summary>PEP 503-normalised project name.</summary>
    public string Name { get; }

    /// <summary>Normalised extras, sorted and distinct.</summary>
    public IReadOnlyList<string> Extras { get; }

    public SpecifierSet Specifier { get; }

    internal MarkerExpression? Marker { get; }

    /// <summary>Parses one requirement; direct URL references (<c>name @ url</c>) are rejected.</summary>
    public static Requirement Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var semicolon = text.IndexOf(';', StringComparison.Ordinal);
        var head = (semicolon >= 0 ? text[..semicolon] : text).Trim(Blanks);
        var markerText = semicolon >= 0 ? text[(semicolon + 1)..].Trim(Blanks) : null;
        if (head.FirstOrDefault(c => char.IsWhiteSpace(c) && !Blanks.Contains(c)) is var bad && bad != default)
        {
            // PEP 508: wsp = ' ' | '\t'; the reference implementation rejects "name\n" too instead of trimming it.
            throw Error(text, $"it contains U+{(int)bad:X4} (a line break or other white space); only spaces and tabs may separate its parts, so strip the line ending before parsing");
        }

        if (head.Contains('@', StringComparison.Ordinal) || head.Contains("://", StringComparison.Ordinal))
        {
            throw Error(text, "direct URL references (name @ url) are not supported: a lock must come from the index; publish the package to the index and name a version instead");
        }

        var nameEnd = 0;
        while (nameEnd < head.Length && (char.IsAsciiLetterOrDigit(head[nameEnd]) || head[nameEnd] is '.' or '-' or '_'))
        {
            nameEnd++;
        }

        var rawName = head[..nameEnd];
        if (!PackageName.IsValid(rawName))
        {
            throw Error(text, "it must start with a project name (letters, digits, and inner '.', '-', '_')");
        }

        var rest = head[nameEnd..].TrimStart();
        var extras = Array.Empty<string>();
        if (rest.StartsWith('['))
        {
            var close = rest.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                throw Error(text, "the extras list '[' is not closed with ']'");
            }

            extras = ParseExtras(text, rest[1..close]);
            rest = rest[(close + 1)..].Trim(Blanks);
        }

        if (rest.StartsWith('(') && rest.EndsWith(')'))
        {
            rest = rest[1..^1];
        }

        SpecifierSet specifier;
        try
        {
            specifier = SpecifierSet.Parse(rest);
        }
        catch (PythonPackagingException ex)
        {
            throw Error(text, ex.Message);
        }

        MarkerExpression? marker = null;
        if (markerText is not null)
        {
            if (markerText.Length == 0)
            {
                throw Error(text, "nothing follows ';' (remove it or add a marker)");
            }

            try
            {
                marker = MarkerParser.Parse(markerText);
            }
            catch (PythonPackagingException ex)
            {
                throw Error(text, ex.Message);
            }
        }

        return new Requirement(text.Trim(Blanks), PackageName.Normalize(rawName), extras, specifier, marker);
    }

    /// <summary>True when the requirement applies to <paramref name="environment"/> with the given <c>extra</c>.</summary>
    public bool AppliesTo(MarkerEnvironment environment, string? extra = null) =>
        Marker is null || Marker.Evaluate(environment, extra);

    /// <summary>Name, extras and specifier without the marker: <c>dask[array]&gt;=2.7.0</c>.</summary>
    public string ToShortString() =>
        Name + (Extras.Count > 0 ? $"[{string.Join(',', Extras)}]" : string.Empty) + Specifier;

    public override string ToString() => Text;

    private static string[] ParseExtras(string text, string list)
    {
        var extras = list.Split(',').Select(e => e.Trim(Blanks)).ToArray();
        if (extras.Length == 1 && extras[0].Length == 0)
        {
            return [];
        }

        var invalid = extras.FirstOrDefault(e => !PackageName.IsValid(e));
        return invalid is not null
            ? throw Error(text, $"'{invalid}' is not a valid extra name")
            : extras.Select(PackageName.Normalize).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
    }

    private static PythonPackagingException Error(string text, string reason) =>
        new($"Invalid requirement '{text}': {reason}.");
}

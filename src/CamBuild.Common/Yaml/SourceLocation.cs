using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CamBuild.Common;

/// <summary>The one location type: a position in a file, 1-based line and column, written <c>file:line:column</c>.</summary>
public sealed record SourceLocation(string File, int Line, int Column) : IComparable<SourceLocation>
{
    public static SourceLocation Of(string file, YamlNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return Of(file, node.Start);
    }

    public static SourceLocation Of(string file, Mark mark) => new(file, (int)mark.Line, (int)mark.Column);

    public int CompareTo(SourceLocation? other) =>
        other is null ? 1
        : string.CompareOrdinal(File, other.File) is var byFile and not 0 ? byFile
        : Line != other.Line ? Line.CompareTo(other.Line)
        : Column.CompareTo(other.Column);

    public static bool operator <(SourceLocation? left, SourceLocation? right) => Compare(left, right) < 0;

    public static bool operator <=(SourceLocation? left, SourceLocation? right) => Compare(left, right) <= 0;

    public static bool operator >(SourceLocation? left, SourceLocation? right) => Compare(left, right) > 0;

    public static bool operator >=(SourceLocation? left, SourceLocation? right) => Compare(left, right) >= 0;

    private static int Compare(SourceLocation? left, SourceLocation? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);

    public override string ToString() => $"{File}:{Line}:{Column}";
}

/// <summary>The one error shape: a message about a place, written <c>file:line:column: message</c>.</summary>
public sealed record Diagnostic(SourceLocation Location, string Message)
{
    public string File => Location.File;

    public int Line => Location.Line;

    public int Column => Location.Column;

    public override string ToString() => $"{Location}: {Message}";
}

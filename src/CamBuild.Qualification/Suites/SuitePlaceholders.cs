using CamBuild.Common;
using System.Text.RegularExpressions;

namespace CamBuild.Qualification.Suites;

/// <summary>
/// Placeholders of a suite command, each replaced in every argv element:
/// <c>{site}</c> site.json of the environment (on the node, or the host's copy), <c>{node}</c> hostname of the node the
/// suite runs on (role placement only), <c>{junit}</c> where the command must write its JUnit XML, <c>{versions}</c>
/// expected versions JSON <c>{distribution: version}</c>, <c>{python}</c> the candidate's Python (the node's venv, or the
/// host's venv made from the same wheels), <c>{root}</c> the repository root, or the directory the suite's files were copied
/// to inside the node.
/// </summary>
internal static partial class SuitePlaceholders
{
    public static readonly IReadOnlyList<string> Names = ["site", "node", "junit", "versions", "python", "root"];

    public static IEnumerable<string> Used(string argument) =>
        Pattern().Matches(argument ?? "").Select(match => match.Groups["name"].Value);

    public static string Expand(string argument, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return Pattern().Replace(argument ?? "", match => values.TryGetValue(match.Groups["name"].Value, out var value)
            ? value
            : throw new InputException($"placeholder {match.Value} has no value here"));
    }

    [GeneratedRegex(@"\{(?<name>[A-Za-z_][A-Za-z0-9_-]*)\}", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

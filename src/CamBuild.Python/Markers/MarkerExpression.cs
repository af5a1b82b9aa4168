using CamBuild.Python.Versions;

namespace CamBuild.Python.Markers;

/// <summary>A parsed PEP 508 environment marker; see <see cref="MarkerParser"/>.</summary>
internal abstract class MarkerExpression
{
    /// <summary>Evaluates against a target environment; <paramref name="extra"/> is the value of the <c>extra</c> variable.</summary>
    public abstract bool Evaluate(MarkerEnvironment environment, string? extra = null);

    /// <summary>True when the expression mentions the <c>extra</c> variable anywhere.</summary>
    public abstract bool MentionsExtra { get; }
}

internal sealed class MarkerAnd(IReadOnlyList<MarkerExpression> terms) : MarkerExpression
{
    public override bool MentionsExtra => terms.Any(t => t.MentionsExtra);

    // Every term is evaluated (no short circuit), so a comparison that must raise raises wherever it stands, as in
    // the reference implementation; PEP 508 leaves no order in which an error could be skipped.
    public override bool Evaluate(MarkerEnvironment environment, string? extra = null) =>
        terms.Select(t => t.Evaluate(environment, extra)).ToArray().All(r => r);

    public override string ToString() => string.Join(" and ", terms.Select(t => t is MarkerOr ? $"({t})" : t.ToString()));
}

internal sealed class MarkerOr(IReadOnlyList<MarkerExpression> terms) : MarkerExpression
{
    public override bool MentionsExtra => terms.Any(t => t.MentionsExtra);

    public override bool Evaluate(MarkerEnvironment environment, string? extra = null) =>
        terms.Select(t => t.Evaluate(environment, extra)).ToArray().Any(r => r);

    public override string ToString() => string.Join(" or ", terms.Select(t => t.ToString()));
}

/// <summary>An operand: a variable name or a quoted literal.</summary>
internal sealed record MarkerOperand(string Value, bool IsVariable)
{
    public override string ToString() => IsVariable ? Value : $"\"{Value}\"";
}

internal sealed class MarkerComparison(MarkerOperand left, string op, MarkerOperand right) : MarkerExpression
{
    public override bool MentionsExtra => left is { IsVariable: true, Value: "extra" } || right is { IsVariable: true, Value: "extra" };

    public override bool Evaluate(MarkerEnvironment environment, string? extra = null)
    {
        var isExtra = MentionsExtra;
        var lhs = Resolve(left, environment, extra);
        var rhs = Resolve(right, environment, extra);
        if (isExtra)
        {
            lhs = PackageName.Normalize(lhs);
            rhs = PackageName.Normalize(rhs);
        }

        switch (op)
        {
            case "===":
                // The same rule as a === version specifier. PEP 508: without a valid specifier (===#1 SMP has a space)
                // and with no Python operator to fall back to, "an error should be raised".
                return VersionSpecifier.IsArbitraryText(rhs)
                    ? VersionSpecifier.ArbitraryEquals(lhs, rhs)
                    : throw new PythonPackagingException(
                        $"Marker '{this}': === needs a string without spaces, ';' or ')' on its right, got '{rhs}'.");
            case "in":
                return rhs.Contains(lhs, StringComparison.Ordinal);
            case "not in":
                return !rhs.Contains(lhs, StringComparison.Ordinal);
        }

        if (!isExtra && PythonVersion.TryParse(lhs, out var version) && TryParseSpecifier(op + rhs, out var specifier))
        {
            return specifier.Contains(version);
        }

        return op switch
        {
            "==" => string.Equals(lhs, rhs, StringComparison.Ordinal),
            "!=" => !string.Equals(lhs, rhs, StringComparison.Ordinal),
            "<" => string.CompareOrdinal(lhs, rhs) < 0,
            "<=" => string.CompareOrdinal(lhs, rhs) <= 0,
            ">" => string.CompareOrdinal(lhs, rhs) > 0,
            ">=" => string.CompareOrdinal(lhs, rhs) >= 0,
            _ => throw new PythonPackagingException(
                $"Marker '{this}': operator {op} needs PEP 440 versions on both sides, got '{lhs}' and '{rhs}'."),
        };
    }

    public override string ToString() => $"{left} {op} {right}";

    private static string Resolve(MarkerOperand operand, MarkerEnvironment environment, string? extra)
    {
        if (!operand.IsVariable)
        {
            return operand.Value;
        }

        return operand.Value == "extra" ? extra ?? string.Empty : environment.Get(operand.Value)!;
    }

    private static bool TryParseSpecifier(string text, out VersionSpecifier specifier)
    {
        try
        {
            specifier = VersionSpecifier.Parse(text);
            return true;
        }
        catch (PythonPackagingException)
        {
            specifier = null!;
            return false;
        }
    }
}

using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.RegularExpressions;

namespace CamBuild.Python.Versions;

/// <summary>A PEP 440 version, normalised on parse and totally ordered as the specification demands.</summary>
public sealed partial class PythonVersion : IComparable<PythonVersion>, IEquatable<PythonVersion>
{
    private readonly BigInteger[] _trimmedRelease;
    private string? _normalized;
    private PythonVersion? _baseVersion;

    private PythonVersion(
        string original, BigInteger epoch, BigInteger[] release, PreRelease? pre, BigInteger? post, BigInteger? dev, IReadOnlyList<object> local)
    {
        Original = original;
        Epoch = epoch;
        Release = release;
        Pre = pre;
        Post = post;
        Dev = dev;
        Local = local;
        var significant = release.Length;
        while (significant > 1 && release[significant - 1].IsZero)
        {
            significant--;
        }

        _trimmedRelease = release[..significant];
    }

    /// <summary>The text as written, for <c>===</c> comparisons.</summary>
    public string Original { get; }

    /// <summary>Numbers are unbounded (PEP 440 sets no limit, so <c>1.99999999999999999999</c> is valid).</summary>
    public BigInteger Epoch { get; }

    public IReadOnlyList<BigInteger> Release { get; }

    internal PreRelease? Pre { get; }

    public BigInteger? Post { get; }

    public BigInteger? Dev { get; }

    /// <summary>Local label segments: <see cref="BigInteger"/> for numeric parts, lower-case <see cref="string"/> otherwise.</summary>
    public IReadOnlyList<object> Local { get; }

    /// <summary>Alpha, beta, release candidate or development release (PEP 440 counts all as pre-releases).</summary>
    public bool IsPrerelease => Pre is not null || Dev is not null;

    public bool IsDevRelease => Dev is not null;

    public bool IsPostRelease => Post is not null;

    public bool HasLocal => Local.Count > 0;

    /// <summary>The version without its local label.</summary>
    public PythonVersion Public => HasLocal ? new PythonVersion(Original, Epoch, [.. Release], Pre, Post, Dev, []) : this;

    /// <summary>Epoch and release only (<c>1!2.0</c> of <c>1!2.0rc1.post3</c>).</summary>
    public PythonVersion BaseVersion => _baseVersion ??= Pre is null && Post is null && Dev is null && !HasLocal
        ? this
        : new(Original, Epoch, [.. Release], null, null, null, []);

    /// <summary>The earliest pre-release of this version's public part: <c>1.0.post1.dev0</c> of <c>1.0.post1</c>.</summary>
    internal PythonVersion EarliestPrerelease => new(Original, Epoch, [.. Release], Pre, Post, BigInteger.Zero, []);

    /// <summary>This version without its post, dev and local segments: <c>1.0rc1</c> of <c>1.0rc1.post2.dev3+x</c>.</summary>
    internal PythonVersion WithoutPostDevLocal => new(Original, Epoch, [.. Release], Pre, null, null, []);

    public static PythonVersion Parse(string text)
    {
        return TryParse(text, out var version)
            ? version
            : throw new PythonPackagingException(
                $"'{text}' is not a valid PEP 440 version; use a form like 1.2, 1.2.3rc1, 1.2.post1, 1.2.dev3 or 1!2.0+local.1.");
    }

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PythonVersion? version)
    {
        version = null;
        if (text is null)
        {
            return false;
        }

        var match = VersionPattern().Match(text);
        if (!match.Success)
        {
            return false;
        }

        {
            var epoch = match.Groups["epoch"].Success ? ParseNumber(match.Groups["epoch"].Value) : BigInteger.Zero;
            var release = match.Groups["release"].Value.Split('.').Select(ParseNumber).ToArray();
            PreRelease? pre = null;
            if (match.Groups["prel"].Success)
            {
                var kind = match.Groups["prel"].Value.ToLowerInvariant() switch
                {
                    "a" or "alpha" => PreReleaseKind.Alpha,
                    "b" or "beta" => PreReleaseKind.Beta,
                    _ => PreReleaseKind.ReleaseCandidate,
                };
                pre = new PreRelease(kind, match.Groups["pren"].Success ? ParseNumber(match.Groups["pren"].Value) : BigInteger.Zero);
            }

            BigInteger? post = null;
            if (match.Groups["postn1"].Success)
            {
                post = ParseNumber(match.Groups["postn1"].Value);
            }
            else if (match.Groups["postl"].Success)
            {
                post = match.Groups["postn2"].Success ? ParseNumber(match.Groups["postn2"].Value) : BigInteger.Zero;
            }

            BigInteger? dev = match.Groups["devl"].Success
                ? match.Groups["devn"].Success ? ParseNumber(match.Groups["devn"].Value) : BigInteger.Zero
                : null;
            var local = match.Groups["local"].Success
                ? match.Groups["local"].Value.Split('-', '_', '.').Select(ParseLocalSegment).ToArray()
                : [];
            version = new PythonVersion(text.Trim(), epoch, release, pre, post, dev, local);
            return true;
        }
    }

    public int CompareTo(PythonVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        var result = Epoch.CompareTo(other.Epoch);
        if (result != 0)
        {
            return result;
        }

        result = CompareRelease(_trimmedRelease, other._trimmedRelease);
        if (result != 0)
        {
            return result;
        }

        result = PreKey().CompareTo(other.PreKey());
        if (result != 0)
        {
            return result;
        }

        result = (Post ?? BigInteger.MinusOne).CompareTo(other.Post ?? BigInteger.MinusOne);
        if (result != 0)
        {
            return result;
        }

        result = (Dev is null).CompareTo(other.Dev is null); // no dev release sorts after every dev release
        if (result != 0)
        {
            return result;
        }

        result = (Dev ?? BigInteger.Zero).CompareTo(other.Dev ?? BigInteger.Zero);
        return result != 0 ? result : CompareLocal(Local, other.Local);
    }

    public bool Equals(PythonVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is PythonVersion other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Render(includeLocal: true, trim: true));

    /// <summary>The normalised form (<c>1.0a1.post2.dev3+ubuntu.1</c>).</summary>
    public override string ToString() => _normalized ??= Render(includeLocal: true);

    public static bool operator ==(PythonVersion? left, PythonVersion? right) => left is null ? right is null : left.Equals(right);

    public static bool operator !=(PythonVersion? left, PythonVersion? right) => !(left == right);

    public static bool operator <(PythonVersion left, PythonVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(PythonVersion left, PythonVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(PythonVersion left, PythonVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(PythonVersion left, PythonVersion right) => left.CompareTo(right) >= 0;

    internal static int CompareRelease(IReadOnlyList<BigInteger> left, IReadOnlyList<BigInteger> right)
    {
        var length = Math.Max(left.Count, right.Count);
        for (var i = 0; i < length; i++)
        {
            var result = (i < left.Count ? left[i] : BigInteger.Zero).CompareTo(i < right.Count ? right[i] : BigInteger.Zero);
            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }

    // A dev release without a pre-release sorts before every pre-release of the same release.
    private (int Rank, BigInteger Number) PreKey() => Pre is { } pre
        ? ((int)pre.Kind, pre.Number)
        : Post is null && Dev is not null ? (-1, BigInteger.Zero) : (int.MaxValue, BigInteger.Zero);

    private static int CompareLocal(IReadOnlyList<object> left, IReadOnlyList<object> right)
    {
        for (var i = 0; i < Math.Min(left.Count, right.Count); i++)
        {
            var result = (left[i], right[i]) switch
            {
                (BigInteger a, BigInteger b) => a.CompareTo(b),
                (BigInteger, string) => 1,
                (string, BigInteger) => -1,
                (string a, string b) => string.CompareOrdinal(a, b),
                _ => 0,
            };
            if (result != 0)
            {
                return result;
            }
        }

        return left.Count.CompareTo(right.Count);
    }

    private string Render(bool includeLocal, bool trim = false)
    {
        var builder = new StringBuilder();
        if (Epoch != 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"{Epoch}!");
        }

        builder.AppendJoin('.', trim ? _trimmedRelease : Release);
        if (Pre is { } pre)
        {
            builder.Append(pre.ToString());
        }

        if (Post is { } post)
        {
            builder.Append(CultureInfo.InvariantCulture, $".post{post}");
        }

        if (Dev is { } dev)
        {
            builder.Append(CultureInfo.InvariantCulture, $".dev{dev}");
        }

        if (includeLocal && HasLocal)
        {
            builder.Append('+').AppendJoin('.', Local.Select(s => Convert.ToString(s, CultureInfo.InvariantCulture)));
        }

        return builder.ToString();
    }

    private static BigInteger ParseNumber(string digits) => BigInteger.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);

    private static object ParseLocalSegment(string segment) =>
        segment.All(char.IsAsciiDigit) ? ParseNumber(segment) : segment.ToLowerInvariant();

    [GeneratedRegex(
        """
        ^\s*v?
        (?:(?<epoch>[0-9]+)!)?
        (?<release>[0-9]+(?:\.[0-9]+)*)
        (?:[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?
        (?:-(?<postn1>[0-9]+)|[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?)?
        (?:[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?
        (?:\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?
        \s*$
        """,
        RegexOptions.IgnoreCase | RegexOptions.IgnorePatternWhitespace | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex VersionPattern();
}

internal enum PreReleaseKind
{
    Alpha = 0,
    Beta = 1,
    ReleaseCandidate = 2,
}

internal sealed record PreRelease(PreReleaseKind Kind, BigInteger Number)
{
    public override string ToString() => Kind switch
    {
        PreReleaseKind.Alpha => "a",
        PreReleaseKind.Beta => "b",
        _ => "rc",
    } + Number.ToString(CultureInfo.InvariantCulture);
}

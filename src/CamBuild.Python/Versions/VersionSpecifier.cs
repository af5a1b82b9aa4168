namespace CamBuild.Python.Versions;

internal enum SpecifierOperator
{
    Compatible,
    Equal,
    NotEqual,
    LessThanOrEqual,
    GreaterThanOrEqual,
    LessThan,
    GreaterThan,
    ArbitraryEqual,
}

/// <summary>One PEP 440 version clause such as <c>&gt;=4.3</c>, <c>==1.1.*</c>, <c>~=2.2</c> or <c>===foo</c>.</summary>
internal sealed class VersionSpecifier
{
    private static readonly (string Text, SpecifierOperator Operator)[] Operators =
    [
        ("===", SpecifierOperator.ArbitraryEqual),
        ("~=", SpecifierOperator.Compatible),
        ("==", SpecifierOperator.Equal),
        ("!=", SpecifierOperator.NotEqual),
        ("<=", SpecifierOperator.LessThanOrEqual),
        (">=", SpecifierOperator.GreaterThanOrEqual),
        ("<", SpecifierOperator.LessThan),
        (">", SpecifierOperator.GreaterThan),
    ];

    private VersionSpecifier(SpecifierOperator op, string operatorText, string versionText, PythonVersion? version, bool wildcard)
    {
        Operator = op;
        OperatorText = operatorText;
        VersionText = versionText;
        Version = version;
        IsWildcard = wildcard;
    }

    public SpecifierOperator Operator { get; }

    public string OperatorText { get; }

    /// <summary>The version as written (without a trailing <c>.*</c>).</summary>
    public string VersionText { get; }

    /// <summary>Null only for <c>===</c> with a non-PEP 440 string.</summary>
    public PythonVersion? Version { get; }

    public bool IsWildcard { get; }

    /// <summary>True when this clause pins one version exactly (PEP 592 lets such pins select yanked files).</summary>
    public bool IsExactPin => Operator is SpecifierOperator.ArbitraryEqual || (Operator is SpecifierOperator.Equal && !IsWildcard);

    /// <summary>True when the clause names a pre-release, which allows pre-releases for the requirement (PEP 440).</summary>
    public bool NamesPrerelease => Operator is not SpecifierOperator.NotEqual && Version is { IsPrerelease: true };

    public static VersionSpecifier Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        foreach (var (opText, op) in Operators)
        {
            if (!trimmed.StartsWith(opText, StringComparison.Ordinal))
            {
                continue;
            }

            var versionText = trimmed[opText.Length..].Trim();
            if (op is SpecifierOperator.ArbitraryEqual)
            {
                // "===" compares text; the parsed version (default when the text is no PEP 440 version) only orders.
                _ = PythonVersion.TryParse(versionText, out var arbitrary);
                return !IsArbitraryText(versionText)
                    ? throw Invalid(text, "=== needs a version string without spaces, ';' or ')'")
                    : new VersionSpecifier(op, opText, versionText, arbitrary, wildcard: false);
            }

            var wildcard = versionText.EndsWith(".*", StringComparison.Ordinal);
            var bare = wildcard ? versionText[..^2] : versionText;
            if (!PythonVersion.TryParse(bare, out var version))
            {
                throw Invalid(text, $"'{versionText}' is not a PEP 440 version");
            }

            Validate(text, op, version, wildcard);
            return new VersionSpecifier(op, opText, versionText, version, wildcard);
        }

        throw Invalid(text, "it must start with one of ==, !=, <=, >=, <, >, ~=, ===");
    }

    /// <summary>Whether <paramref name="candidate"/> satisfies this clause, ignoring the pre-release policy.</summary>
    public bool Contains(PythonVersion candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (Operator is SpecifierOperator.ArbitraryEqual)
        {
            return ArbitraryEquals(candidate.Original, VersionText);
        }

        var spec = Version!;
        return Operator switch
        {
            SpecifierOperator.Equal => IsWildcard ? MatchesPrefix(candidate, spec) : MatchesExactly(candidate, spec),
            SpecifierOperator.NotEqual => !(IsWildcard ? MatchesPrefix(candidate, spec) : MatchesExactly(candidate, spec)),
            SpecifierOperator.LessThanOrEqual => candidate.Public <= spec,
            SpecifierOperator.GreaterThanOrEqual => candidate.Public >= spec,
            SpecifierOperator.LessThan => candidate.Public < spec && !IsPreReleaseOf(candidate, spec),
            SpecifierOperator.GreaterThan => candidate.Public > spec && !IsPostReleaseOf(candidate, spec) && !IsLocalOf(candidate, spec),
            SpecifierOperator.Compatible => candidate.Public >= spec && MatchesPrefix(candidate, CompatiblePrefix(spec)),
            _ => false,
        };
    }

    /// <summary>
    /// PEP 440 arbitrary equality: "simple string equality operations which do not take into account any of the
    /// semantic information such as zero padding or local versions". The text is compared as written (surrounding
    /// whitespace removed), ignoring ASCII case as the reference implementation does; markers use the same rule.
    /// </summary>
    /// <summary>True when <paramref name="text"/> may follow <c>===</c>: not empty, no white space, ';' or ')'.</summary>
    public static bool IsArbitraryText(string text) =>
        !string.IsNullOrEmpty(text) && !text.Any(c => char.IsWhiteSpace(c) || c is ';' or ')');

    public static bool ArbitraryEquals(string candidate, string specified)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(specified);
        return string.Equals(candidate.Trim(), specified.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    public override string ToString() => OperatorText + VersionText;

    // PEP 440: "<V MUST NOT allow a pre-release of the specified version unless the specified version is itself a
    // pre-release": only candidates from V's earliest pre-release (V.dev0) up to V are such pre-releases, so
    // <1.0.post1 still admits 1.0a1 (packaging 26.x, pypa/packaging#1140).
    private static bool IsPreReleaseOf(PythonVersion candidate, PythonVersion spec) =>
        !spec.IsPrerelease && candidate.IsPrerelease && candidate.Public >= spec.EarliestPrerelease;

    // PEP 440: ">V MUST NOT allow a post-release of the given version unless V itself is a post release": a
    // post-release of V is V plus a post segment, so >1.0rc1 admits 1.0.post1 (pypa/packaging#1141).
    private static bool IsPostReleaseOf(PythonVersion candidate, PythonVersion spec) =>
        !spec.IsPostRelease && candidate.IsPostRelease && candidate.WithoutPostDevLocal == spec;

    // PEP 440: ">V MUST NOT match a local version of the specified version": only V+local, so >1.0.post1 admits
    // 1.0.post2+local (pypa/packaging#1097).
    private static bool IsLocalOf(PythonVersion candidate, PythonVersion spec) =>
        candidate.HasLocal && candidate.Public == spec;

    private static bool MatchesExactly(PythonVersion candidate, PythonVersion spec) =>
        spec.HasLocal ? candidate == spec : candidate.Public == spec;

    private static bool MatchesPrefix(PythonVersion candidate, PythonVersion prefix)
    {
        if (candidate.Epoch != prefix.Epoch)
        {
            return false;
        }

        if (prefix.Pre is null && prefix.Post is null)
        {
            for (var i = 0; i < prefix.Release.Count; i++)
            {
                if ((i < candidate.Release.Count ? candidate.Release[i] : 0) != prefix.Release[i])
                {
                    return false;
                }
            }

            return true;
        }

        return PythonVersion.CompareRelease(candidate.Release, prefix.Release) == 0
            && candidate.Pre == prefix.Pre
            && (prefix.Post is null || candidate.Post == prefix.Post);
    }

    private static PythonVersion CompatiblePrefix(PythonVersion spec)
    {
        var prefix = string.Join('.', spec.Release.Take(spec.Release.Count - 1));
        return PythonVersion.Parse(spec.Epoch == 0 ? prefix : $"{spec.Epoch}!{prefix}");
    }

    private static void Validate(string text, SpecifierOperator op, PythonVersion version, bool wildcard)
    {
        if (wildcard && op is not (SpecifierOperator.Equal or SpecifierOperator.NotEqual))
        {
            throw Invalid(text, ".* is only allowed with == and !=");
        }

        // PEP 440: "it is invalid to have a prefix match containing a development or local release such as 1.0.dev1.*
        // or 1.0+foo1.*"; pre- and post-releases before '.*' stay valid (packaging refuses them: a listed difference).
        if (wildcard && (version.IsDevRelease || version.HasLocal))
        {
            throw Invalid(text, ".* cannot follow a dev release or a local label");
        }

        if (version.HasLocal && op is not (SpecifierOperator.Equal or SpecifierOperator.NotEqual))
        {
            throw Invalid(text, "local labels (+...) are only allowed with ==, != and ===");
        }

        if (op is SpecifierOperator.Compatible && version.Release.Count < 2)
        {
            throw Invalid(text, "~= needs at least two release segments, e.g. ~=2.2");
        }
    }

    private static PythonPackagingException Invalid(string text, string reason) =>
        new($"Invalid version specifier '{text}': {reason}.");
}

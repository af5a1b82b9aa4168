namespace CamBuild.Common;

/// <summary>"Did you mean" for a misspelt key or name: the closest candidate within two edits.</summary>
public static class DidYouMean
{
    public const int MaximumDistance = 2;

    /// <summary>The candidate closest to <paramref name="value"/> when it is at most <see cref="MaximumDistance"/> edits away.</summary>
    public static string? Closest(string value, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(candidates);
        var best = candidates.Select(candidate => (Candidate: candidate, Distance: Distance(value, candidate)))
            .OrderBy(pair => pair.Distance) // stable: on a tie the candidate listed first wins
            .FirstOrDefault();
        return best.Candidate is not null && best.Distance <= MaximumDistance && best.Distance > 0 ? best.Candidate : null;
    }

    /// <summary><c>did you mean 'x'? </c> (with the trailing space), or empty when nothing is close.</summary>
    public static string Hint(string value, IEnumerable<string> candidates) =>
        Closest(value, candidates) is { } close ? $"did you mean '{close}'? " : "";

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[b.Length];
    }
}

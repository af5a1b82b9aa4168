using System.Globalization;

namespace CamBuild.PackageIndex.Server;

/// <summary>PEP 691 content negotiation over the Accept header (RFC 9110 q-values, wildcards, "latest" aliases).</summary>
internal static class ContentNegotiation
{
    private sealed record MediaRange(string Type, string Subtype, double Quality);

    /// <summary>The concrete media type to serve, or null when nothing offered is acceptable (406).</summary>
    /// <remarks>Ties go to the more specific match, then to text/html (safe for legacy clients), then JSON.</remarks>
    public static string? Choose(string? acceptHeader, IndexFormats formats)
    {
        if (formats == IndexFormats.HtmlOnly)
            return SimpleMediaTypes.LegacyHtml;
        string[] offered = formats == IndexFormats.JsonOnly
            ? [SimpleMediaTypes.Json]
            : [SimpleMediaTypes.LegacyHtml, SimpleMediaTypes.Json, SimpleMediaTypes.Html];
        if (string.IsNullOrWhiteSpace(acceptHeader))
            return offered[0];
        var ranges = Parse(acceptHeader);
        string? best = null;
        (double Quality, int Specificity) bestScore = (0, -1);
        foreach (var type in offered)
        {
            var score = Score(type, ranges);
            if (score.Quality > 0 && (score.Quality > bestScore.Quality ||
                                      (score.Quality == bestScore.Quality && score.Specificity > bestScore.Specificity)))
            {
                best = type;
                bestScore = score;
            }
        }
        return best;
    }

    private static (double Quality, int Specificity) Score(string offered, List<MediaRange> ranges)
    {
        var slash = offered.IndexOf('/', StringComparison.Ordinal);
        var (type, subtype) = (offered[..slash], offered[(slash + 1)..]);
        var result = (Quality: 0.0, Specificity: -1);
        foreach (var range in ranges)
        {
            var specificity = Specificity(range, type, subtype, offered);
            if (specificity > result.Specificity)
                result = (range.Quality, specificity);
        }
        return result;
    }

    private static int Specificity(MediaRange range, string type, string subtype, string offered)
    {
        var full = $"{range.Type}/{range.Subtype}";
        if (full == offered || AliasOf(full) == offered)
            return 2;
        if (range.Type == type && range.Subtype == "*")
            return 1;
        return range.Type == "*" && range.Subtype == "*" ? 0 : -1;
    }

    private static string? AliasOf(string mediaType) => mediaType switch
    {
        SimpleMediaTypes.LatestJson => SimpleMediaTypes.Json,
        SimpleMediaTypes.LatestHtml => SimpleMediaTypes.Html,
        _ => null,
    };

    private static List<MediaRange> Parse(string header)
    {
        var ranges = new List<MediaRange>();
        foreach (var part in header.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pieces = part.Split(';', StringSplitOptions.TrimEntries);
            var media = pieces[0].ToLowerInvariant();
            var slash = media.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == media.Length - 1)
                continue;
            var quality = 1.0;
            foreach (var parameter in pieces.Skip(1))
            {
                var eq = parameter.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0 && parameter[..eq].Trim().Equals("q", StringComparison.OrdinalIgnoreCase) &&
                    double.TryParse(parameter[(eq + 1)..].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var q))
                    quality = Math.Clamp(q, 0, 1);
            }
            ranges.Add(new MediaRange(media[..slash], media[(slash + 1)..], quality));
        }
        return ranges;
    }
}

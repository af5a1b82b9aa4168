using System.Globalization;
using System.Text.RegularExpressions;

namespace CamBuild.Delivery.Config;

/// <summary>Durations as written in delivery configuration: <c>90s</c>, <c>5m</c>, <c>24h</c>, <c>2d</c>, <c>1h30m</c>.</summary>
internal static partial class DurationValue
{
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Pattern().Match(text ?? "");
        if (!match.Success || match.Length == 0 || text == "0")
        {
            return text == "0";
        }
        long Part(string group) => match.Groups[group].Success ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) : 0;
        duration = TimeSpan.FromDays(Part("d")) + TimeSpan.FromHours(Part("h")) + TimeSpan.FromMinutes(Part("m"))
            + TimeSpan.FromSeconds(Part("s")) + TimeSpan.FromMilliseconds(Part("ms"));
        return true;
    }

    /// <summary>Short human text: <c>1d2h</c>, <c>15m</c>, <c>2.5s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration < TimeSpan.FromMinutes(1))
        {
            return duration.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + "s";
        }
        var parts = new List<string>();
        if (duration.Days > 0) parts.Add($"{duration.Days}d");
        if (duration.Hours > 0) parts.Add($"{duration.Hours}h");
        if (duration.Minutes > 0) parts.Add($"{duration.Minutes}m");
        if (duration.Seconds > 0 && duration.Days == 0) parts.Add($"{duration.Seconds}s");
        return string.Concat(parts);
    }

    [GeneratedRegex(@"^(?:(?<d>\d+)d)?(?:(?<h>\d+)h)?(?:(?<m>\d+)m(?!s))?(?:(?<s>\d+)s)?(?:(?<ms>\d+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

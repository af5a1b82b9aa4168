using System.Globalization;
using System.Text.RegularExpressions;

namespace CamBuild.Qualification.Suites;

/// <summary>Durations as written in configuration: <c>90s</c>, <c>5m</c>, <c>1h</c>, <c>1m30s</c>.</summary>
internal static partial class DurationText
{
    public static readonly TimeSpan Maximum = TimeSpan.FromHours(24);

    public static bool TryParse(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var match = Pattern().Match(text ?? "");
        if (!match.Success || match.Length == 0)
        {
            return false;
        }
        long Part(string group) => match.Groups[group].Success
            ? long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture)
            : 0;
        var seconds = Part("h") * 3600 + Part("m") * 60 + Part("s");
        if (seconds <= 0 || seconds > Maximum.TotalSeconds)
        {
            return false;
        }
        duration = TimeSpan.FromSeconds(seconds);
        return true;
    }

    /// <summary>Canonical text (the largest units first), e.g. 90 s -> <c>1m30s</c>.</summary>
    public static string Format(TimeSpan duration)
    {
        var seconds = (long)duration.TotalSeconds;
        var text = "";
        if (seconds >= 3600)
        {
            text += (seconds / 3600).ToString(CultureInfo.InvariantCulture) + "h";
        }
        if (seconds % 3600 >= 60)
        {
            text += (seconds % 3600 / 60).ToString(CultureInfo.InvariantCulture) + "m";
        }
        if (seconds % 60 > 0 || text.Length == 0)
        {
            text += (seconds % 60).ToString(CultureInfo.InvariantCulture) + "s";
        }
        return text;
    }

    [GeneratedRegex(@"^(?:(?<h>\d{1,3})h)?(?:(?<m>\d{1,5})m)?(?:(?<s>\d{1,6})s)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

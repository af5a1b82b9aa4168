using System.Globalization;
using CamBuild.Deploy.Roles;
using YamlDotNet.RepresentationModel;

namespace CamBuild.Delivery.Config;

/// <summary>Reads the <c>rollout</c> section of <c>config/environments/&lt;env&gt;.yaml</c>; absent = <see cref="RolloutSettings.Default"/>.</summary>
public static class RolloutConfigReader
{
    private static readonly string[] Keys = ["max_unavailable", "order", "health_timeout", "pause", "keep_previous"];

    public static RolloutSettings Load(string path, RoleCatalog? roles = null) => Parse(File.ReadAllText(path), path, roles);

    public static RolloutSettings Parse(string yaml, string file, RoleCatalog? roles = null)
    {
        var problems = new YamlDiagnostics(file);
        var root = problems.Document(yaml);
        problems.ThrowIfAny();
        if (root is not YamlMappingNode top || !top.Children.TryGetValue(new YamlScalarNode("rollout"), out var section))
        {
            return RolloutSettings.Default;
        }
        var entries = problems.Mapping(section, "rollout", Keys);
        var settings = RolloutSettings.Default;
        if (problems.Text(entries, "max_unavailable", "rollout", section, required: false) is { } text)
        {
            var percent = text.EndsWith('%');
            if (int.TryParse(percent ? text[..^1] : text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                && value >= 1 && (!percent || value <= 100))
            {
                settings = settings with { MaxUnavailable = new MaxUnavailable(value, percent) };
            }
            else
            {
                problems.Add(entries["max_unavailable"], $"'max_unavailable' must be a node count of at least 1 or a percentage 1%..100%, got '{text}'");
            }
        }
        var order = problems.Strings(entries, "order", "rollout");
        foreach (var (role, at) in order.Where(role => roles is not null && !roles.Contains(role.Value)))
        {
            problems.Add(at, $"'order' names role '{role}', which is not in the role catalogue; known: {string.Join(", ", roles!.Roles.Keys.Order(StringComparer.Ordinal))}");
        }
        settings = settings with { Order = order.Select(role => role.Value).ToList() };
        settings = settings with { HealthTimeout = Duration(problems, entries, "health_timeout", settings.HealthTimeout, positive: true) };
        settings = settings with { Pause = Duration(problems, entries, "pause", settings.Pause, positive: false) };
        settings = settings with { KeepPrevious = problems.Integer(entries, "keep_previous", "rollout", 0) ?? settings.KeepPrevious };
        problems.ThrowIfAny();
        return settings;
    }

    private static TimeSpan Duration(YamlDiagnostics problems, Dictionary<string, YamlNode> entries, string key, TimeSpan fallback, bool positive)
    {
        if (problems.Text(entries, key, "rollout", entries.GetValueOrDefault(key)!, required: false) is not { } text)
        {
            return fallback;
        }
        if (DurationValue.TryParse(text, out var value) && (!positive || value > TimeSpan.Zero))
        {
            return value;
        }
        problems.Add(entries[key], $"'{key}' in rollout must be a duration such as {(positive ? "60s or 2m" : "0s, 10s or 1m")}, got '{text}'");
        return fallback;
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace CamBuild.Delivery.Config;

/// <summary>
/// Reads <c>config/channels.yaml</c> (schema: <c>config/channels.schema.json</c>). Everything is checked before anything is
/// used and every problem is reported with file, line and column (<see cref="DeliveryConfigException"/>, exit code 2).
/// </summary>
public static partial class ChannelsConfigLoader
{
    private static readonly string[] TopKeys = ["channels"];
    private static readonly string[] ChannelKeys = ["name", "environment", "requires", "soak", "approvals", "windows", "freezes", "rebuild"];
    private static readonly string[] WindowKeys = ["days", "hours", "time_zone"];
    private static readonly string[] FreezeKeys = ["from", "to", "reason", "time_zone"];

    private static readonly Dictionary<string, DayOfWeek> DayNames = new(StringComparer.Ordinal)
    {
        ["mon"] = DayOfWeek.Monday, ["tue"] = DayOfWeek.Tuesday, ["wed"] = DayOfWeek.Wednesday, ["thu"] = DayOfWeek.Thursday,
        ["fri"] = DayOfWeek.Friday, ["sat"] = DayOfWeek.Saturday, ["sun"] = DayOfWeek.Sunday,
    };

    public static ChannelsConfig Load(string path, IReadOnlyCollection<string>? environments = null)
    {
        var read = new YamlDiagnostics(path);
        var text = read.ReadFile(path);
        read.ThrowIfAny();
        return Parse(text!, path, environments);
    }

    /// <param name="environments">When given, every channel's environment must be one of these (config/environments/*.yaml).</param>
    public static ChannelsConfig Parse(string yaml, string file, IReadOnlyCollection<string>? environments = null)
    {
        var problems = new YamlDiagnostics(file);
        var root = problems.Document(yaml);
        if (root is null)
        {
            problems.ThrowIfAny();
        }
        var top = problems.Mapping(root!, "channels.yaml", TopKeys);
        var channels = new List<ChannelConfig>();
        if (!top.TryGetValue("channels", out var list) || list is not YamlSequenceNode { Children.Count: > 0 } sequence)
        {
            problems.Add(list ?? root!, "'channels' must be a non-empty list of channels, in delivery order (e.g. staging, then production)");
            problems.ThrowIfAny();
            return null!;
        }
        foreach (var node in sequence.Children)
        {
            var channel = ReadChannel(problems, node, channels, environments);
            if (channel is not null)
            {
                channels.Add(channel);
            }
        }
        problems.ThrowIfAny();
        return new ChannelsConfig(file, channels);
    }

    private static ChannelConfig? ReadChannel(YamlDiagnostics problems, YamlNode node, List<ChannelConfig> earlier, IReadOnlyCollection<string>? environments)
    {
        var entries = problems.Mapping(node, "a channel", ChannelKeys);
        var name = problems.Text(entries, "name", "a channel", node, required: true);
        var what = name is null ? "a channel" : $"channel '{name}'";
        if (name is not null && !ChannelName().IsMatch(name))
        {
            problems.Add(entries["name"], $"channel name '{name}' must be 1 to 40 lower-case letters, digits and '-', starting with a letter or digit");
        }
        else if (name is not null && earlier.Any(channel => channel.Name == name))
        {
            problems.Add(entries["name"], $"channel '{name}' is defined twice");
        }
        var environment = problems.Text(entries, "environment", what, node, required: true);
        if (environment is not null && environments is not null && !environments.Contains(environment))
        {
            problems.Add(entries["environment"], $"{what} delivers to environment '{environment}', which has no config/environments/{environment}.yaml; " +
                $"known: {string.Join(", ", environments.Order(StringComparer.Ordinal))}");
        }
        var requires = problems.Text(entries, "requires", what, node, required: false);
        if (requires is not null && earlier.All(channel => channel.Name != requires))
        {
            problems.Add(entries["requires"], $"{what} requires '{requires}', which is not a channel listed before it; " +
                "list the upstream channel first");
        }
        var soak = TimeSpan.Zero;
        if (problems.Text(entries, "soak", what, node, required: false) is { } soakText)
        {
            if (!DurationValue.TryParse(soakText, out soak))
            {
                problems.Add(entries["soak"], $"'soak' in {what} must be a duration such as 30m, 24h or 2d, got '{soakText}'");
            }
            else if (requires is null && soak > TimeSpan.Zero)
            {
                problems.Add(entries["soak"], $"{what} has a soak but no 'requires': the soak is measured on the upstream channel; add requires");
            }
        }
        var approvals = problems.Integer(entries, "approvals", what, 0) ?? 0;
        var windows = entries.TryGetValue("windows", out var windowsNode) ? ReadWindows(problems, windowsNode, what) : [];
        var freezes = entries.TryGetValue("freezes", out var freezesNode) ? ReadFreezes(problems, freezesNode, what) : [];
        var rebuild = problems.Text(entries, "rebuild", what, node, required: false);
        if (rebuild is not null and not ("required" or "optional"))
        {
            problems.Add(entries["rebuild"], $"'rebuild' in {what} must be 'required' or 'optional', got '{rebuild}'");
        }
        return name is null || environment is null ? null
            : new ChannelConfig(name, environment, requires, soak, approvals, windows, freezes, (int)node.Start.Line, rebuild == "required");
    }

    private static List<DeliveryWindow> ReadWindows(YamlDiagnostics problems, YamlNode node, string what)
    {
        var windows = new List<DeliveryWindow>();
        if (node is not YamlSequenceNode sequence)
        {
            problems.Add(node, $"'windows' in {what} must be a list of {{days, hours, time_zone}}");
            return windows;
        }
        foreach (var item in sequence.Children)
        {
            var entries = problems.Mapping(item, $"a window of {what}", WindowKeys);
            var days = new HashSet<DayOfWeek>();
            foreach (var (day, at) in problems.Strings(entries, "days", $"a window of {what}"))
            {
                if (DayNames.TryGetValue(day, out var value))
                {
                    days.Add(value);
                }
                else
                {
                    problems.Add(at, $"unknown day '{day}'; use mon, tue, wed, thu, fri, sat, sun");
                }
            }
            if (!entries.ContainsKey("days"))
            {
                days.UnionWith(DayNames.Values);
            }
            var (start, end) = (TimeSpan.Zero, TimeSpan.FromHours(24));
            if (problems.Text(entries, "hours", $"a window of {what}", item, required: false) is { } hours)
            {
                var match = HoursPattern().Match(hours);
                if (!match.Success || !TryTime(match.Groups[1].Value, out start) || !TryTime(match.Groups[2].Value, out end) || end <= start)
                {
                    problems.Add(entries["hours"], $"'hours' must be HH:MM-HH:MM with the end after the start (e.g. 08:00-16:00), got '{hours}'");
                }
            }
            var zone = ReadZone(problems, entries, item, $"a window of {what}");
            if (zone is not null && days.Count > 0)
            {
                windows.Add(new DeliveryWindow(days, start, end, zone));
            }
        }
        return windows;
    }

    private static List<DeliveryFreeze> ReadFreezes(YamlDiagnostics problems, YamlNode node, string what)
    {
        var freezes = new List<DeliveryFreeze>();
        if (node is not YamlSequenceNode sequence)
        {
            problems.Add(node, $"'freezes' in {what} must be a list of {{from, to, reason}}");
            return freezes;
        }
        foreach (var item in sequence.Children)
        {
            var entries = problems.Mapping(item, $"a freeze of {what}", FreezeKeys);
            DateOnly? Date(string key)
            {
                var text = problems.Text(entries, key, $"a freeze of {what}", item, required: true);
                if (text is null) return null;
                if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
                problems.Add(entries[key], $"'{key}' must be a date yyyy-MM-dd, got '{text}'");
                return null;
            }
            var (from, to) = (Date("from"), Date("to"));
            var reason = problems.Text(entries, "reason", $"a freeze of {what}", item, required: false) ?? "freeze";
            var zone = ReadZone(problems, entries, item, $"a freeze of {what}");
            if (from is { } start && to is { } end)
            {
                if (end < start)
                {
                    problems.Add(entries["to"], $"the freeze ends ({end:yyyy-MM-dd}) before it starts ({start:yyyy-MM-dd})");
                }
                else if (zone is not null)
                {
                    freezes.Add(new DeliveryFreeze(start, end, reason, zone));
                }
            }
        }
        return freezes;
    }

    private static TimeZoneInfo? ReadZone(YamlDiagnostics problems, Dictionary<string, YamlNode> entries, YamlNode item, string what)
    {
        var name = problems.Text(entries, "time_zone", what, item, required: false) ?? "UTC";
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception exception) when (exception is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            problems.Add(entries.GetValueOrDefault("time_zone") ?? item, $"unknown time zone '{name}' in {what}; use an IANA name such as UTC or Africa/Johannesburg");
            return null;
        }
    }

    private static bool TryTime(string text, out TimeSpan time)
    {
        time = TimeSpan.Zero;
        var parts = text.Split(':');
        if (!int.TryParse(parts[0], CultureInfo.InvariantCulture, out var hours) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var minutes)
            || minutes > 59 || hours > 24 || (hours == 24 && minutes > 0))
        {
            return false;
        }
        time = new TimeSpan(hours, minutes, 0);
        return true;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelName();

    [GeneratedRegex(@"^(\d{2}:\d{2})-(\d{2}:\d{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex HoursPattern();
}

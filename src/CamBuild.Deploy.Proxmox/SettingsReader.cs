using System.Globalization;
using System.Text.RegularExpressions;
using CamBuild.Deploy.Model;

namespace CamBuild.Deploy.Proxmox;

/// <summary>Reads typed values from an environment's provider settings with messages that name the setting.</summary>
internal sealed partial class SettingsReader(EnvironmentSpec environment)
{
    private readonly IReadOnlyDictionary<string, string> _values = environment.ProviderSettings;

    public ProxmoxConfigurationException Error(string key, string problem, string fix) =>
        new($"environment '{environment.Name}': provider setting '{key}' {problem}; {fix} " +
            $"(config/environments/{environment.Name}.yaml, section provider settings).");

    public void RejectUnknown(IReadOnlyList<string> known)
    {
        foreach (var key in _values.Keys.Where(k => !known.Contains(k)).Order(StringComparer.Ordinal))
            throw Error(key, "is not a Proxmox setting", "known settings: " + string.Join(", ", known));
    }

    public string? Optional(string key) =>
        _values.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public string Required(string key, string example) =>
        Optional(key) ?? throw Error(key, "is missing", "set it, " + example);

    public string StorageId(string key, string value) =>
        StoragePattern().IsMatch(value) ? value : throw Error(key, $"'{value}' is not a storage id", "use letters, digits, '-', '_' or '.'");

    public IReadOnlyList<string> List(string key) =>
        (Optional(key) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public IReadOnlyDictionary<string, string> Map(string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in List(key))
        {
            var parts = entry.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
                throw Error(key, $"entry '{entry}' is not member=host[:port]", "write e.g. pve1=10.0.0.1,pve2=10.0.0.2:2222");
            map[parts[0]] = parts[1];
        }
        return map;
    }

    public int Integer(string key, int fallback, int min, int max)
    {
        var text = Optional(key);
        if (text is null) return fallback;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Error(key, $"'{text}' is not an integer in {min}..{max}", "write a whole number in that range");
    }

    public bool Boolean(string key, bool fallback) => Optional(key) switch
    {
        null => fallback,
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        var other => throw Error(key, $"'{other}' is not a boolean", "write true or false"),
    };

    [GeneratedRegex(@"^[a-z][a-z0-9\-_.]*[a-z0-9]$", RegexOptions.IgnoreCase)]
    private static partial Regex StoragePattern();
}

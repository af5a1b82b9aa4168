using System.Text.Json;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

/// <summary>Property strings (<c>k=v,k=v</c>, optionally a leading default-key value) as PVE::JSONSchema parses them.</summary>
public static class PropertyString
{
    public static Dictionary<string, string> Parse(JsonElement format, string value, out string? error)
    {
        error = null;
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var defaultKey = format.EnumerateObject().Where(p => p.Value.TryGetProperty("default_key", out _)).Select(p => p.Name).FirstOrDefault();
        foreach (var part in value.Split(','))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            string key, text;
            if (eq < 0)
            {
                if (defaultKey is null || result.ContainsKey(defaultKey)) { error = $"invalid format - value without key, but schema does not define a default key"; return result; }
                (key, text) = (defaultKey, part);
            }
            else (key, text) = (part[..eq], part[(eq + 1)..]);
            if (!format.TryGetProperty(key, out _)) { error = $"invalid format - invalid key in comma-separated list property: {key}"; return result; }
            if (result.ContainsKey(key)) { error = $"invalid format - duplicate key in comma-separated list property: {key}"; return result; }
            result[key] = text;
        }
        return result;
    }

    public static string? Check(JsonElement format, string value)
    {
        var parsed = Parse(format, value, out var error);
        if (error is not null) return error;
        foreach (var key in format.EnumerateObject())
        {
            var optional = key.Value.TryGetProperty("optional", out var o) && o.GetInt32() == 1;
            if (!optional && !parsed.ContainsKey(key.Name)) return $"invalid format - property {key.Name} is missing";
        }
        foreach (var (key, text) in parsed)
            if (ParameterValidator.CheckValue(format.GetProperty(key), text) is { } problem) return $"invalid format - {key}: {problem}";
        return null;
    }
}

using System.Text.Json;

namespace CamBuild.Deploy.Roles;

/// <summary>The roles of the system being released (e.g. <c>samples/site/roles.json</c>).</summary>
public sealed class RoleCatalog
{
    public RoleCatalog(IEnumerable<RoleDefinition> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        Roles = roles.ToDictionary(role => role.Name, StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<string, RoleDefinition> Roles { get; }

    public bool Contains(string role) => Roles.ContainsKey(role);

    public RoleDefinition this[string role] => Roles.TryGetValue(role, out var definition)
        ? definition
        : throw new KeyNotFoundException($"role '{role}' is not in the role catalogue");

    /// <summary>
    /// Reads <c>{"format": 1, "roles": {"NAME": {"command": [...], "health": [...], "port": 8080, "requires": [...],
    /// "description", "packages", "protocol", "stop_signal", "user", "environment": {"NAME": "value"},
    /// "working_directory", "restart": {"delay_s": 1, "burst": 5, "interval_s": 60}, "verify": [...]}}}</c>.
    /// </summary>
    public static RoleCatalog Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException exception)
        {
            throw new RoleCatalogException($"{path}: cannot read the role catalogue: {exception.Message}", exception);
        }
        return Parse(text, path);
    }

    public static RoleCatalog Parse(string json, string source)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("format", out var format)
                && !(format.TryGetInt32(out var version) && version == 1))
            {
                throw new RoleCatalogException($"{source}: unsupported \"format\" {format}; this CamBuild reads format 1");
            }
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("roles", out var roles) || roles.ValueKind != JsonValueKind.Object)
            {
                throw new RoleCatalogException($"{source}: expected an object with a \"roles\" object at the top level");
            }
            var catalog = new RoleCatalog(roles.EnumerateObject().Select(role => ParseRole(role, source)).ToList());
            foreach (var role in catalog.Roles.Values)
            {
                foreach (var required in role.Requires.Where(required => !catalog.Contains(required)))
                {
                    throw new RoleCatalogException(
                        $"{source}: role '{role.Name}' requires '{required}', which is not defined in the catalogue");
                }
            }
            return catalog;
        }
        catch (JsonException exception)
        {
            throw new RoleCatalogException(
                $"{source}:{exception.LineNumber + 1}:{exception.BytePositionInLine + 1}: invalid JSON: {exception.Message}",
                exception);
        }
    }

    private static readonly string[] RoleKeys =
        ["command", "health", "port", "requires", "description", "packages", "protocol", "stop_signal", "user", "environment",
            "working_directory", "restart", "verify"];

    private static RoleDefinition ParseRole(JsonProperty role, string source)
    {
        var where = $"{source}: role '{role.Name}'";
        if (role.Value.ValueKind != JsonValueKind.Object)
        {
            throw new RoleCatalogException($"{where}: expected an object with command, health and optional port/requires");
        }
        foreach (var key in role.Value.EnumerateObject().Where(key => !RoleKeys.Contains(key.Name)))
        {
            throw new RoleCatalogException($"{where}: unknown key '{key.Name}'; allowed: {string.Join(", ", RoleKeys)}");
        }
        IReadOnlyList<string> Strings(string key, bool required)
        {
            if (!role.Value.TryGetProperty(key, out var value))
            {
                return required ? throw new RoleCatalogException($"{where}: \"{key}\" is required (a list of strings)") : [];
            }
            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String)
                || (required && value.GetArrayLength() == 0))
            {
                throw new RoleCatalogException($"{where}: \"{key}\" must be a {(required ? "non-empty " : "")}list of strings");
            }
            return value.EnumerateArray().Select(item => item.GetString()!).ToList();
        }

        int? port = null;
        if (role.Value.TryGetProperty("port", out var portValue))
        {
            port = portValue.ValueKind == JsonValueKind.Number && portValue.TryGetInt32(out var number) && number is > 0 and < 65536
                ? number
                : throw new RoleCatalogException($"{where}: \"port\" must be an integer between 1 and 65535");
        }
        var description = role.Value.TryGetProperty("description", out var descriptionValue)
            ? descriptionValue.GetString() ?? ""
            : "";
        return new RoleDefinition(role.Name, Strings("command", true), port, Strings("health", true), Strings("requires", false), description)
        {
            Service = RoleServiceReader.Read(role.Value, where),
            Verify = Strings("verify", false),
        };
    }
}

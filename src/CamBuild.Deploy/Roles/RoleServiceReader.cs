using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace CamBuild.Deploy.Roles;

/// <summary>Reads the systemd service settings of one role entry (see <see cref="RoleService"/>).</summary>
internal static partial class RoleServiceReader
{
    private static readonly string[] RestartKeys = ["delay_s", "burst", "interval_s"];

    public static RoleService Read(JsonElement role, string where)
    {
        var defaults = RoleService.Default;
        var user = OptionalString(role, "user", where);
        if (user is not null && !UserName().IsMatch(user))
        {
            throw new RoleCatalogException($"{where}: \"user\" '{user}' is not a valid account name (lower-case letters, digits, '_' and '-')");
        }
        var directory = OptionalString(role, "working_directory", where);
        if (directory is not null && !directory.StartsWith('/'))
        {
            throw new RoleCatalogException($"{where}: \"working_directory\" '{directory}' must be an absolute path, e.g. /var/lib/cam");
        }
        var signal = OptionalString(role, "stop_signal", where) ?? defaults.StopSignal;
        if (!SignalName().IsMatch(signal))
        {
            throw new RoleCatalogException($"{where}: \"stop_signal\" '{signal}' is not a signal name such as SIGTERM or SIGINT");
        }
        return new RoleService(user, ReadEnvironment(role, where), directory, signal,
            RestartNumber(role, "delay_s", where, defaults.RestartDelaySeconds, 0, 600),
            (int)RestartNumber(role, "burst", where, defaults.RestartBurst, 1, 1000, integer: true),
            (int)RestartNumber(role, "interval_s", where, defaults.RestartIntervalSeconds, 1, 86400, integer: true));
    }

    private static SortedDictionary<string, string> ReadEnvironment(JsonElement role, string where)
    {
        var variables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!role.TryGetProperty("environment", out var environment))
        {
            return variables;
        }
        if (environment.ValueKind != JsonValueKind.Object)
        {
            throw new RoleCatalogException($"{where}: \"environment\" must be an object of variable names to string values");
        }
        foreach (var variable in environment.EnumerateObject())
        {
            if (!VariableName().IsMatch(variable.Name))
            {
                throw new RoleCatalogException($"{where}: environment variable name '{variable.Name}' must be letters, digits and '_' (not starting with a digit)");
            }
            variables[variable.Name] = variable.Value.ValueKind == JsonValueKind.String
                ? variable.Value.GetString()!
                : throw new RoleCatalogException($"{where}: environment variable '{variable.Name}' must be a string");
        }
        return variables;
    }

    private static string? OptionalString(JsonElement role, string key, string where)
    {
        if (!role.TryGetProperty(key, out var value))
        {
            return null;
        }
        return value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new RoleCatalogException($"{where}: \"{key}\" must be a non-empty string");
    }

    private static double RestartNumber(JsonElement role, string key, string where, double fallback, double minimum, double maximum,
        bool integer = false)
    {
        if (!role.TryGetProperty("restart", out var restart))
        {
            return fallback;
        }
        if (restart.ValueKind != JsonValueKind.Object)
        {
            throw new RoleCatalogException($"{where}: \"restart\" must be an object with {string.Join(", ", RestartKeys)}");
        }
        foreach (var unknown in restart.EnumerateObject().Where(entry => !RestartKeys.Contains(entry.Name)))
        {
            throw new RoleCatalogException($"{where}: unknown key 'restart.{unknown.Name}'; allowed: {string.Join(", ", RestartKeys)}");
        }
        if (!restart.TryGetProperty(key, out var value))
        {
            return fallback;
        }
        var ok = value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && number >= minimum && number <= maximum
            && (!integer || Math.Floor(number) == number);
        return ok
            ? value.GetDouble()
            : throw new RoleCatalogException(string.Create(CultureInfo.InvariantCulture,
                $"{where}: \"restart.{key}\" must be {(integer ? "an integer" : "a number")} from {minimum} to {maximum}"));
    }

    [GeneratedRegex("^[a-z_][a-z0-9_-]{0,31}$")]
    private static partial Regex UserName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();

    [GeneratedRegex(@"^SIG[A-Z0-9]+(\+[0-9]+)?$")]
    private static partial Regex SignalName();
}

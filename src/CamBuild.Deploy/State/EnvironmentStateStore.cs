using System.Text.Json;

namespace CamBuild.Deploy.State;

/// <summary>Reads and writes environment state records as JSON files, atomically (temp file + rename).</summary>
public sealed class EnvironmentStateStore(string directory)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public string Directory { get; } = directory;

    public string PathOf(string environment) => Path.Combine(Directory, environment + ".json");

    public EnvironmentState? Load(string environment)
    {
        var path = PathOf(environment);
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<EnvironmentState>(File.ReadAllText(path), Json)
                ?? throw new JsonException("the file holds null");
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException(
                $"{path}: the environment state record is unreadable ({exception.Message}); tear the environment down " +
                "(which removes the record) or delete the file if no node of it exists any more", exception);
        }
    }

    public void Save(EnvironmentState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        System.IO.Directory.CreateDirectory(Directory);
        var path = PathOf(state.Environment);
        var temporary = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(state, Json) + "\n");
        File.Move(temporary, path, overwrite: true);
    }

    public void Delete(string environment) => File.Delete(PathOf(environment));
}

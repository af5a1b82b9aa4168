using System.Text.Json;

namespace CamBuild.Delivery.Rollout;

/// <summary>Small JSON records written atomically (<see cref="AtomicFile"/>) and read back.</summary>
internal static class JsonFile
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write<T>(string path, T value) =>
        AtomicFile.Write(path, stream =>
        {
            JsonSerializer.Serialize(stream, value, Options);
            stream.WriteByte((byte)'\n');
        });

    public static T? Read<T>(string path) where T : class
    {
        if (!File.Exists(path))
        {
            return null;
        }
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), Options);
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"{path}: unreadable ({exception.Message}); it is written atomically, so it was edited by hand: " +
                "delete it and run again", exception);
        }
    }
}

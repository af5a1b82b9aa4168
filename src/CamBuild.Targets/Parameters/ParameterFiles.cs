using System.Text.Json;

namespace CamBuild.Targets.Parameters;

/// <summary>One parameters file: <c>.nuke/parameters.json</c> or <c>.nuke/parameters.&lt;profile&gt;.json</c>.</summary>
internal sealed record ParameterFile(string Path, IReadOnlyDictionary<string, JsonElement> Values)
{
    public static ParameterFile Load(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new BuildUsageException($"{path}: the top level must be a JSON object of parameter names to values.");
            return new(path, doc.RootElement.EnumerateObject()
                .Where(p => p.Name != "$schema")
                .ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal));
        }
        catch (JsonException e)
        {
            throw new BuildUsageException($"{path}:{e.LineNumber + 1}: invalid JSON ({e.Message.Split('.')[0]}). Fix the syntax or delete the file.", e);
        }
    }

    /// <summary>The default file (lowest priority) and then each profile in order (later wins).</summary>
    public static IReadOnlyList<ParameterFile> LoadAll(string nukeDirectory, IReadOnlyList<string> profiles)
    {
        var files = new List<ParameterFile>();
        var main = System.IO.Path.Combine(nukeDirectory, "parameters.json");
        if (File.Exists(main)) files.Add(Load(main));
        foreach (var profile in profiles)
        {
            var path = System.IO.Path.Combine(nukeDirectory, $"parameters.{profile}.json");
            if (!File.Exists(path))
                throw new BuildUsageException($"Profile '{profile}' not found: {path} does not exist. Create it or drop --profile {profile}.");
            files.Add(Load(path));
        }

        return files;
    }
}

using System.Text.Json;

namespace CamBuild.CI.Tests.Support;

/// <summary>Reads npm-groovy-lint's JSON report (<c>--output json</c>): findings per file, each with a severity.</summary>
internal static class GroovyLintReport
{
    public static (int FilesLinted, Dictionary<string, List<string>> Errors) Read(string output)
    {
        var json = output.Split('\n').FirstOrDefault(l => l.StartsWith("{\"summary\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"npm-groovy-lint printed no JSON report:\n{output}");
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in root.GetProperty("files").EnumerateObject())
        {
            errors[file.Name] = file.Value.GetProperty("errors").EnumerateArray()
                .Where(e => e.GetProperty("severity").GetString() == "error")
                .Select(e => $"{e.GetProperty("rule").GetString()}: {e.GetProperty("msg").GetString()}")
                .ToList();
        }
        return (root.GetProperty("summary").GetProperty("totalFilesLinted").GetInt32(), errors);
    }
}

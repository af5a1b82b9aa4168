using System.Text.Json;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

/// <summary>The official Proxmox VE API schema (pve-docs apidata.js as JSON), indexed by path template and method.</summary>
public sealed class PveSchema
{
    private readonly Dictionary<string, Dictionary<string, JsonElement>> _methods = new(StringComparer.Ordinal);
    private readonly List<string[]> _templates = [];

    public static string DefaultPath { get; } = Environment.GetEnvironmentVariable("CAMBUILD_SHARED_DIR") is { Length: > 0 } shared
        ? Path.Combine(shared, "proxmox", "pve-api-schema.json")
        : Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "proxmox", "pve-api-schema.json"));

    private static readonly Lazy<PveSchema> Shared = new(() => Load(DefaultPath));

    public static PveSchema Official => Shared.Value;

    public static PveSchema Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var schema = new PveSchema();
        foreach (var node in document.RootElement.EnumerateArray()) schema.Add(node.Clone());
        return schema;
    }

    private void Add(JsonElement node)
    {
        var path = node.GetProperty("path").GetString()!;
        if (node.TryGetProperty("info", out var info))
        {
            var methods = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var method in info.EnumerateObject()) methods[method.Name] = method.Value;
            _methods[path] = methods;
            _templates.Add(path.Split('/', StringSplitOptions.RemoveEmptyEntries));
        }
        if (node.TryGetProperty("children", out var children))
            foreach (var child in children.EnumerateArray()) Add(child);
    }

    /// <summary>Finds the path template for a concrete path; literal segments win over <c>{param}</c> ones.</summary>
    public (string Template, Dictionary<string, string> PathParameters)? Match(string[] segments)
    {
        (string[] Template, int Literals)? best = null;
        foreach (var template in _templates.Where(t => t.Length == segments.Length))
        {
            var literals = 0;
            var ok = true;
            for (var i = 0; i < template.Length && ok; i++)
            {
                if (template[i].StartsWith('{')) continue;
                if (template[i] == segments[i]) literals++;
                else ok = false;
            }
            if (ok && (best is null || literals > best.Value.Literals)) best = (template, literals);
        }
        if (best is null) return null;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < segments.Length; i++)
            if (best.Value.Template[i].StartsWith('{')) parameters[best.Value.Template[i].Trim('{', '}')] = segments[i];
        return ("/" + string.Join('/', best.Value.Template), parameters);
    }

    public JsonElement? Method(string template, string method) =>
        _methods.TryGetValue(template, out var methods) && methods.TryGetValue(method, out var info) ? info : null;

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Directory.Packages.props"))) directory = directory.Parent;
        return directory?.FullName ?? throw new DirectoryNotFoundException("repository root (Directory.Packages.props) not found above " + AppContext.BaseDirectory);
    }
}

using YamlDotNet.RepresentationModel;

namespace CamBuild.CI.Tests.Support;

/// <summary>A generated workflow read back with an independent YAML parser (YamlDotNet), for structural assertions.</summary>
internal sealed class WorkflowDocument
{
    private WorkflowDocument(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public YamlMappingNode Jobs => (YamlMappingNode)Root["jobs"];

    public static WorkflowDocument Parse(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        return new WorkflowDocument((YamlMappingNode)stream.Documents.Single().RootNode);
    }

    public IReadOnlyList<string> JobIds => Jobs.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList();

    public YamlMappingNode Job(string id) => (YamlMappingNode)Jobs[id];

    public IReadOnlyList<string> Needs(string id) =>
        Job(id).Children.TryGetValue(new YamlScalarNode("needs"), out var needs)
            ? ((YamlSequenceNode)needs).Children.Select(n => ((YamlScalarNode)n).Value!).ToList()
            : [];

    public IReadOnlyList<YamlMappingNode> Steps(string id) =>
        ((YamlSequenceNode)Job(id)["steps"]).Children.Cast<YamlMappingNode>().ToList();

#pragma warning disable CA1822 // Read as doc.Scalar(...) beside the instance members of the document.
    public string? Scalar(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    public YamlMappingNode? Map(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;
#pragma warning restore CA1822
}

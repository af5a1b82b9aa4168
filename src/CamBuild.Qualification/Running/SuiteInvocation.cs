using CamBuild.Deploy.Model;
using CamBuild.Qualification.Suites;

namespace CamBuild.Qualification.Running;

/// <summary>One run of a suite: on the host (<paramref name="Node"/> null) or inside one node.</summary>
public sealed record SuiteInvocation(SuiteDefinition Suite, NodeSpec? Node)
{
    /// <summary><c>suite</c>, or <c>suite@node</c> for a suite that runs on each node (names its output directory).</summary>
    public string Name => Node is not null && Suite.RunsOn.ForEachNode ? $"{Suite.Name}@{Node.Hostname}" : Suite.Name;

    public string Where => Node?.Hostname ?? "host";
}

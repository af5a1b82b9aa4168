using CamBuild.Deploy.Model;
using CamBuild.Qualification.Suites;

namespace CamBuild.Qualification.Running;

/// <summary>Decides where each suite runs in one environment, in declaration order (pure; no provider calls).</summary>
public static class SuitePlanner
{
    public static IReadOnlyList<SuiteInvocation> Plan(SuiteSet suites, EnvironmentSpec environment)
    {
        ArgumentNullException.ThrowIfNull(suites);
        ArgumentNullException.ThrowIfNull(environment);
        var invocations = new List<SuiteInvocation>();
        var problems = new List<Diagnostic>();
        foreach (var suite in suites.Suites)
        {
            if (suite.RunsOn.OnHost)
            {
                invocations.Add(new SuiteInvocation(suite, null));
                continue;
            }
            var nodes = environment.Nodes.Where(node => HasRole(node, suite.RunsOn.Role!)).ToList();
            if (nodes.Count == 0)
            {
                problems.Add(new Diagnostic(suite.Location,
                    $"suite '{suite.Name}' runs on role '{suite.RunsOn.Role}' but no node of environment '{environment.Name}' has it; " +
                    "add the role to a node of the environment or change the suite's runs_on"));
                continue;
            }
            invocations.AddRange((suite.RunsOn.ForEachNode ? nodes : nodes.Take(1)).Select(node => new SuiteInvocation(suite, node)));
        }
        if (problems.Count > 0)
        {
            throw new SuiteConfigurationException(suites.SourceFile, problems);
        }
        return invocations;
    }

    /// <summary>Whether a node carries a role (<c>*</c>: any role); role references are <c>role</c> or <c>role:instance</c>.</summary>
    public static bool HasRole(NodeSpec node, string role)
    {
        ArgumentNullException.ThrowIfNull(node);
        return role == SuitePlacement.AnyRole
            ? node.Roles.Count > 0
            : node.Roles.Any(reference => reference.Split(':', 2)[0] == role);
    }
}

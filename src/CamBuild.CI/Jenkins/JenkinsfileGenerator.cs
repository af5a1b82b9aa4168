using System.Globalization;
using System.Text.RegularExpressions;

namespace CamBuild.CI;

/// <summary>Renders a <see cref="JenkinsPipeline"/> as a declarative Jenkinsfile.</summary>
/// <remarks>
/// Secrets are bound with <c>withCredentials</c> around the one <c>sh</c> step that needs them; Jenkins masks
/// bound values in the log, and the single-quoted command leaves expansion to the shell, never to Groovy.
/// </remarks>
internal static partial class JenkinsfileGenerator
{
    public static GeneratedFile Generate(CiConfiguration configuration, JenkinsPipeline pipeline, CiTargetGraph graph)
    {
        Validate(pipeline);
        var chains = ChainPlanner.Plan(graph, pipeline.Stages.Select(s => (s.Name, s.Targets)).ToList(), "Jenkins pipeline");
        ThrowOnStageBeforeItsUpstream(chains);

        var writer = new GroovyWriter();
        writer.Block("pipeline", p =>
        {
            p.Line($"agent {{ label {GroovyWriter.Quote(pipeline.AgentLabel)} }}");
            Options(p, pipeline);
            if (pipeline.Environment.Count > 0)
            {
                p.Block("environment", e =>
                {
                    foreach (var (name, value) in pipeline.Environment.OrderBy(v => v.Key, StringComparer.Ordinal))
                        e.Line($"{name} = {GroovyWriter.Quote(value)}");
                });
            }
            p.Block("stages", s =>
            {
                foreach (var (stage, chain) in pipeline.Stages.Zip(chains))
                    Stage(s, configuration, pipeline, graph, stage, chain);
            });
            Post(p, pipeline, graph, chains);
        });

        var header = GeneratedHeader.Commented(configuration, "the JenkinsPipeline in build/", "//");
        return new GeneratedFile(pipeline.FileName, header + "\n" + writer);
    }

    private static void Options(GroovyWriter p, JenkinsPipeline pipeline)
    {
        var options = new List<string>();
        if (pipeline.Timestamps)
            options.Add("timestamps()");
        if (pipeline.DisableConcurrentBuilds)
            options.Add("disableConcurrentBuilds()");
        if (pipeline.BuildsToKeep is { } keep)
            options.Add($"buildDiscarder(logRotator(numToKeepStr: '{keep.ToString(CultureInfo.InvariantCulture)}'))");
        if (pipeline.TimeoutMinutes is { } minutes)
            options.Add(Timeout(minutes));
        if (options.Count > 0)
            p.Block("options", o => options.ForEach(option => o.Line(option)));
    }

    private static void Stage(GroovyWriter s, CiConfiguration configuration, JenkinsPipeline pipeline, CiTargetGraph graph, JenkinsStage stage, ChainedUnitPlan chain)
    {
        var credentials = chain.Executed.Select(graph.Get)
            .SelectMany(t => t.SecretParameters.Select(p => (Target: t.Name, Parameter: p)))
            .DistinctBy(x => EnvironmentNames.ToUpperSnake(x.Parameter))
            .Select(x => Binding(pipeline, stage, x.Target, x.Parameter))
            .OrderBy(b => b, StringComparer.Ordinal)
            .ToList();
        var command = $"sh {GroovyWriter.Quote(chain.Command(configuration.BuildScript))}";

        s.Block($"stage({GroovyWriter.Quote(stage.Name)})", st =>
        {
            if (stage.When is { } when)
                st.Block("when", w => w.Line(when));
            if (stage.TimeoutMinutes is { } minutes)
                st.Block("options", o => o.Line(Timeout(minutes)));
            st.Block("steps", steps =>
            {
                if (credentials.Count == 0)
                    steps.Line(command);
                else
                    steps.Block($"withCredentials([{string.Join(", ", credentials)}])", w => w.Line(command));
            });
        });
    }

    private static string Binding(JenkinsPipeline pipeline, JenkinsStage stage, string target, string parameter)
    {
        var credential = pipeline.Credentials.FirstOrDefault(c => c.Parameter.Equals(parameter, StringComparison.OrdinalIgnoreCase))
            ?? throw new CiConfigurationException($"Jenkins pipeline, stage '{stage.Name}': target '{target}' needs the secret parameter '{parameter}', which has no credential; add new JenkinsCredential(\"{parameter}\", \"<credentials id>\") to Credentials.");
        return $"string(credentialsId: {GroovyWriter.Quote(credential.CredentialsId)}, variable: {GroovyWriter.Quote(EnvironmentNames.ToUpperSnake(parameter))})";
    }

    private static void Post(GroovyWriter p, JenkinsPipeline pipeline, CiTargetGraph graph, IReadOnlyList<ChainedUnitPlan> chains)
    {
        var producers = chains.SelectMany(c => c.Executed).Select(graph.Get).Where(t => t.Produces.Count > 0);
        var always = new List<string>();
        if (pipeline.JUnitResults is { } results)
            always.Add($"junit allowEmptyResults: true, testResults: {GroovyWriter.Quote(results)}");
        if (pipeline.ArchiveArtifacts)
        {
            foreach (var target in producers)
                always.Add($"archiveArtifacts artifacts: {GroovyWriter.Quote(string.Join(", ", target.Produces))}, allowEmptyArchive: true, fingerprint: true");
        }
        if (pipeline.TeardownCommand is { } teardown)
            always.Add($"sh {GroovyWriter.Quote(teardown)}");
        if (always.Count > 0)
            p.Block("post", post => post.Block("always", a => always.ForEach(step => a.Line(step))));
    }

    private static string Timeout(int minutes) => $"timeout(time: {minutes.ToString(CultureInfo.InvariantCulture)}, unit: 'MINUTES')";

    private static void Validate(JenkinsPipeline pipeline)
    {
        if (string.IsNullOrWhiteSpace(pipeline.AgentLabel))
            throw new CiConfigurationException("Jenkins pipeline: AgentLabel is empty; name the label of the agents that may run the build, e.g. \"linux && lxc\".");
        if (pipeline.Stages.Count == 0)
            throw new CiConfigurationException("Jenkins pipeline: no stages; add at least one JenkinsStage.");
        if (pipeline.TimeoutMinutes is <= 0 || pipeline.Stages.Any(s => s.TimeoutMinutes is <= 0))
            throw new CiConfigurationException("Jenkins pipeline: timeouts must be positive numbers of minutes.");
        if (pipeline.BuildsToKeep is <= 0)
            throw new CiConfigurationException("Jenkins pipeline: BuildsToKeep must be positive, or null to keep every build.");
        foreach (var name in pipeline.Environment.Keys.Where(n => !VariableName().IsMatch(n)))
            throw new CiConfigurationException($"Jenkins pipeline: environment variable name '{name}' must contain only letters, digits and '_'.");
        foreach (var stage in pipeline.Stages.Where(s => s.When is { } w && (string.IsNullOrWhiteSpace(w) || w.Contains('\n', StringComparison.Ordinal))))
            throw new CiConfigurationException($"Jenkins pipeline, stage '{stage.Name}': When must be one declarative condition, e.g. buildingTag() or branch 'main'.");
    }

    private static void ThrowOnStageBeforeItsUpstream(IReadOnlyList<ChainedUnitPlan> chains)
    {
        for (var i = 0; i < chains.Count; i++)
        {
            var later = chains[i].Upstream.FirstOrDefault(u => chains.ToList().FindIndex(c => c.Id == u) > i);
            if (later is not null)
                throw new CiConfigurationException($"Jenkins pipeline: stage '{chains[i].Id}' needs targets of stage '{later}', which comes after it; move stage '{later}' before '{chains[i].Id}'.");
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex VariableName();
}

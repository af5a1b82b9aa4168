namespace CamBuild.CI;

/// <summary>Everything the generator writes for one job, derived from the job and the target graph.</summary>
/// <param name="Downloads">Upstream targets whose artifacts this job downloads before running.</param>
/// <param name="Uploads">Targets run here whose artifacts this job uploads.</param>
/// <param name="Secrets">(environment variable, GitHub secret name), sorted by variable.</param>
/// <param name="Inputs">(environment variable, expression reading the workflow_dispatch input), sorted by variable.</param>
internal sealed record GitHubJobPlan(
    GitHubJob Job,
    ChainedUnitPlan Chain,
    IReadOnlyList<CiTarget> Downloads,
    IReadOnlyList<CiTarget> Uploads,
    IReadOnlyList<(string Variable, string Secret)> Secrets,
    IReadOnlyList<(string Variable, string Expression)> Inputs)
{
    public static IReadOnlyList<GitHubJobPlan> For(GitHubActionsWorkflow workflow, CiTargetGraph graph)
    {
        var chains = ChainPlanner.Plan(graph, workflow.Jobs.Select(j => (j.Id, j.Targets)).ToList(), $"GitHub workflow '{workflow.Name}'");
        ThrowOnArtifactsProducedTwice(workflow, graph, chains);
        return workflow.Jobs.Zip(chains, (job, chain) =>
        {
            var executed = chain.Executed.Select(graph.Get).ToList();
            return new GitHubJobPlan(
                job,
                chain,
                chain.Skipped.Select(graph.Get).Where(t => t.Produces.Count > 0).ToList(),
                executed.Where(t => t.Produces.Count > 0).ToList(),
                SecretsOf(workflow, job, executed),
                InputsOf(workflow, executed));
        }).ToList();
    }

    private static void ThrowOnArtifactsProducedTwice(GitHubActionsWorkflow workflow, CiTargetGraph graph, IReadOnlyList<ChainedUnitPlan> chains)
    {
        var producers = chains
            .SelectMany(c => c.Executed.Select(t => (Target: graph.Get(t), Job: c.Id)))
            .Where(x => x.Target.Produces.Count > 0)
            .GroupBy(x => x.Target.Name)
            .FirstOrDefault(g => g.Count() > 1);
        if (producers is not null)
            throw new CiConfigurationException($"GitHub workflow '{workflow.Name}': target '{producers.Key}' produces artifacts and would run in jobs {string.Join(", ", producers.Select(p => $"'{p.Job}'"))}; add it to one job's Targets so the other jobs download its artifacts instead.");
        foreach (var target in chains.SelectMany(c => c.Executed).Select(graph.Get))
            foreach (var glob in target.Produces)
                ArtifactPaths.Validate(target.Name, glob);
    }

    private static List<(string, string)> SecretsOf(GitHubActionsWorkflow workflow, GitHubJob job, List<CiTarget> executed)
    {
        var parameters = executed.SelectMany(t => t.SecretParameters).Concat(workflow.ImportSecrets).Concat(job.ImportSecrets);
        return parameters
            .Select(p => (Variable: EnvironmentNames.ToUpperSnake(p), Secret: workflow.SecretNames.TryGetValue(p, out var s) ? s : EnvironmentNames.ToUpperSnake(p), Parameter: p))
            .DistinctBy(x => x.Variable)
            .Select(x =>
            {
                GitHubWorkflowValidator.ValidateSecretName(x.Secret, $"GitHub workflow '{workflow.Name}', job '{job.Id}', secret parameter '{x.Parameter}'");
                return (x.Variable, x.Secret);
            })
            .OrderBy(x => x.Variable, StringComparer.Ordinal)
            .ToList();
    }

    private static List<(string, string)> InputsOf(GitHubActionsWorkflow workflow, List<CiTarget> executed)
    {
        var parameters = executed.SelectMany(t => t.Parameters).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return workflow.On.WorkflowDispatchInputs
            .Where(i => parameters.Contains(i.Name))
            .Select(i => (EnvironmentNames.ToUpperSnake(i.Name), InputExpression(i)))
            .OrderBy(x => x.Item1, StringComparer.Ordinal)
            .ToList();
    }

    // Runs not started by hand have no inputs; the input's default then still reaches the build.
    private static string InputExpression(WorkflowDispatchInput input) =>
        input.Default is { } value
            ? $"${{{{ inputs.{input.Name} || '{value.Replace("'", "''", StringComparison.Ordinal)}' }}}}"
            : $"${{{{ inputs.{input.Name} }}}}";
}

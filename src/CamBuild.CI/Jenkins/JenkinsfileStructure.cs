namespace CamBuild.CI;

/// <summary>
/// Checks the structural rules of a declarative pipeline that a Groovy syntax check cannot see: one
/// <c>pipeline</c> block with an <c>agent</c> and a non-empty <c>stages</c>; only known sections; every
/// stage named and with exactly one of steps, parallel, stages or matrix; known post conditions.
/// </summary>
internal static class JenkinsfileStructure
{
    private static readonly HashSet<string> PipelineSections =
        ["agent", "environment", "options", "parameters", "triggers", "tools", "stages", "post", "libraries", "input"];

    private static readonly HashSet<string> StageSections =
        ["agent", "environment", "options", "when", "input", "tools", "post", "steps", "parallel", "stages", "matrix", "failFast"];

    private static readonly HashSet<string> StageBodies = ["steps", "parallel", "stages", "matrix"];

    private static readonly HashSet<string> PostConditions =
        ["always", "changed", "fixed", "regression", "aborted", "failure", "success", "unstable", "unsuccessful", "cleanup"];

    private static readonly HashSet<string> AgentKinds = ["any", "none", "label", "node", "docker", "dockerfile", "kubernetes"];

    /// <summary>Returns the problems found, each starting with "line N:"; empty when the structure is valid.</summary>
    public static IReadOnlyList<string> Check(string jenkinsfile)
    {
        ArgumentNullException.ThrowIfNull(jenkinsfile);
        var problems = new List<string>();
        var sections = GroovyBlockParser.Parse(jenkinsfile, problems);
        var pipelines = sections.Where(s => s.Name == "pipeline").ToList();
        if (pipelines.Count != 1 || !pipelines[0].IsBlock)
        {
            problems.Add($"line 1: a declarative Jenkinsfile has exactly one 'pipeline {{ }}' block; found {pipelines.Count}.");
            return problems;
        }
        CheckPipeline(pipelines[0], problems);
        return problems;
    }

    private static void CheckPipeline(GroovySection pipeline, List<string> problems)
    {
        CheckKnownAndUnique(pipeline, PipelineSections, problems);
        var agent = pipeline.Children.FirstOrDefault(c => c.Name == "agent");
        if (agent is null)
            problems.Add($"line {pipeline.Line}: 'pipeline' needs an 'agent' section (agent any, agent none or agent {{ label '...' }}).");
        else
            CheckAgent(agent, problems);
        var stages = pipeline.Children.FirstOrDefault(c => c.Name == "stages");
        if (stages is null)
            problems.Add($"line {pipeline.Line}: 'pipeline' needs a 'stages' section with at least one stage.");
        else
            CheckStages(stages, problems);
        foreach (var post in pipeline.Children.Where(c => c.Name == "post"))
            CheckPost(post, problems);
    }

    private static void CheckStages(GroovySection stages, List<string> problems)
    {
        if (!stages.IsBlock || stages.Children.Count == 0)
            problems.Add($"line {stages.Line}: '{stages.Name}' needs at least one stage('name') {{ }} block.");
        foreach (var child in stages.Children)
        {
            if (child.Name != "stage" || !child.IsBlock)
                problems.Add($"line {child.Line}: only stage('name') {{ }} blocks may appear in '{stages.Name}', not '{child.Name}'.");
            else
                CheckStage(child, problems);
        }
    }

    private static void CheckStage(GroovySection stage, List<string> problems)
    {
        if (!stage.HasArguments || stage.FirstArgument.Length == 0)
            problems.Add($"line {stage.Line}: a stage needs a name: stage('Name') {{ }}.");
        CheckKnownAndUnique(stage, StageSections, problems);
        var bodies = stage.Children.Where(c => StageBodies.Contains(c.Name)).ToList();
        if (bodies.Count != 1)
            problems.Add($"line {stage.Line}: stage '{stage.FirstArgument}' needs exactly one of steps, parallel, stages or matrix; found {bodies.Count}.");
        foreach (var body in bodies)
        {
            if (body.Name == "steps" && (!body.IsBlock || body.Children.Count == 0))
                problems.Add($"line {body.Line}: 'steps' in stage '{stage.FirstArgument}' needs at least one step.");
            if (body.Name is "stages" or "parallel")
                CheckStages(body, problems);
        }
        foreach (var child in stage.Children)
        {
            if (child.Name == "agent")
                CheckAgent(child, problems);
            else if (child.Name == "post")
                CheckPost(child, problems);
            else if (child.Name == "when" && (!child.IsBlock || child.Children.Count == 0))
                problems.Add($"line {child.Line}: 'when' in stage '{stage.FirstArgument}' needs a condition.");
        }
    }

    private static void CheckAgent(GroovySection agent, List<string> problems)
    {
        var kind = agent.IsBlock ? (agent.Children.Count > 0 ? agent.Children[0].Name : null) : agent.FirstArgument;
        if (kind is null || !AgentKinds.Contains(kind) || (!agent.IsBlock && kind is not ("any" or "none")))
            problems.Add($"line {agent.Line}: 'agent' must be 'any', 'none' or a block with one of label, node, docker, dockerfile, kubernetes.");
    }

    private static void CheckPost(GroovySection post, List<string> problems)
    {
        if (!post.IsBlock || post.Children.Count == 0)
            problems.Add($"line {post.Line}: 'post' needs at least one condition block such as always {{ }}.");
        foreach (var condition in post.Children.Where(c => !PostConditions.Contains(c.Name) || !c.IsBlock))
            problems.Add($"line {condition.Line}: '{condition.Name}' is not a post condition block; use one of {string.Join(", ", PostConditions)}.");
    }

    private static void CheckKnownAndUnique(GroovySection parent, HashSet<string> allowed, List<string> problems)
    {
        foreach (var child in parent.Children.Where(c => !allowed.Contains(c.Name)))
            problems.Add($"line {child.Line}: unknown section '{child.Name}' in '{parent.Name}'; allowed: {string.Join(", ", allowed)}.");
        foreach (var duplicate in parent.Children.GroupBy(c => c.Name).Where(g => g.Count() > 1))
            problems.Add($"line {duplicate.Skip(1).First().Line}: section '{duplicate.Key}' appears more than once in '{parent.Name}'.");
    }
}

using System.Text.RegularExpressions;

namespace CamBuild.CI;

/// <summary>Checks the parts of a workflow description that GitHub would reject or that would silently misbehave.</summary>
internal static partial class GitHubWorkflowValidator
{
    private static readonly HashSet<string> AccessLevels = ["read", "write", "none"];

    public static void Validate(GitHubActionsWorkflow workflow)
    {
        var where = $"GitHub workflow '{workflow.Name}'";
        if (!FileName().IsMatch(workflow.Name))
            throw new CiConfigurationException($"{where}: the name is also the file name; use only letters, digits, '.', '_' and '-'.");
        if (workflow.Jobs.Count == 0)
            throw new CiConfigurationException($"{where}: no jobs; add at least one GitHubJob.");
        ValidateTriggers(workflow.On, where);
        ValidatePermissions(workflow.Permissions, where);
        foreach (var job in workflow.Jobs)
            ValidateJob(job, $"{where}, job '{job.Id}'");
        if (workflow.FetchDepth is < 0)
            throw new CiConfigurationException($"{where}: FetchDepth must be 0 (all history) or positive.");
        if (workflow.ArtifactRetentionDays is < 1 or > 90)
            throw new CiConfigurationException($"{where}: ArtifactRetentionDays must be between 1 and 90.");
        if (workflow.Concurrency is { } concurrency && !IsBooleanOrExpression(concurrency.CancelInProgress))
            throw new CiConfigurationException($"{where}: Concurrency.CancelInProgress must be \"true\", \"false\" or a ${{{{ }}}} expression.");
        foreach (var cache in workflow.Caches)
            ValidateCache(cache, where);
        foreach (var (name, value) in workflow.Environment)
            ValidatePlainVariable(name, value, where);
        foreach (var (parameter, secret) in workflow.SecretNames)
            ValidateSecretName(secret, $"{where}, SecretNames['{parameter}']");
    }

    public static void ValidateSecretName(string secret, string where)
    {
        if (!SecretName().IsMatch(secret) || (secret.StartsWith("GITHUB_", StringComparison.OrdinalIgnoreCase) && secret != "GITHUB_TOKEN"))
            throw new CiConfigurationException($"{where}: '{secret}' is not a valid GitHub secret name (letters, digits, '_', not starting with a digit or GITHUB_); map the parameter in SecretNames.");
    }

    private static void ValidateTriggers(GitHubTriggers on, string where)
    {
        if (!on.Push && !on.PullRequest && on.Schedules.Count == 0 && !on.WorkflowDispatch)
            throw new CiConfigurationException($"{where}: no trigger; set push branches or tags, PullRequest, Schedules or WorkflowDispatch.");
        if (on.PullRequestBranches.Count + on.PullRequestPaths.Count > 0 && !on.PullRequest)
            throw new CiConfigurationException($"{where}: pull request filters are set but PullRequest is false; set PullRequest = true.");
        foreach (var cron in on.Schedules)
        {
            if (cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 5 || cron.Any(c => !CronCharacter(c)))
                throw new CiConfigurationException($"{where}: schedule '{cron}' is not a five-field POSIX cron expression (minute hour day month weekday).");
        }
        if (on.WorkflowDispatchInputs.Count > 0 && !on.WorkflowDispatch)
            throw new CiConfigurationException($"{where}: WorkflowDispatchInputs are set but WorkflowDispatch is false; set WorkflowDispatch = true.");
        foreach (var input in on.WorkflowDispatchInputs)
        {
            if (!SecretName().IsMatch(input.Name))
                throw new CiConfigurationException($"{where}: workflow_dispatch input '{input.Name}' must be a parameter name: a letter or '_' first, then letters, digits or '_'.");
            if (input.Default is { } fallback && (fallback.Contains("{{", StringComparison.Ordinal) || fallback.Contains("}}", StringComparison.Ordinal) || fallback.Contains('\n', StringComparison.Ordinal)))
                throw new CiConfigurationException($"{where}: the default of workflow_dispatch input '{input.Name}' must be one line without '{{{{' or '}}}}'.");
            if (input.Options.Count > 0 && input.Default is { } value && !input.Options.Contains(value))
                throw new CiConfigurationException($"{where}: workflow_dispatch input '{input.Name}' defaults to '{value}', which is not one of its options ({string.Join(", ", input.Options)}).");
        }
        if (on.WorkflowDispatchInputs.Count > 10)
            throw new CiConfigurationException($"{where}: GitHub allows at most 10 workflow_dispatch inputs; remove some.");
    }

    private static void ValidateJob(GitHubJob job, string where)
    {
        if (!Identifier().IsMatch(job.Id))
            throw new CiConfigurationException($"{where}: a job id must start with a letter or '_' and contain only letters, digits, '-' or '_'.");
        if (job.RunsOn.Count == 0 || job.RunsOn.Any(string.IsNullOrWhiteSpace))
            throw new CiConfigurationException($"{where}: RunsOn needs at least one non-empty runner label, e.g. ubuntu-latest or [self-hosted, linux, lxc].");
        if (job.TimeoutMinutes is <= 0)
            throw new CiConfigurationException($"{where}: TimeoutMinutes must be positive.");
        if (job.Condition is { } condition && (string.IsNullOrWhiteSpace(condition) || condition.Contains('\n', StringComparison.Ordinal)))
            throw new CiConfigurationException($"{where}: Condition must be a one-line GitHub expression.");
        ValidatePermissions(job.Permissions, where);
    }

    private static void ValidateCache(GitHubCache cache, string where)
    {
        if (!Identifier().IsMatch(cache.Name))
            throw new CiConfigurationException($"{where}: cache name '{cache.Name}' must start with a letter or '_' and contain only letters, digits, '-' or '_'.");
        if (cache.Paths.Count == 0 || cache.KeyFiles.Count == 0)
            throw new CiConfigurationException($"{where}: cache '{cache.Name}' needs at least one path and one key file glob.");
        if (cache.Paths.Concat(cache.KeyFiles).Any(p => string.IsNullOrWhiteSpace(p) || p.Contains('\'', StringComparison.Ordinal) || p.Contains('\n', StringComparison.Ordinal)))
            throw new CiConfigurationException($"{where}: cache '{cache.Name}' has an empty path or glob, or one with a quote or line break.");
    }

    private static void ValidatePermissions(IReadOnlyDictionary<string, string> permissions, string where)
    {
        foreach (var (scope, level) in permissions)
        {
            if (!AccessLevels.Contains(level) || !Identifier().IsMatch(scope))
                throw new CiConfigurationException($"{where}: permission '{scope}: {level}' is invalid; use a scope such as contents with read, write or none.");
        }
    }

    private static void ValidatePlainVariable(string name, string value, string where)
    {
        if (!SecretName().IsMatch(name))
            throw new CiConfigurationException($"{where}: environment variable name '{name}' must contain only letters, digits and '_'.");
        if (value.Contains("secrets.", StringComparison.OrdinalIgnoreCase))
            throw new CiConfigurationException($"{where}: environment variable '{name}' refers to a secret; declare it as a secret parameter of a target or in ImportSecrets instead.");
    }

    private static bool IsBooleanOrExpression(string value) =>
        value is "true" or "false" || (value.StartsWith("${{", StringComparison.Ordinal) && value.EndsWith("}}", StringComparison.Ordinal));

    private static bool CronCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is ' ' or '*' or ',' or '-' or '/';

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex FileName();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_-]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex SecretName();
}

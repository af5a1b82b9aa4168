namespace CamBuild.CI.Tests.Support;

/// <summary>
/// The real validators from validators/package.json: GitHub's workflow parser plus the SchemaStore schema
/// (validate-workflow.mjs) and npm-groovy-lint. Missing tools fail the test; they never let it pass.
/// </summary>
internal static class NodeValidators
{
    private static readonly Lock InstallLock = new();
    private static bool installed;

    public static ProcessResult ValidateWorkflows(params string[] files)
    {
        EnsureInstalled();
        var arguments = new List<string> { "validate-workflow.mjs", "--schema", TestPaths.SharedFile("schemas", "github-workflow.json") };
        arguments.AddRange(files);
        return ProcessRunner.Run("node", arguments, TestPaths.ValidatorsDirectory, TimeSpan.FromMinutes(2));
    }

    /// <summary>Lints files that share one directory (CodeNarc walks everything under their common directory).</summary>
    public static ProcessResult LintGroovy(params string[] files)
    {
        Assert.Single(files.Select(Path.GetDirectoryName).Distinct());
        EnsureInstalled();
        var java = ProcessRunner.Run("java", ["-version"], TestPaths.ValidatorsDirectory, TimeSpan.FromMinutes(1));
        Assert.True(java.ExitCode == 0, "npm-groovy-lint needs Java on PATH (Debian: apt-get install openjdk-17-jre-headless).");
        var arguments = new List<string> { "node_modules/npm-groovy-lint/lib/index.js", "--noserver", "--failon", "error", "--output", "json" };
        arguments.AddRange(files);
        return ProcessRunner.Run("node", arguments, TestPaths.ValidatorsDirectory, TimeSpan.FromMinutes(5));
    }

    public static ProcessResult RunNode(string script, string workingDirectory)
    {
        EnsureInstalled();
        return ProcessRunner.Run("node", ["--input-type=module", "-e", script], workingDirectory, TimeSpan.FromMinutes(1));
    }

    private static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (installed)
                return;
            var node = ProcessRunner.Run("node", ["--version"], TestPaths.ValidatorsDirectory, TimeSpan.FromMinutes(1));
            Assert.True(node.ExitCode == 0, $"node is required for the CI validators: {node.Output}");
            string[] packages = ["@actions/workflow-parser", "ajv", "ajv-formats", "yaml", "npm-groovy-lint"];
            if (packages.Any(p => !File.Exists(Path.Combine(TestPaths.ValidatorsDirectory, "node_modules", p, "package.json"))))
            {
                var npm = ProcessRunner.Run("npm", ["ci", "--no-audit", "--no-fund"], TestPaths.ValidatorsDirectory, TimeSpan.FromMinutes(5));
                Assert.True(npm.ExitCode == 0, $"'npm ci' in {TestPaths.ValidatorsDirectory} failed; the validators cannot run:\n{npm.Output}");
            }
            installed = true;
        }
    }
}

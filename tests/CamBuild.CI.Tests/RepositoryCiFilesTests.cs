using CamBuild.CI.Tests.Support;

namespace CamBuild.CI.Tests;

/// <summary>
/// The CI files checked in at the repository root (written by <c>./build.sh GenerateCi</c>) pass the real validators.
/// <c>./build.sh CheckCi</c> proves they are what the build generates; this proves what it generates is valid.
/// </summary>
public sealed class RepositoryCiFilesTests
{
    private const string RegenerateLine = "Regenerate with: ./build.sh GenerateCi";

    [Trait("Category", "integration")]
    [Fact]
    public void The_checked_in_workflow_is_generated_and_passes_github_parser_and_schema()
    {
        var workflow = RepositoryFile(".github", "workflows", "ci.yml");
        Assert.Contains($"# {RegenerateLine}\n", File.ReadAllText(workflow), StringComparison.Ordinal);

        var result = NodeValidators.ValidateWorkflows(workflow);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Contains($"VALID {workflow}", result.Output, StringComparison.Ordinal);
    }

    [Trait("Category", "integration")]
    [Fact]
    public void The_checked_in_jenkinsfile_is_generated_and_passes_the_structure_check_and_groovy_lint()
    {
        var jenkinsfile = RepositoryFile("Jenkinsfile");
        var content = File.ReadAllText(jenkinsfile);
        Assert.Contains($"// {RegenerateLine}\n", content, StringComparison.Ordinal);
        Assert.Empty(JenkinsfileStructure.Check(content));

        // CodeNarc scans the whole directory of the file it lints: lint a copy, not the repository root.
        using var directory = new TemporaryDirectory();
        var copy = directory.File("Jenkinsfile");
        File.Copy(jenkinsfile, copy);
        var result = NodeValidators.LintGroovy(copy);
        var (filesLinted, errors) = GroovyLintReport.Read(result.Output);

        Assert.True(result.ExitCode == 0, result.Output);
        Assert.Equal(1, filesLinted);
        Assert.Empty(errors.GetValueOrDefault(copy, []));
    }

    private static string RepositoryFile(params string[] parts)
    {
        var path = Path.Combine([RepositoryRoot(), .. parts]);
        Assert.True(File.Exists(path), $"{path} is missing; run ./build.sh GenerateCi and commit the result.");
        return path;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(TestPaths.ProjectDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CamBuild.sln")))
                return directory.FullName;
        }
        throw new InvalidOperationException($"No CamBuild.sln in any parent of {TestPaths.ProjectDirectory}.");
    }
}

namespace CamBuild.CI.Tests;

public sealed class NamingAndPathTests
{
    [Theory]
    [InlineData("GitHubToken", "GITHUB_TOKEN")]
    [InlineData("NuGetApiKey", "NUGET_API_KEY")]
    [InlineData("APIKey", "API_KEY")]
    [InlineData("ProxmoxPassword", "PROXMOX_PASSWORD")]
    [InlineData("Environment", "ENVIRONMENT")]
    [InlineData("index-url", "INDEX_URL")]
    [InlineData("SSH2Key", "SSH2_KEY")]
    [InlineData("ALREADY_SNAKE", "ALREADY_SNAKE")]
    public void Parameter_names_become_upper_snake_environment_names(string parameter, string expected) =>
        Assert.Equal(expected, EnvironmentNames.ToUpperSnake(parameter));

    [Theory]
    [InlineData("artifacts/locks/**", "artifacts/locks")]
    [InlineData("artifacts/leaves.json", "artifacts")]
    [InlineData("artifacts/candidates/*.tar.zst|artifacts/candidates/manifest.json", "artifacts/candidates")]
    [InlineData("artifacts/locks/**|artifacts/leaves.json", "artifacts")]
    [InlineData("artifacts/reports", "artifacts/reports")]
    [InlineData("*.xml", ".")]
    [InlineData("out/a/**|build/b/**", ".")]
    public void Artifact_root_is_the_common_literal_directory(string globs, string expected) =>
        Assert.Equal(expected, ArtifactPaths.Root(globs.Split('|')));

    [Theory]
    [InlineData("/etc/passwd", "absolute")]
    [InlineData("../outside/**", "'..'")]
    [InlineData("artifacts\\x", "'/'")]
    [InlineData("!artifacts/x", "exclusion")]
    public void Unsafe_artifact_paths_are_rejected(string glob, string expected)
    {
        var error = Assert.Throws<CiConfigurationException>(() => ArtifactPaths.Validate("Bake", glob));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("'Bake'", error.Message, StringComparison.Ordinal);
    }
}

using CamBuild.Common;
using CamBuild.Release.GitHub;

namespace CamBuild.Release.Tests;

public sealed class GitHubRepositoryTests
{
    [Theory]
    [InlineData(null, "https://api.github.com/")]
    [InlineData("https://github.com", "https://api.github.com/")]
    [InlineData("https://api.github.com/", "https://api.github.com/")]
    [InlineData("https://ghe.example.com", "https://ghe.example.com/api/v3/")]
    [InlineData("https://ghe.example.com/api/v3", "https://ghe.example.com/api/v3/")]
    [InlineData("http://127.0.0.1:8080/api/v3/", "http://127.0.0.1:8080/api/v3/")]
    public void Api_base_follows_what_octokit_really_uses(string? baseUrl, string expected)
    {
        Assert.Equal(new Uri(expected), new GitHubRepository("o", "r", baseUrl).ApiBase());
    }

    [Fact]
    public void Other_paths_are_refused_instead_of_silently_rewritten()
    {
        var e = Assert.Throws<InputException>(() => new GitHubRepository("o", "r", "https://ghe.example.com/github").ApiBase());
        Assert.Equal(
            "GitHub base URL https://ghe.example.com/github has path '/github', but GitHub Enterprise Server serves its API at /api/v3 and Octokit always uses that path; " +
            "give https://ghe.example.com or https://ghe.example.com/api/v3.", e.Message);
    }

    [Fact]
    public void Credentials_in_the_url_are_refused_without_echoing_them()
    {
        var e = Assert.Throws<InputException>(() => new GitHubRepository("o", "r", "https://bot:hunter2@ghe.example.com").ApiBase());
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
        Assert.Contains("must not contain user information", e.Message);
    }

    [Fact]
    public void Owner_and_name_must_be_separate()
    {
        Assert.Throws<InputException>(() => new GitHubRepository("ska-sa/cam", "x").ApiBase());
    }
}

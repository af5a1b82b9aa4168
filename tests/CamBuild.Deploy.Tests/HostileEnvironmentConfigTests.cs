using CamBuild.Deploy.Config;
using CamBuild.Deploy.Roles;
using CamBuild.Fuzzing;

namespace CamBuild.Deploy.Tests;

/// <summary>config/environments/local.yaml made hostile one way at a time: each is refused with file, line and fix.</summary>
public sealed class HostileEnvironmentConfigTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static RoleCatalog Roles => RoleCatalog.Load(RepositoryRoot.Combine("samples", "site", "roles.json"));

    private static string Valid => File.ReadAllText(RepositoryRoot.Combine("config", "environments", "local.yaml"));

    [Fact]
    public void The_unaltered_file_loads()
    {
        var path = _directory.Write("local.yaml", Valid);

        Assert.Equal("local", EnvironmentConfigLoader.Load(path, Roles).Name);
    }

    [Theory]
    [MemberData(nameof(HostileAssert.Cases), MemberType = typeof(HostileAssert))]
    public void A_hostile_file_is_refused_naming_file_line_and_fix(string name)
    {
        var hostile = HostileConfig.Make(name, Valid);
        var path = _directory.Combine("local.yaml");
        File.WriteAllBytes(path, hostile.Content);

        var error = Assert.ThrowsAny<Exception>(() => EnvironmentConfigLoader.Load(path, Roles));

        HostileAssert.Refused(error, path, hostile.Line, hostile.Fix);
    }

    [Theory]
    [InlineData("name: local", "name: [local]", "must be a non-empty string")]
    [InlineData("  cores: 1", "  cores: {one: 1}", "must be")]
    [InlineData("nodes:", "nodes: 3\nx_nodes:", "nodes")]
    public void A_value_of_the_wrong_type_is_refused_at_its_line(string line, string replacement, string fix)
    {
        var text = Valid;
        var number = Array.IndexOf(text.Split('\n'), line) + 1;
        Assert.True(number > 0, $"the shipped file has no line '{line}'");
        var path = _directory.Write("local.yaml", text.Replace(line + "\n", replacement + "\n", StringComparison.Ordinal));

        var error = Assert.ThrowsAny<Exception>(() => EnvironmentConfigLoader.Load(path, Roles));

        HostileAssert.Refused(error, path, number, fix);
    }
}

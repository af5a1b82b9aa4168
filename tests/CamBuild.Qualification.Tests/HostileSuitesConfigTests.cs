using CamBuild.Fuzzing;
using CamBuild.Qualification.Suites;

namespace CamBuild.Qualification.Tests;

/// <summary>config/qualification/suites.yaml made hostile one way at a time: each is refused with file, line and fix.</summary>
public sealed class HostileSuitesConfigTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string Valid => File.ReadAllText(RepositoryRoot.Combine(SuiteLoader.DefaultPath));

    [Fact]
    public void The_unaltered_file_loads()
    {
        var path = _directory.Write("suites.yaml", Valid);

        Assert.NotEmpty(SuiteLoader.Load(path, RepositoryRoot.Path).Suites);
    }

    [Theory]
    [MemberData(nameof(HostileAssert.Cases), MemberType = typeof(HostileAssert))]
    public void A_hostile_file_is_refused_naming_file_line_and_fix(string name)
    {
        var hostile = HostileConfig.Make(name, Valid);
        var path = _directory.Combine("suites.yaml");
        File.WriteAllBytes(path, hostile.Content);

        var error = Assert.ThrowsAny<Exception>(() => SuiteLoader.Load(path, RepositoryRoot.Path));

        HostileAssert.Refused(error, "suites.yaml", hostile.Line, hostile.Fix);
    }

    [Theory]
    [InlineData("format: 1", "format: [1]", "'format' must be 1")]
    public void A_value_of_the_wrong_type_is_refused_at_its_line(string line, string replacement, string fix)
    {
        var number = Array.IndexOf(Valid.Split('\n'), line) + 1;
        Assert.True(number > 0, $"the shipped file has no line '{line}'");
        var path = _directory.Write("suites.yaml", Valid.Replace(line + "\n", replacement + "\n", StringComparison.Ordinal));

        var error = Assert.ThrowsAny<Exception>(() => SuiteLoader.Load(path, RepositoryRoot.Path));

        HostileAssert.Refused(error, "suites.yaml", number, fix);
    }
}

using CamBuild.Delivery.Config;
using CamBuild.Fuzzing;

namespace CamBuild.Delivery.Tests;

/// <summary>config/channels.yaml made hostile one way at a time: each is refused with file, line and fix.</summary>
public sealed class HostileChannelsConfigTests : IDisposable
{
    private readonly CamBuild.TestSupport.TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private static string Valid => File.ReadAllText(TestFiles.Combine("config", "channels.yaml"));

    [Fact]
    public void The_unaltered_file_loads()
    {
        var path = _directory.Write("channels.yaml", Valid);

        Assert.Equal(["staging", "production"], ChannelsConfigLoader.Load(path, ["local", "cam"]).Channels.Select(c => c.Name));
    }

    [Theory]
    [MemberData(nameof(HostileAssert.Cases), MemberType = typeof(HostileAssert))]
    public void A_hostile_file_is_refused_naming_file_line_and_fix(string name)
    {
        var hostile = HostileConfig.Make(name, Valid);
        var path = _directory.Combine("channels.yaml");
        File.WriteAllBytes(path, hostile.Content);

        var error = Assert.ThrowsAny<Exception>(() => ChannelsConfigLoader.Load(path, ["local", "cam"]));

        HostileAssert.Refused(error, path, hostile.Line, hostile.Fix);
    }

    [Theory]
    [InlineData("    environment: local", "    environment: [local]", "environment")]
    [InlineData("  - name: staging", "  - name: {staging: 1}", "name")]
    public void A_value_of_the_wrong_type_is_refused_at_its_line(string line, string replacement, string fix)
    {
        var number = Array.IndexOf(Valid.Split('\n'), line) + 1;
        Assert.True(number > 0, $"the shipped file has no line '{line}'");
        var path = _directory.Write("channels.yaml", Valid.Replace(line + "\n", replacement + "\n", StringComparison.Ordinal));

        var error = Assert.ThrowsAny<Exception>(() => ChannelsConfigLoader.Load(path, ["local", "cam"]));

        HostileAssert.Refused(error, path, number, fix);
    }
}

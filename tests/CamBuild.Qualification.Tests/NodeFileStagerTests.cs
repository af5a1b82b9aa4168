using CamBuild.Qualification.Running;

namespace CamBuild.Qualification.Tests;

public sealed class NodeFileStagerTests
{
    [Fact]
    public async Task CopiesBinaryLargeAndEmptyFilesExactly()
    {
        using var directory = new TempDirectory();
        var provider = new LocalProcessNodeProviderTestDouble();
        var random = new Random(42);
        var large = new byte[300_000];
        random.NextBytes(large);
        var files = new List<(string, byte[])>
        {
            (Path.Combine(directory.Path, "a/b/large.bin"), large),
            (Path.Combine(directory.Path, "small.txt"), "x y 'z' \"q\" $HOME\n"u8.ToArray()),
            (Path.Combine(directory.Path, "deep/empty"), []),
        };
        files.AddRange(Enumerable.Range(0, 20).Select(i => (Path.Combine(directory.Path, $"many/{i}.py"), new byte[40_000])));

        await new NodeFileStager(provider, SuiteFixture.Environment).StageAsync(SuiteFixture.Environment.Nodes[0], files, CancellationToken.None);

        foreach (var (path, content) in files)
        {
            Assert.Equal(content, await File.ReadAllBytesAsync(path));
        }
        Assert.InRange(provider.Executed.Count, 3, 10);
        Assert.All(provider.Executed, call => Assert.All(call.Command, argument => Assert.True(argument.Length <= 128 * 1024)));
    }
}

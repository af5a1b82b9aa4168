namespace CamBuild.Build.Tests;

/// <summary>Snapshots of what the real build prints and generates: a change to the graph or its parameters shows here.</summary>
public sealed class GraphSnapshotTests : IDisposable
{
    private readonly string _root = RealBuild.CopyOfConfiguration();

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Help_of_the_real_build()
    {
        var (exit, output) = RealBuild.Run(_root, "--help");
        Assert.Equal(0, exit);
        Snapshot.Match("help.txt", output);
    }

    [Fact]
    public void Plan_of_Qualify()
    {
        var (exit, output) = RealBuild.Run(_root, "Qualify", "--plan");
        Assert.Equal(0, exit);
        Snapshot.Match("plan-qualify.txt", output);
    }

    [Fact]
    public void Plan_of_Promote()
    {
        var (exit, output) = RealBuild.Run(_root, "Promote", "--plan", "--channel", "production");
        Assert.Equal(0, exit);
        Snapshot.Match("plan-promote.txt", output);
    }

    [Fact]
    public void Checked_in_schema_is_what_the_build_generates()
    {
        var (exit, _) = RealBuild.Run(_root, "--help");
        Assert.Equal(0, exit);
        var generated = File.ReadAllText(Path.Combine(_root, ".nuke", "build.schema.json"));
        Snapshot.Match("build.schema.txt", generated);
        Assert.Equal(generated, File.ReadAllText(Path.Combine(RealBuild.Root, ".nuke", "build.schema.json")));
    }

    [Fact]
    public void Unknown_target_is_a_usage_error()
    {
        var (exit, output) = RealBuild.Run(_root, "Qualfy");
        Assert.Equal(2, exit);
        Assert.Contains("Qualfy", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Qualify_owns_its_environment_and_DeployEnvironment_is_only_ordered_before_it()
    {
        var (_, output) = RealBuild.Run(_root, "DeployEnvironment", "Qualify", "--plan");
        var planned = output.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(cells => cells.Length >= 2 && int.TryParse(cells[0], out _)).Select(cells => cells[1]).ToList();
        Assert.True(planned.IndexOf("DeployEnvironment") < planned.IndexOf("Qualify"), output);
        var (_, alone) = RealBuild.Run(_root, "Qualify", "--plan");
        Assert.DoesNotContain("DeployEnvironment", alone, StringComparison.Ordinal);
    }
}

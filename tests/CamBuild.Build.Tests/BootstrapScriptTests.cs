namespace CamBuild.Build.Tests;

/// <summary>
/// The repository's build.sh on a tiny build of its own (a console app as build/_build.csproj): the fast path runs the
/// compiled build without compiling; a file touched but unchanged is not recompiled (content hash fallback); a change
/// that keeps size and modification time is still noticed (the change time and the content hash differ) and the new
/// build runs; the build is compiled ahead of time (ReadyToRun) unless CAMBUILD_READYTORUN=0.
/// </summary>
[Trait("Category", "integration")]
public sealed class BootstrapScriptTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cambuild-bootstrap-").FullName;

    public BootstrapScriptTests()
    {
        File.Copy(RepositoryRoot.Combine("build.sh"), Path.Combine(_root, "build.sh"));
        File.Copy(RepositoryRoot.Combine("global.json"), Path.Combine(_root, "global.json"));
        File.WriteAllText(Path.Combine(_root, "Directory.Build.props"), "<Project><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>\n");
        File.WriteAllText(Path.Combine(_root, "Directory.Packages.props"), "<Project />\n");
        Directory.CreateDirectory(Path.Combine(_root, "src"));
        Directory.CreateDirectory(Path.Combine(_root, "build"));
        File.WriteAllText(Path.Combine(_root, "build", "_build.csproj"),
            "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup><OutputType>Exe</OutputType><AssemblyName>_build</AssemblyName></PropertyGroup></Project>\n");
        Program("v1");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string ProgramPath => Path.Combine(_root, "build", "Program.cs");

    private void Program(string version) =>
        File.WriteAllText(ProgramPath, $"System.Console.WriteLine(\"{version} \" + string.Join(' ', args));\n");

    private ProcessResult Run(params string[] args) =>
        TestProcess.Run("/bin/bash", [Path.Combine(_root, "build.sh"), .. args], TimeSpan.FromMinutes(10), _root);

    [Fact]
    public void Unchanged_sources_run_at_once_and_a_change_that_keeps_size_and_mtime_is_still_compiled()
    {
        var first = Run("a");
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("Compiling the build", first.StandardError, StringComparison.Ordinal);
        Assert.Equal("v1 a\n", first.StandardOutput);
        // ReadyToRun: the compiled assembly carries native code, announced by the managed-native header of its CLI header.
        using (var pe = new System.Reflection.PortableExecutable.PEReader(File.OpenRead(Path.Combine(_root, ".nuke", "temp", "build-bin", "_build.dll"))))
            Assert.True(pe.PEHeaders.CorHeader!.ManagedNativeHeaderDirectory.Size > 0, "the build was not compiled ahead of time");

        var fast = Run("b");
        Assert.Equal("v1 b\n", fast.StandardOutput);
        Assert.DoesNotContain("Compiling", fast.StandardError, StringComparison.Ordinal);

        File.SetLastWriteTimeUtc(ProgramPath, DateTime.UtcNow.AddMinutes(1));
        var touched = Run("c");
        Assert.Equal("v1 c\n", touched.StandardOutput);
        Assert.DoesNotContain("Compiling", touched.StandardError, StringComparison.Ordinal);

        var mtime = File.GetLastWriteTimeUtc(ProgramPath);
        var size = new FileInfo(ProgramPath).Length;
        Program("v2");
        File.SetLastWriteTimeUtc(ProgramPath, mtime);
        Assert.Equal(size, new FileInfo(ProgramPath).Length);
        var changed = Run("d");
        Assert.True(changed.ExitCode == 0, changed.Output);
        Assert.Contains("Compiling the build", changed.StandardError, StringComparison.Ordinal);
        Assert.Equal("v2 d\n", changed.StandardOutput);
    }
}

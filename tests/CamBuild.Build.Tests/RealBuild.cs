using System.Diagnostics;

namespace CamBuild.Build.Tests;

/// <summary>Runs the compiled build (the <c>_build.dll</c> that build.sh runs) as a process, against a root of the test's own.</summary>
internal static class RealBuild
{
    public static string Root => RepositoryRoot.Path;

    public static (int Exit, string Output) Run(string root, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "_build.dll"));
        foreach (var a in args) start.ArgumentList.Add(a);
        start.ArgumentList.Add("--root");
        start.ArgumentList.Add(root);
        start.Environment["NO_COLOR"] = "1";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"_build {string.Join(' ', args)} did not finish within 60 s");
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    /// <summary>A throw-away root holding copies of the repository's .nuke/parameters*.json, config/ and samples/.</summary>
    public static string CopyOfConfiguration()
    {
        var root = Directory.CreateTempSubdirectory("cambuild-build-tests-").FullName;
        Directory.CreateDirectory(Path.Combine(root, ".nuke"));
        foreach (var file in Directory.GetFiles(Path.Combine(Root, ".nuke"), "parameters*.json"))
            File.Copy(file, Path.Combine(root, ".nuke", Path.GetFileName(file)));
        foreach (var dir in new[] { "config", "samples" }) Copy(Path.Combine(Root, dir), Path.Combine(root, dir));
        return root;
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var dir in Directory.GetDirectories(from))
            if (Path.GetFileName(dir) is not ("__pycache__" or "node_modules")) Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
    }
}

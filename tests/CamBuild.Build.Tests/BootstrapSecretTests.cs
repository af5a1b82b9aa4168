using System.Text.RegularExpressions;
using CamBuild.Targets.Hosting;

namespace CamBuild.Build.Tests;

/// <summary>
/// build.sh compiles the build before the build can say which of its parameters are secret, so it names their
/// environment variables itself. This test keeps that list equal to the real build's secret parameters: a secret
/// parameter added to build/ without build.sh keeping it from the compiler goes red here.
/// </summary>
public sealed partial class BootstrapSecretTests
{
    [Fact]
    public void The_compiler_in_build_sh_runs_without_every_secret_parameter_of_the_build()
    {
        var script = File.ReadAllText(Path.Combine(RealBuild.Root, "build.sh"));
        var lines = script.Split('\n');
        // Every compile of the build goes through the one compile() function, and that function drops the secrets.
        var compile = lines.Single(line => line.Contains("env -u", StringComparison.Ordinal));
        Assert.StartsWith("compile()", compile.Trim(), StringComparison.Ordinal);
        Assert.All(lines.Where(line => line.Contains("build/_build.csproj", StringComparison.Ordinal) && line.Contains("\"$DOTNET\"", StringComparison.Ordinal)),
            line => Assert.Fail($"build.sh runs dotnet on the build outside compile(): {line.Trim()}"));
        // The binder reads a parameter from a variable whose name, without underscores and case, is the parameter's
        // (GITHUB_TOKEN is GitHubToken); the unset variables are compared the same way.
        var unset = UnsetOption().Matches(compile).Select(m => m.Groups[1].Value.Replace("_", "", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).ToList();

        var secrets = TargetDiscovery.Parameters(new Build()).Where(p => p.IsSecret)
            .Select(p => p.Name.ToUpperInvariant()).Order(StringComparer.Ordinal).ToList();

        Assert.NotEmpty(secrets);
        Assert.Equal(secrets, unset);
    }

    [GeneratedRegex(@"-u ([A-Z0-9_]+)")]
    private static partial Regex UnsetOption();
}

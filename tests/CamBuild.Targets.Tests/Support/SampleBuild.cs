namespace CamBuild.Targets.Tests.Support;

/// <summary>A small build with the shape of ours, run in-process through the real host.</summary>
internal sealed class SampleBuild : BuildBase
{
    [Parameter("Index to resolve leaves from.")]
    readonly string IndexUrl = "http://127.0.0.1:8080/simple/";

    [Parameter("Token used to publish releases."), Secret]
    readonly string? GitHubToken = null;

    [Parameter("Compression level of the candidate.")]
    readonly int CompressionLevel = 3;

    public List<string> Ran { get; } = [];

    public override string Title => "Sample";

    Target ResolveLeaves => _ => _
        .Description("Finds the latest successful build of each leaf.")
        .Executes(c => { Ran.Add(nameof(ResolveLeaves)); c.Log.Info($"index {IndexUrl}, level {CompressionLevel}"); });

    Target Pin => _ => _
        .Description("Pins every transitive dependency with hashes.")
        .DependsOn(ResolveLeaves)
        .Executes(() =>
        {
            if (File.Exists(Path.Combine(RootDirectory, "break-pin")))
                throw new InvalidOperationException("pin broke");
            Ran.Add(nameof(Pin));
        });

    Target Publish => _ => _
        .DependsOn(Pin)
        .Requires(() => GitHubToken)
        .Executes(c => { Ran.Add(nameof(Publish)); c.Log.Info($"publishing with token {GitHubToken}"); throw new InvalidOperationException($"rejected token {GitHubToken}"); });

    /// <summary>A cacheable target (an input file, a value, an output) for --explain and --expect-cached.</summary>
    Target Lock => _ => _
        .Unlisted()
        .Inputs("lock-input.txt")
        .InputValue("level", () => CompressionLevel.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .Outputs("lock.txt")
        .Executes(() => { Ran.Add(nameof(Lock)); File.WriteAllText(Path.Combine(RootDirectory, "lock.txt"), "locked"); });

    Target Internal => _ => _
        .Unlisted()
        .Executes(() => Ran.Add(nameof(Internal)));

    /// <summary>Writes the secret straight to the console, as a library or a tool's echo might.</summary>
    Target Leak => _ => _
        .Unlisted()
        .Executes(() =>
        {
            Console.Out.WriteLine($"stdout {GitHubToken}");
            Console.Error.WriteLine($"stderr {GitHubToken}");
        });
}

namespace CamBuild.Targets.Parameters;

/// <summary>The engine's own command-line options, listed after the build's parameters in help and schema.</summary>
internal static class BuiltInOptions
{
    public static readonly IReadOnlyList<(string Name, string Description)> All =
    [
        ("target", "Targets to run (also given as leading arguments, separated by spaces or '+')."),
        ("skip", "Skip targets: without names every target not invoked; with names only those."),
        ("force", "Ignore the cache: without names for every target; with names only for those."),
        ("continue", "Resume the same invocation after its last failed target."),
        ("plan", "Print the ordered plan and exit; 'html' writes a page with a mermaid graph under .nuke/temp/."),
        ("help", "Show targets and parameters, then exit."),
        ("root", "Root directory (default: the nearest ancestor holding .nuke/)."),
        ("profile", "Load .nuke/parameters.<profile>.json files; later profiles override earlier ones."),
        ("verbosity", "quiet, minimal, normal or verbose."),
        ("no-logo", "Do not print the logo."),
    ];

    public static bool IsBuiltIn(string key) => All.Any(o => ParsedArguments.Key(o.Name) == key);
}

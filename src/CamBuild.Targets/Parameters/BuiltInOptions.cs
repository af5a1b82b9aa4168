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
        ("explain", "Print for each planned target whether it would be cached and, if not, why: input files added, removed or changed, values changed, outputs of its dependencies changed since its recorded run; runs nothing."),
        ("expect-cached", "Before running anything, fail (exit code 1) naming each target that would execute and why; when all are cached, run as usual."),
        ("plan", "Print the ordered plan and exit; 'html' writes a page with a mermaid graph under .nuke/temp/."),
        ("help", "Show targets and parameters, then exit."),
        ("root", "Root directory (default: the nearest ancestor holding .nuke/)."),
        ("profile", "Load .nuke/parameters.<profile>.json files; later profiles override earlier ones."),
        ("verbosity", "quiet, minimal, normal or verbose."),
        ("no-logo", "Do not print the logo."),
    ];

    public static bool IsBuiltIn(string key) => All.Any(o => ParsedArguments.Key(o.Name) == key);
}

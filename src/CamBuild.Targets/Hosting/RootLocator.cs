using CamBuild.Targets.Parameters;

namespace CamBuild.Targets.Hosting;

/// <summary>Finds the root: <c>--root &lt;dir&gt;</c>, <c>--root</c> alone (working directory), or the nearest ancestor holding <c>.nuke/</c>.</summary>
internal static class RootLocator
{
    public static string Find(ParsedArguments parsed)
    {
        if (parsed.Get("root") is { } option)
        {
            var dir = Path.GetFullPath(option.Values.Count > 0 ? option.Values[0] : Directory.GetCurrentDirectory());
            return Directory.Exists(dir) ? dir : throw new BuildUsageException($"--root {dir}: no such directory.");
        }

        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (Directory.Exists(Path.Combine(dir.FullName, ".nuke")))
                return dir.FullName;
        throw new BuildUsageException("No root found: no ancestor of the working directory holds a .nuke/ directory. Create one or pass --root <dir>.");
    }
}

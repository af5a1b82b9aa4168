using System.Text.RegularExpressions;

namespace CamBuild.Images.Python;

/// <summary>Matches every lock line to a wheel file whose sha256 the lock names; anything else stops the bake.</summary>
internal static partial class WheelVerifier
{
    public static VerifiedEnvironment Verify(PythonEnvironmentSpec spec, Action<string>? progress = null)
    {
        if (!ValidName().IsMatch(spec.Name))
            throw new ImageBuildException($"Python environment name '{spec.Name}' must match [a-z0-9][a-z0-9_-]*.");
        if (!spec.InstallPath.StartsWith('/') || spec.InstallPath.Contains("..", StringComparison.Ordinal))
            throw new ImageBuildException($"Python environment '{spec.Name}': install path '{spec.InstallPath}' must be absolute, e.g. /opt/cam/venv.");
        if (!File.Exists(spec.RequirementsLock))
            throw new ImageBuildException($"Python environment '{spec.Name}': lock '{spec.RequirementsLock}' does not exist; run Pin.");
        if (!Directory.Exists(spec.WheelDirectory))
            throw new ImageBuildException($"Python environment '{spec.Name}': wheel directory '{spec.WheelDirectory}' does not exist.");

        var requirements = HashedRequirementsFile.Parse(spec.RequirementsLock);
        var byHash = Directory.GetFiles(spec.WheelDirectory, "*.whl")
            .Select(f => (Path: f, Sha: Sha256.OfFile(f).Hex))
            .GroupBy(x => x.Sha, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(x => x.Path, StringComparer.Ordinal).First().Path, StringComparer.Ordinal);
        var wheels = new List<VerifiedWheel>();
        foreach (var r in requirements)
        {
            var match = r.Sha256s.Order(StringComparer.Ordinal).FirstOrDefault(byHash.ContainsKey);
            if (match is null)
            {
                if (r.Marker is not null)
                {
                    progress?.Invoke($"{spec.Name}: no wheel for '{r.Name}=={r.Version}; {r.Marker}' (line {r.Line}); pip decides by its marker");
                    continue;
                }
                throw new ImageBuildException(
                    $"{spec.RequirementsLock} line {r.Line}: no wheel in '{spec.WheelDirectory}' has a sha256 listed for " +
                    $"{r.Name}=={r.Version} ({string.Join(", ", r.Sha256s.Order(StringComparer.Ordinal))}). Fetch the locked wheel " +
                    "(or re-run Pin if the file on the index changed); a wheel with another hash is never installed.");
            }
            wheels.Add(new VerifiedWheel(r.Name, r.Version, Path.GetFileName(byHash[match]), match, byHash[match]));
        }
        var dupes = wheels.GroupBy(w => w.FileName, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (dupes.Count > 0)
            throw new ImageBuildException($"{spec.RequirementsLock}: wheel file(s) {string.Join(", ", dupes)} matched more than one lock line.");
        wheels.Sort((a, b) => string.CompareOrdinal(a.FileName, b.FileName));
        return new VerifiedEnvironment(spec.Name, spec.InstallPath.TrimEnd('/'), Sha256.OfFile(spec.RequirementsLock).Hex,
            spec.RequirementsLock, wheels);
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex ValidName();
}

using System.Text.RegularExpressions;
using CamBuild.Images.Tools;

namespace CamBuild.Images.Config;

/// <summary>One file of the configuration layer: host source, absolute destination in the image, octal mode ("0644").</summary>
public sealed record ConfigFileSpec(string Source, string Destination, string Mode = "0644");

/// <summary>A config file with its content hash, as recorded in the manifest.</summary>
internal sealed record VerifiedConfigFile(string Source, string Destination, string Mode, string Sha256);

/// <summary>
/// Site configuration, role definitions, supervisor script and units: copied with explicit modes and root
/// ownership, parents 0755, mtimes clamped, so every node starts from the same image and differs only at deploy time.
/// </summary>
internal static partial class ConfigLayer
{
    public const string RecipeVersion = "config/1";

    public static IReadOnlyList<VerifiedConfigFile> Verify(IReadOnlyList<ConfigFileSpec> files)
    {
        var result = new List<VerifiedConfigFile>();
        foreach (var f in files)
        {
            if (!File.Exists(f.Source))
                throw new ImageBuildException($"config layer: source file '{f.Source}' (for {f.Destination}) does not exist.");
            if (!f.Destination.StartsWith('/') || f.Destination.EndsWith('/') || f.Destination.Split('/').Contains(".."))
                throw new ImageBuildException($"config layer: destination '{f.Destination}' (from '{f.Source}') must be an absolute file path without '..'.");
            if (!OctalMode().IsMatch(f.Mode))
                throw new ImageBuildException($"config layer: mode '{f.Mode}' for '{f.Destination}' must be octal like 0644 or 0755.");
            result.Add(new VerifiedConfigFile(f.Source, f.Destination, f.Mode.PadLeft(4, '0'), Sha256.OfFile(f.Source).Hex));
        }
        var dupes = result.GroupBy(f => f.Destination, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (dupes.Count > 0) throw new ImageBuildException($"config layer: destination(s) given twice: {string.Join(", ", dupes)}.");
        result.Sort((a, b) => string.CompareOrdinal(a.Destination, b.Destination));
        return result;
    }

    public static async Task<int> BuildAsync(IReadOnlyList<string> lowerTopFirst, string stageDir,
        IReadOnlyList<VerifiedConfigFile> files, long sourceDateEpoch, CancellationToken cancellationToken)
    {
        await using (var overlay = await OverlayMount.MountAsync(lowerTopFirst, Path.Combine(stageDir, "merged"),
                         Path.Combine(stageDir, "layer"), Path.Combine(stageDir, "work"), cancellationToken).ConfigureAwait(false))
        {
            foreach (var f in files)
            {
                var target = overlay.Merged + f.Destination;
                CreateParents(overlay.Merged, Path.GetDirectoryName(f.Destination)!);
                File.Copy(f.Source, target, overwrite: true);
                File.SetUnixFileMode(target, (UnixFileMode)Convert.ToInt32(f.Mode, 8));
                var actual = (await Sha256.OfFileAsync(target, cancellationToken).ConfigureAwait(false)).Hex;
                if (actual != f.Sha256)
                    throw new ImageBuildException($"config layer: '{f.Source}' changed during the bake (sha256 {actual}, expected {f.Sha256}).");
            }
            await TarTools.ClampMtimesAsync(overlay.Merged, sourceDateEpoch, cancellationToken).ConfigureAwait(false);
        }
        AtomicFile.DeleteTree(Path.Combine(stageDir, "work"));
        Directory.Delete(Path.Combine(stageDir, "merged"));
        return files.Count;
    }

    private static void CreateParents(string root, string dir)
    {
        var current = root;
        foreach (var part in dir.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            if (Directory.Exists(current)) continue;
            Directory.CreateDirectory(current);
            File.SetUnixFileMode(current, (UnixFileMode)Convert.ToInt32("755", 8));
        }
    }

    [GeneratedRegex("^0?[0-7]{3}$")]
    private static partial Regex OctalMode();
}

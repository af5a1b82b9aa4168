using System.Globalization;
using CamBuild.Images.Os;
using CamBuild.Images.Tools;

namespace CamBuild.Images.Python;

/// <summary>What the Python stage observed: the installed distributions (name==version) per environment.</summary>
internal sealed record PythonLayerMeta(IReadOnlyDictionary<string, string> Freeze);

/// <summary>
/// Installs each environment into an overlay upper directory on top of the lower layers: a venv made by the image's
/// python3, then <c>pip install --require-hashes --no-deps --no-index --no-compile</c> from a fixed in-image wheel
/// directory, then checked-hash pycs (so they match on every machine) and clamped mtimes.
/// </summary>
internal static class PythonLayer
{
    public const string RecipeVersion = "python/2";
    private const string WheelRoot = "/tmp/cambuild-wheels";

    // The image's own pip (Debian's wheel, as ensurepip would use) runs from its wheel file, so the venv holds
    // only the locked distributions: nothing unlocked in the candidate and far less to byte-compile.
    private const string Pip = "$(ls /usr/share/python-wheels/pip-*.whl)/pip";

    private const string FreezeScript =
        "import importlib.metadata as m\nfor l in sorted(d.metadata['Name'] + '==' + d.version for d in m.distributions()): print(l)\n";

    public static async Task<PythonLayerMeta> BuildAsync(IReadOnlyList<string> lowerTopFirst, string stageDir,
        IReadOnlyList<VerifiedEnvironment> environments, long sourceDateEpoch, Action<string>? progress,
        CancellationToken cancellationToken)
    {
        var freeze = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await using (var overlay = await OverlayMount.MountAsync(lowerTopFirst, Path.Combine(stageDir, "merged"),
                         Path.Combine(stageDir, "layer"), Path.Combine(stageDir, "work"), cancellationToken).ConfigureAwait(false))
        {
            var root = overlay.Merged;
            foreach (var env in environments)
            {
                progress?.Invoke($"python: installing {env.Wheels.Count} wheels into {env.InstallPath}");
                var wheelDir = Path.Combine(root, WheelRoot.TrimStart('/'), env.Name);
                Directory.CreateDirectory(wheelDir);
                foreach (var w in env.Wheels) CopyWithMode(w.SourcePath, Path.Combine(wheelDir, w.FileName));
                CopyWithMode(env.LockPath, Path.Combine(wheelDir, "requirements.txt"));
                var inImage = $"{WheelRoot}/{env.Name}";
                var script = string.Join("; ",
                    "set -e", "umask 022",
                    $"/usr/bin/python3 -m venv --without-pip {env.InstallPath}",
                    $"{env.InstallPath}/bin/python {Pip} install --require-hashes --no-deps --no-index --no-compile " +
                    $"--find-links {inImage} -r {inImage}/requirements.txt");
                await BaseChroot.RunAsync(root, sourceDateEpoch, ["/bin/sh", "-c", script], null, progress, cancellationToken).ConfigureAwait(false);
                freeze[env.Name] = await BaseChroot.RunAsync(root, sourceDateEpoch,
                    [$"{env.InstallPath}/bin/python", "-I", "-c", FreezeScript], null, null, cancellationToken).ConfigureAwait(false);
            }
            AtomicFile.DeleteTree(Path.Combine(root, WheelRoot.TrimStart('/')));
            AtomicFile.DeleteTree(Path.Combine(root, "root/.cache"));
            await TarTools.ClampMtimesAsync(root, sourceDateEpoch, cancellationToken).ConfigureAwait(false);
            foreach (var env in environments)
            {
                await BaseChroot.RunAsync(root, sourceDateEpoch,
                    [$"{env.InstallPath}/bin/python", "-m", "compileall", "-q", "-j", "1", "--invalidation-mode", "checked-hash",
                        $"{env.InstallPath}/lib"], null, progress, cancellationToken).ConfigureAwait(false);
            }
            await TarTools.ClampMtimesAsync(root, sourceDateEpoch, cancellationToken).ConfigureAwait(false);
        }
        AtomicFile.DeleteTree(Path.Combine(stageDir, "work"));
        Directory.Delete(Path.Combine(stageDir, "merged"));
        return new PythonLayerMeta(freeze);
    }

    internal static void CopyWithMode(string source, string destination)
    {
        File.Copy(source, destination, overwrite: true);
        File.SetUnixFileMode(destination, (UnixFileMode)Convert.ToInt32("644", 8));
    }

    internal static string Epoch(long sde) => sde.ToString(CultureInfo.InvariantCulture);
}

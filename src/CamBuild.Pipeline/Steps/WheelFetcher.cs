using CamBuild.PackageIndex.Wheels;
using CamBuild.Python.Index;
using CamBuild.Python.Locks;
using CamBuild.Targets;
using CamBuild.Targets.Output;

namespace CamBuild.Pipeline.Steps;

/// <summary>
/// Gathers every wheel a lock names into a directory, from a content-addressed cache filled from the index (each
/// download is checked against the index's sha256, and the file must be one the lock names). Each wheel is inspected
/// (<see cref="WheelInspector"/>) before it joins the set; a failure leaves no partial set behind.
/// </summary>
internal static class WheelFetcher
{
    public static async Task<string> FetchAsync(PipelinePaths paths, string environment, IPackageSource source, IBuildLog log, CancellationToken cancellationToken)
    {
        var lockPath = paths.RequirementsLock(environment);
        if (!File.Exists(lockPath))
            throw new BuildInputException($"{paths.Relative(lockPath)} not found: run ./build.sh Pin first.");
        var locked = RequirementsLockParser.Load(lockPath, paths.Relative(lockPath));

        var set = Path.Combine(paths.WheelSets, environment);
        if (Directory.Exists(set)) Directory.Delete(set, recursive: true);
        Directory.CreateDirectory(set);
        try
        {
            var done = 0;
            foreach (var package in locked)
            {
                var files = await source.GetFilesAsync(package.Name, cancellationToken).ConfigureAwait(false);
                var matching = files.Where(f => f.IsWheel && package.Sha256Hashes.Contains(f.Sha256)).ToList();
                if (matching.Count == 0)
                    throw new BuildInputException($"{paths.Relative(lockPath)}: {package.Name}=={package.Version} — the index {source.DisplayUrl} no longer serves a wheel with any of the locked hashes. Run ./build.sh Pin to lock what it serves now.");
                foreach (var file in matching)
                {
                    var cached = Path.Combine(paths.WheelCache, "by-sha256", file.Sha256, file.FileName);
                    // Verified on every read: a wheel of the machine cache whose content changed is fetched again.
                    if (File.Exists(cached) && !string.Equals((await Sha256.OfFileAsync(cached, cancellationToken).ConfigureAwait(false)).Hex, file.Sha256, StringComparison.OrdinalIgnoreCase))
                    {
                        log.Info($"machine cache: {cached} no longer has sha256 {file.Sha256}; fetching it again");
                        File.Delete(cached);
                    }
                    if (File.Exists(cached)) CamBuild.Common.Caching.MachineCache.Touch(Path.GetDirectoryName(cached)!);
                    else
                    {
                        Directory.CreateDirectory(Path.GetDirectoryName(cached)!);
                        await source.DownloadAsync(file, cached, cancellationToken).ConfigureAwait(false);
                    }

                    // Zip slip, symbolic links, a lying RECORD, a METADATA bomb: refused before the wheel reaches a candidate.
                    WheelInspector.Check(cached);
                    File.Copy(cached, Path.Combine(set, file.FileName), overwrite: true);
                }

                log.Progress(++done, locked.Count, $"{package.Name}=={package.Version}");
            }
        }
        catch
        {
            // No partial set: the next run starts from the cache again.
            Directory.Delete(set, recursive: true);
            throw;
        }

        return set;
    }
}

using CamBuild.Common;
using CamBuild.PackageIndex.Fixtures;

namespace CamBuild.PackageIndex.Tests.Infrastructure;

/// <summary>The whole fixture universe as wheels, written once per test run and shared read-only.</summary>
internal static class UniverseIndex
{
    public const string YankedWithReason = "broken release, use 6.1";

    /// <summary>tornado 6.4 yanked with a reason, katcp 0.9.1 yanked without one.</summary>
    public static readonly IReadOnlyList<FixtureYank> Yanks =
    [
        new("tornado", "6.4", YankedWithReason),
        new("katcp", "0.9.1", ""),
    ];

    private static readonly Lazy<(string Root, IReadOnlyList<FixtureWheel> Wheels)> Built = new(Build);

    public static string Root => Built.Value.Root;

    public static IReadOnlyList<FixtureWheel> Wheels => Built.Value.Wheels;

    public static FixtureUniverse Universe { get; } = FixtureUniverse.Load(TestPaths.Universe);

    /// <summary>A private, writable index with only some projects, for tests that change files.</summary>
    public static IReadOnlyList<FixtureWheel> WriteSubset(string root, params string[] projects) =>
        FixtureWheels.WriteIndex(Universe, root, new FixtureWheelOptions { Projects = projects, Yanks = Yanks.Where(y => projects.Contains(y.Project)).ToList() });

    /// <summary>
    /// Cached by content (universe file, yanks, library version) in one temp directory reused across runs, because
    /// testhost gives no reliable hook to delete it at exit; built in a scratch directory and renamed into place.
    /// </summary>
    private static (string, IReadOnlyList<FixtureWheel>) Build()
    {
        var key = string.Join('\n', [File.ReadAllText(TestPaths.Universe), .. Yanks.Select(y => y.ToString()),
            typeof(FixtureWheels).Assembly.ManifestModule.ModuleVersionId.ToString()]);
        var root = Path.Combine(Path.GetTempPath(), "cambuild-pkgindex-universe-" + Sha256.Of(System.Text.Encoding.UTF8.GetBytes(key)).Hex[..16]);
        var options = new FixtureWheelOptions { Yanks = Yanks };
        if (!Directory.Exists(root))
        {
            var scratch = root + "." + Guid.NewGuid().ToString("N") + ".tmp";
            FixtureWheels.WriteIndex(Universe, scratch, options);
            try
            {
                Directory.Move(scratch, root);
            }
            catch (IOException)
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
        // Rewriting is cheap and idempotent; it also yields the descriptors with paths inside the cached root.
        return (root, FixtureWheels.WriteIndex(Universe, root, options));
    }
}

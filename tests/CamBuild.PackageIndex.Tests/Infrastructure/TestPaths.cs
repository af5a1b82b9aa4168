namespace CamBuild.PackageIndex.Tests.Infrastructure;

internal static class TestPaths
{
    /// <summary>shared/fixtures/cam-universe.json: $CAMBUILD_SHARED_DIR, else a "shared" directory beside an ancestor of the test binaries.</summary>
    public static string Universe { get; } = FindUniverse();

    private static string FindUniverse() => RepositoryRoot.Shared("fixtures/cam-universe.json");
}

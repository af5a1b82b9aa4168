using CamBuild.Images.Baking;

namespace CamBuild.Images.Tests;

/// <summary>Bakes the sample system once (base from the shared test cache) for the bake tests.</summary>
public sealed class BakeFixture : IAsyncLifetime
{
    public string Work { get; } = Directory.CreateTempSubdirectory("cambuild-bake-a-").FullName;
    public string StoreRoot => Path.Combine(Work, "store");
    public SampleSystem Sample { get; private set; } = null!;
    public BakeResult Result { get; private set; } = null!;
    public BakeOptions Options => new(TestCache.Root, StoreRoot, Progress: TestCache.Log);

    public async Task InitializeAsync()
    {
        Sample = new SampleSystem(Path.Combine(Work, "sample"));
        var osLock = await TestCache.LockAsync();
        await TestCache.BaseAsync();
        Result = await CandidateBaker.BakeAsync(Sample.Spec(osLock), Options);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Work, recursive: true);
        return Task.CompletedTask;
    }
}

using System.Runtime.Versioning;

// Real mmdebstrap/tar/LXC work on a 2-core machine: run test classes one after another.
[assembly: SupportedOSPlatform("linux")]
[assembly: CollectionBehavior(DisableTestParallelization = true)]

namespace CamBuild.Images.Tests;

[CollectionDefinition("bake")]
public sealed class BakeCollection : ICollectionFixture<BakeFixture>;

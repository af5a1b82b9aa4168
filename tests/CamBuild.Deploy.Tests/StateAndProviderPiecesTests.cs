using System.Text.Json;
using CamBuild.Deploy.Deployment;
using CamBuild.Deploy.Local;
using CamBuild.Common;
using CamBuild.Deploy.Roles;
using CamBuild.Deploy.State;

namespace CamBuild.Deploy.Tests;

public sealed class StateAndProviderPiecesTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("cambuild-deploy-").FullName;

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Fact]
    public void State_record_round_trips_atomically_and_a_corrupt_one_names_the_fix()
    {
        var store = new EnvironmentStateStore(directory);
        var state = new EnvironmentState("lab", "lxc", "c1", "h", "s", [new NodeState("web1", "10.9.0.11/24", ["web"], "d", "f", "p")]);

        store.Save(state);

        Assert.Equal(JsonSerializer.Serialize(state), JsonSerializer.Serialize(store.Load("lab")));
        Assert.Equal(["lab.json"], Directory.EnumerateFiles(directory).Select(Path.GetFileName));
        File.WriteAllText(store.PathOf("lab"), "{");
        Assert.Contains("tear the environment down", Assert.Throws<InvalidOperationException>(() => store.Load("lab")).Message, StringComparison.Ordinal);
        Assert.Null(store.Load("other"));
    }

    [Fact]
    public void Lock_is_exclusive_until_released()
    {
        using (EnvironmentLock.Acquire(directory, "lab"))
        {
            var exception = Assert.Throws<EnvironmentLockedException>(() => EnvironmentLock.Acquire(directory, "lab"));
            Assert.Contains($"lock {Path.Combine(directory, "lab.lock")}", exception.Message, StringComparison.Ordinal);
            using var other = EnvironmentLock.Acquire(directory, "other");
        }
        using var again = EnvironmentLock.Acquire(directory, "lab");
    }

    [Fact]
    public void Container_config_carries_overlay_network_and_markers()
    {
        var spec = LxcTestEnvironment.Spec("lab", "10.9.0", ("web1", 11, ["web"]));

        var config = LxcContainerConfig.Render(spec, spec.Nodes[0], "c1", "d1", "/t/rootfs", "/e/web1/upper", "/bin/sleep infinity",
            "lxc.cgroup2.memory.max");

        Assert.Contains("lxc.rootfs.path = overlay:/t/rootfs:/e/web1/upper\n", config, StringComparison.Ordinal);
        Assert.Contains("lxc.net.0.link = cb-lab\n", config, StringComparison.Ordinal);
        Assert.Contains("lxc.net.0.ipv4.address = 10.9.0.11/24\n", config, StringComparison.Ordinal);
        Assert.Contains("lxc.net.0.ipv4.gateway = 10.9.0.1\n", config, StringComparison.Ordinal);
        Assert.Contains("lxc.cgroup2.memory.max = 256M\n", config, StringComparison.Ordinal);
        var markers = LxcContainerConfig.ReadMarkers(config);
        Assert.Equal(("lab", "c1", "d1"), (markers["environment"], markers["candidate"], markers["digest"]));
        Assert.Empty(LxcContainerConfig.ReadMarkers("lxc.uts.name = someone-elses\n"));
    }

    [Trait("Category", "integration")]
    [Fact]
    public async Task Site_json_is_accepted_by_the_sample_systems_own_katconf()
    {
        var spec = Config.EnvironmentConfigLoader.Load(Path.Combine(TestCatalog.RepositoryRoot, "config", "environments", "cam.yaml"),
            TestCatalog.SampleRoles());
        var site = Path.Combine(directory, "site.json");
        await File.WriteAllTextAsync(site, SiteFiles.SiteJson(spec));
        var packages = Path.Combine(TestCatalog.RepositoryRoot, "samples", "packages");

        var result = await ProcessRunner.RunAsync("env", [$"PYTHONPATH={packages}/katconf/src:{packages}/katcore/src", "/usr/bin/python3", "-c",
            "import sys; from katconf.site import Site; s = Site.load(sys.argv[1]); print(s.name, len(s.placements))", site],
            TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("cam 15", result.StandardOutput.Trim());
        Assert.Equal(1, JsonDocument.Parse(SiteFiles.SiteJson(spec)).RootElement.GetProperty("format").GetInt32());
    }

    [Theory]
    [InlineData("""{"roles": {"a": {"command": ["x"], "health": ["y"], "colour": 1}}}""", "role 'a': unknown key 'colour'")]
    [InlineData("""{"roles": {"a": {"command": "x", "health": ["y"]}}}""", "role 'a': \"command\" must be a non-empty list of strings")]
    [InlineData("""{"roles": {"a": {"command": ["x"], "health": ["y"], "requires": ["b"]}}}""", "role 'a' requires 'b', which is not defined")]
    [InlineData("""{"format": 2, "roles": {}}""", "unsupported \"format\" 2")]
    [InlineData("""{"roles": {"a": {"command": ["x"], "health": ["y"], "port": 70000}}}""", "\"port\" must be an integer between 1 and 65535")]
    [InlineData("[1", "roles.json:1:")]
    [InlineData("""{"roles": {"a": {"command": ["x"], "health": ["y"], "verify": "z"}}}""", "role 'a': \"verify\" must be a list of strings")]
    public void Role_catalogue_errors_name_the_file_and_the_problem(string json, string expected)
    {
        var exception = Assert.Throws<RoleCatalogException>(() => RoleCatalog.Parse(json, "roles.json"));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.StartsWith("roles.json", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sample_role_catalogue_loads_and_placeholders_expand()
    {
        var catalog = TestCatalog.SampleRoles();
        var spec = LxcTestEnvironment.Spec("lab", "10.9.0", ("proxy", 20, ["proxy:p2"]));

        var command = RoleCommands.Expand(catalog["proxy"].Command, spec, spec.Nodes[0], RoleReference.Parse("proxy:p2"), catalog);

        Assert.Equal(["katproxy", "--site", "/etc/cam/site.json", "--instance", "p2"], command);
        // Only the proxy has a deeper check than its health (the forwarding check Deliver runs).
        Assert.Equal(["katcli", "--site", "/etc/cam/site.json", "ping", "proxy:p2", "--forwarding"],
            RoleCommands.Expand(catalog["proxy"].Verify, spec, spec.Nodes[0], RoleReference.Parse("proxy:p2"), catalog));
        Assert.Equal(["proxy"], catalog.Roles.Values.Where(role => role.Verify.Count > 0).Select(role => role.Name));
        Assert.Equal(["web1"], RoleCommands.Expand(["{role:web}"], LxcTestEnvironment.Spec("lab", "10.9.0", ("web1", 11, ["web:x"])),
            spec.Nodes[0], RoleReference.Parse("web"), TestCatalog.Load()));
    }
}

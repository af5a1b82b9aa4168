using CamBuild.Deploy.Proxmox.Formats;
using CamBuild.Deploy.Proxmox.Tests.Simulator;

namespace CamBuild.Deploy.Proxmox.Tests;

public sealed class ProviderLifecycleTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cambuild-pve-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Deploy_redeploy_replace_and_teardown()
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        var log = new List<string>();
        using var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions(log));
        var env = TestEnvironment.Environment(sim, 3);
        var candidate = TestEnvironment.Candidate(_dir);
        var ct = CancellationToken.None;

        // Deploy: template to every member (storage 'local' is not shared), three containers, spread over pve1..3.
        await provider.PrepareAsync(env, candidate, ct);
        foreach (var member in new[] { "pve1", "pve2", "pve3" })
            Assert.True(sim.Cluster.HasFile(member, "local", "local:vztmpl/" + Provider.TemplateStore.UploadName(candidate)));
        await Task.WhenAll(env.Nodes.Select(n => provider.CreateNodeAsync(env, n, candidate, "digest-" + n.Hostname, ct)));
        var containers = sim.Cluster.Containers();
        Assert.Equal(3, containers.Count);
        Assert.Equal(["pve1", "pve2", "pve3"], containers.OrderBy(c => c.Config["hostname"]).Select(c => c.Member));
        var first = containers.Single(c => c.Config["hostname"] == "cam-node01");
        Assert.Equal("running", first.Status);
        Assert.Equal("1", first.Config["unprivileged"]);
        Assert.Equal("cambuild;cambuild-env-lab", first.Config["tags"]);
        Assert.StartsWith("name=eth0,bridge=vmbr0,ip=10.80.0.11/24,gw=10.80.0.1,", first.Config["net0"], StringComparison.Ordinal);
        Assert.Equal($"local-lvm:vm-{first.Vmid}-disk-0,size=8G", first.Config["rootfs"]);
        var creates = sim.Requests.Where(r => r.Method == "POST" && r.Template == "/nodes/{node}/lxc").ToList();
        Assert.All(creates, r => Assert.Equal("1", r.Parameters["unprivileged"]));

        var observed = await provider.ListNodesAsync(env, ct);
        Assert.Equal(["cam-node01", "cam-node02", "cam-node03"], observed.Select(o => o.Hostname).Order());
        Assert.All(observed, o => Assert.True(o.Running && o.CandidateId == candidate.Id && o.NodeDigest == "digest-" + o.Hostname));

        // Redeploy with nothing changed: no upload, no create, no change of any container.
        sim.ResetCounters();
        await provider.PrepareAsync(env, candidate, ct);
        await provider.CreateNodeAsync(env, env.Nodes[0], candidate, "digest-cam-node01", ct);
        Assert.DoesNotContain(sim.Requests, r => r.Method != "GET");
        Assert.Equal(3, sim.Cluster.Containers().Count);

        // Replace one node (new digest): destroy then create; the others keep their VMIDs.
        var before = sim.Cluster.Containers().Where(c => c.Config["hostname"] != "cam-node02").Select(c => c.Vmid).ToList();
        await provider.DestroyNodeAsync(env, "cam-node02", ct);
        await provider.CreateNodeAsync(env, env.Nodes[1], candidate, "digest-new", ct);
        var replaced = await provider.ListNodesAsync(env, ct);
        Assert.Equal("digest-new", replaced.Single(o => o.Hostname == "cam-node02").NodeDigest);
        Assert.Equal(before, sim.Cluster.Containers().Where(c => c.Config["hostname"] != "cam-node02").Select(c => c.Vmid));

        // Creating a node that exists with another digest is refused instead of duplicated.
        var conflict = await Assert.ThrowsAsync<Provider.ProxmoxNodeException>(() => provider.CreateNodeAsync(env, env.Nodes[0], candidate, "other", ct));
        Assert.Contains("already exists", conflict.Message, StringComparison.Ordinal);

        // Teardown removes everything of this environment and only that.
        sim.Cluster.AddForeignContainer(900, "pve1", "someone-elses");
        await provider.TeardownAsync(env, ct);
        Assert.Equal([900], sim.Cluster.Containers().Select(c => c.Vmid));
        Assert.Empty(await provider.ListNodesAsync(env, ct));
        await provider.DestroyNodeAsync(env, "cam-node01", ct); // absent: no-op
        Assert.All(log, line => Assert.DoesNotContain(ProxmoxSimulator.TokenSecret, line, StringComparison.Ordinal));
        sim.AssertClean();
    }

    [Fact]
    public async Task Explicit_placement_least_loaded_and_ticket_auth()
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        var settings = TestEnvironment.Settings(sim, ("auth", "ticket"), ("username", ProxmoxSimulator.UserName), ("placement", "least-loaded"),
            ("members", "pve2,pve3"), ("remove_template_on_teardown", "true"));
        settings.Remove("token_id");
        var env = TestEnvironment.Environment(sim, 4, settings: settings, placement: i => i == 1 ? "pve3" : null);
        using var provider = new ProxmoxNodeProvider(ProxmoxSimulator.Password, TestEnvironment.FastOptions());
        var candidate = TestEnvironment.Candidate(_dir);
        await provider.PrepareAsync(env, candidate, CancellationToken.None);
        Assert.False(sim.Cluster.HasFile("pve1", "local", "local:vztmpl/" + Provider.TemplateStore.UploadName(candidate)));
        foreach (var node in env.Nodes) await provider.CreateNodeAsync(env, node, candidate, "d", CancellationToken.None);
        var byMember = sim.Cluster.Containers().GroupBy(c => c.Member).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(new Dictionary<string, int> { ["pve2"] = 2, ["pve3"] = 2 }, byMember);
        Assert.Equal("pve3", sim.Cluster.Containers().Single(c => c.Config["hostname"] == "cam-node01").Member);
        Assert.True(sim.Auth.Logins >= 1);
        await provider.TeardownAsync(env, CancellationToken.None);
        Assert.Empty(sim.Cluster.Containers());
        Assert.False(sim.Cluster.HasFile("pve2", "local", "local:vztmpl/" + Provider.TemplateStore.UploadName(candidate)));
        sim.AssertClean();
    }

    [Fact]
    public async Task Shared_template_storage_gets_one_upload_and_a_changed_candidate_file_is_refused()
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        sim.Cluster.AddStorage(new SimStorage("nfs-templates", ["vztmpl"], Shared: true));
        var env = TestEnvironment.Environment(sim, 1, settings: TestEnvironment.Settings(sim, ("template_storage", "nfs-templates")));
        using var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions());
        var candidate = TestEnvironment.Candidate(_dir);
        await provider.PrepareAsync(env, candidate, CancellationToken.None);
        Assert.Single(sim.Requests, r => r.Template.EndsWith("/upload", StringComparison.Ordinal));
        var tampered = candidate with { TemplateSha256 = new string('0', 64) };
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => provider.PrepareAsync(env, tampered, CancellationToken.None));
        Assert.Contains("bake the candidate again", error.Message, StringComparison.Ordinal);
        sim.AssertClean();
    }

    [Fact]
    public void Description_marks_the_creation_attempt() =>
        Assert.Contains("cambuild-creation: x", new NodeDescription("e", "h", "c", "d", "x").Render(), StringComparison.Ordinal);
}

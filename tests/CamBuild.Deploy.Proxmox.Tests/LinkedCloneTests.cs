using CamBuild.Common;
using CamBuild.Deploy.Model;
using CamBuild.Deploy.Proxmox.Provider;
using CamBuild.Deploy.Proxmox.Tests.Simulator;

namespace CamBuild.Deploy.Proxmox.Tests;

/// <summary>
/// Linked clones on the schema-checked simulator: one CT template per member and candidate (found again, never
/// duplicated, finished when a run left it unconverted), each node a linked clone of it with its own network, cores,
/// memory and disk; full create where the storage cannot clone; templates removed by Teardown only when asked.
/// </summary>
public sealed class LinkedCloneTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("cambuild-pve-").FullName;
    private static readonly CancellationToken Ct = CancellationToken.None;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static EnvironmentSpec Env(ProxmoxSimulator sim, int nodes, params (string, string)[] settings) =>
        TestEnvironment.Environment(sim, nodes, settings: TestEnvironment.Settings(sim, [("clone", "auto"), .. settings]));

    private static async Task DeployAsync(ProxmoxNodeProvider provider, EnvironmentSpec env, CandidateRef candidate)
    {
        await provider.PrepareAsync(env, candidate, Ct);
        await Task.WhenAll(env.Nodes.Select(n => provider.CreateNodeAsync(env, n, candidate, "digest-" + n.Hostname, Ct)));
    }

    private static List<SimContainer> Nodes(ProxmoxSimulator sim) => sim.Cluster.Containers().Where(c => !c.IsTemplate).ToList();

    [Fact]
    public async Task Each_node_is_a_linked_clone_of_one_template_per_member_and_a_second_run_makes_no_other()
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        var log = new List<string>();
        var env = Env(sim, 6);
        var candidate = TestEnvironment.Candidate(_dir);
        using (var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions(log)))
            await DeployAsync(provider, env, candidate);

        var templates = sim.Cluster.Templates();
        Assert.Equal(["pve1", "pve2", "pve3"], templates.Select(t => t.Member).Order());
        Assert.All(templates, t =>
        {
            Assert.Equal($"local-lvm:base-{t.Vmid}-disk-0,size=8G", t.Config["rootfs"]);
            Assert.Equal("stopped", t.Status);
            Assert.False(t.Config.ContainsKey("net0"));
            Assert.Contains("cambuild-slot: template", t.Config["description"], StringComparison.Ordinal);
        });
        var nodes = Nodes(sim);
        Assert.Equal(6, nodes.Count);
        foreach (var node in nodes)
        {
            var template = templates.Single(t => t.Member == node.Member);
            Assert.Equal(template.Vmid, node.LinkedFrom);
            Assert.Equal("running", node.Status);
            Assert.Equal($"local-lvm:base-{template.Vmid}-disk-0/vm-{node.Vmid}-disk-0,size=8G", node.Config["rootfs"]);
            var i = int.Parse(node.Config["hostname"][^2..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.StartsWith($"name=eth0,bridge=vmbr0,ip=10.80.0.{10 + i}/24,gw=10.80.0.1", node.Config["net0"], StringComparison.Ordinal);
            Assert.Equal(("2", "1024", "0", "cambuild;cambuild-env-lab"), (node.Config["cores"], node.Config["memory"], node.Config["swap"], node.Config["tags"]));
        }
        // Three creates from the file (the templates), six clones, all full=0.
        Assert.Equal(3, sim.Requests.Count(r => r.Method == "POST" && r.Template == "/nodes/{node}/lxc"));
        var clones = sim.Requests.Where(r => r.Template == "/nodes/{node}/lxc/{vmid}/clone").ToList();
        Assert.Equal(6, clones.Count);
        Assert.All(clones, r => Assert.Equal("0", r.Parameters["full"]));
        lock (log) Assert.Equal(3, log.Count(l => l.Contains("CT template", StringComparison.Ordinal) && l.Contains("made for candidate", StringComparison.Ordinal)));

        // A second process adds nodes: the templates are found again by their description, none is made again.
        var bigger = Env(sim, 9);
        sim.ResetCounters();
        using (var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions()))
        {
            Assert.Equal(6, (await provider.ListNodesAsync(bigger, Ct)).Count);
            await DeployAsync(provider, bigger, candidate);
        }
        Assert.Equal(templates.Select(t => t.Vmid), sim.Cluster.Templates().Select(t => t.Vmid));
        Assert.DoesNotContain(sim.Requests, r => r.Method == "POST" && r.Template is "/nodes/{node}/lxc" or "/nodes/{node}/lxc/{vmid}/template");
        Assert.Equal(9, Nodes(sim).Count);
        Assert.All(Nodes(sim), n => Assert.NotNull(n.LinkedFrom));
        sim.AssertClean();
    }

    [Fact]
    public async Task A_node_with_a_bigger_disk_is_resized_after_its_clone()
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        var env = Env(sim, 2);
        env = env with { Nodes = [env.Nodes[0], env.Nodes[1] with { DiskGiB = 20 }] };
        using var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions());
        await DeployAsync(provider, env, TestEnvironment.Candidate(_dir));
        var big = Nodes(sim).Single(n => n.Config["hostname"] == "cam-node02");
        Assert.EndsWith($"/vm-{big.Vmid}-disk-0,size=20G", big.Config["rootfs"], StringComparison.Ordinal);
        Assert.EndsWith(",size=8G", Nodes(sim).Single(n => n.Config["hostname"] == "cam-node01").Config["rootfs"], StringComparison.Ordinal);
        Assert.Single(sim.Requests, r => r.Template == "/nodes/{node}/lxc/{vmid}/resize");
        sim.AssertClean();
    }

    [Fact]
    public async Task Storage_without_linked_clones_gets_full_creates_with_auto_and_is_refused_with_linked()
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        sim.Cluster.AddStorage(new SimStorage("ct-dir", ["rootdir", "images"], Shared: false, Type: "dir"));
        var candidate = TestEnvironment.Candidate(_dir);
        using (var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions()))
            await DeployAsync(provider, Env(sim, 2, ("storage", "ct-dir")), candidate);
        Assert.Empty(sim.Cluster.Templates());
        Assert.Equal(2, Nodes(sim).Count);
        Assert.DoesNotContain(sim.Requests, r => r.Template == "/nodes/{node}/lxc/{vmid}/clone");

        using var strict = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions());
        var linked = TestEnvironment.Environment(sim, 2, name: "lab2", settings: TestEnvironment.Settings(sim, ("clone", "linked"), ("storage", "ct-dir")));
        sim.ResetCounters();
        var error = await Assert.ThrowsAsync<ProxmoxConfigurationException>(() => strict.PrepareAsync(linked, candidate, Ct));
        Assert.Contains("provider setting 'clone' is 'linked', but storage 'ct-dir' is of type 'dir'", error.Message, StringComparison.Ordinal);
        Assert.Contains("lvmthin, zfspool, rbd, btrfs", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(sim.Requests, r => r.Method != "GET");
        sim.AssertClean();
    }

    [Fact]
    public async Task Linked_clone_refused_by_proxmox_falls_back_to_full_create_with_auto()
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        sim.Cluster.AddStorage(new SimStorage("thin-odd", ["rootdir"], Shared: false, Type: "lvmthin") { RefusesLinkedClones = true });
        var log = new List<string>();
        using var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions(log));
        await DeployAsync(provider, Env(sim, 3, ("storage", "thin-odd")), TestEnvironment.Candidate(_dir));
        var nodes = Nodes(sim);
        Assert.Equal(3, nodes.Count);
        Assert.All(nodes, n => Assert.Null(n.LinkedFrom));
        Assert.All(nodes, n => Assert.Equal("running", n.Status));
        lock (log) Assert.Single(log, l => l.Contains("linked clones are not available (", StringComparison.Ordinal) && l.Contains("Linked clone feature for", StringComparison.Ordinal));
        sim.AssertClean();
    }

    [Fact]
    public async Task Template_left_unconverted_by_a_killed_run_is_converted_and_a_lost_clone_answer_adopted()
    {
        await using var sim = await ProxmoxSimulator.StartAsync("pve1");
        var env = Env(sim, 2, ("clone", "linked"));
        var candidate = TestEnvironment.Candidate(_dir);
        // The first run never gets its conversion through (as if killed after the template CT was created).
        sim.Cluster.Faults.DropRequests("POST", "/template$", 100);
        using (var first = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions()))
            await Assert.ThrowsAnyAsync<Exception>(() => DeployAsync(first, env, candidate));
        var left = Assert.Single(sim.Cluster.Containers());
        Assert.False(left.IsTemplate);
        Assert.Contains("cambuild-slot: template", left.Config["description"], StringComparison.Ordinal);

        sim.Cluster.Faults.Clear();
        // The clone happens but its answer is lost; the retry meets the source locked, then the new id taken.
        sim.Cluster.Faults.DropRequests("POST", "/clone$", 1, afterHandling: true);
        var log = new List<string>();
        using (var second = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions(log)))
        {
            await second.ListNodesAsync(env, Ct);
            await DeployAsync(second, env, candidate);
        }
        var template = Assert.Single(sim.Cluster.Templates());
        Assert.Equal(left.Vmid, template.Vmid);
        var nodes = Nodes(sim);
        Assert.Equal(["cam-node01", "cam-node02"], nodes.Select(n => n.Config["hostname"]).Order());
        Assert.All(nodes, n => Assert.Equal(template.Vmid, n.LinkedFrom));
        lock (log)
        {
            Assert.Contains(log, l => l.Contains("left unconverted by an earlier run", StringComparison.Ordinal));
            Assert.Contains(log, l => l.Contains("cloned by an earlier attempt whose answer was lost; adopting it", StringComparison.Ordinal));
        }
        sim.AssertClean();
    }

    [Fact]
    public async Task Teardown_removes_the_templates_only_when_asked_and_a_kept_template_is_reused()
    {
        await using var sim = await ProxmoxSimulator.StartAsync();
        var candidate = TestEnvironment.Candidate(_dir);
        var keep = Env(sim, 3);
        using (var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions()))
        {
            await DeployAsync(provider, keep, candidate);
            await provider.TeardownAsync(keep, Ct);
        }
        Assert.Empty(Nodes(sim));
        var kept = sim.Cluster.Templates().Select(t => t.Vmid).ToList();
        Assert.Equal(3, kept.Count);

        var remove = Env(sim, 3, ("remove_template_on_teardown", "true"));
        using (var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions()))
            await DeployAsync(provider, remove, candidate);
        Assert.Equal(kept, sim.Cluster.Templates().Select(t => t.Vmid));
        var log = new List<string>();
        // Teardown in another process: it finds the templates by their description and removes them after their clones.
        using (var provider = new ProxmoxNodeProvider(ProxmoxSimulator.TokenSecret, TestEnvironment.FastOptions(log)))
            await provider.TeardownAsync(remove, Ct);
        Assert.Empty(sim.Cluster.Containers());
        Assert.All(new[] { "pve1", "pve2", "pve3" }, m => Assert.Empty(sim.Cluster.Files(m, "local")));
        lock (log) Assert.Equal(3, log.Count(l => l.StartsWith("removed CT template", StringComparison.Ordinal)));
        sim.AssertClean();
    }
}

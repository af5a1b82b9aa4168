using CamBuild.Deploy.Model;
using CamBuild.Pipeline.Steps;

namespace CamBuild.Pipeline.Tests.Steps;

public sealed class QualifyStepFreshTests
{
    private static EnvironmentSpec ShippedLocal()
    {
        var paths = PipelinePaths.For(RepositoryRoot.Path, "artifacts");
        return Environments.Load(paths, "local", Environments.Roles(paths));
    }

    private static EnvironmentSpec HandBuilt(string provider = "lxc", string subnet = "10.80.0.0/24", string gateway = "10.80.0.1/24") =>
        new("lab-west", provider, new NetworkSpec("cb-lab-west", subnet, gateway),
            [
                new NodeSpec("m000", ["antenna:m000"], "10.80.0.11/24", 1, 512, 4, null),
                new NodeSpec("portal", ["portal", "monitor"], "10.80.0.30/24", 2, 1024, 8, "pve2"),
            ],
            new Dictionary<string, string>()) { RoleSettingsJson = """{"portal": {"proxies": ["proxy:p1"]}}""" };

    [Fact]
    public void Every_fresh_copy_has_a_unique_name_and_bridge()
    {
        var configured = ShippedLocal();

        var copies = Enumerable.Range(0, 20).Select(_ => QualifyStep.Fresh(configured)).ToList();

        Assert.Equal(copies.Count, copies.Select(c => c.Name).Distinct().Count());
        Assert.Equal(copies.Count, copies.Select(c => c.Network.Bridge).Distinct().Count());
        Assert.All(copies, c => Assert.Matches("^q-local-[0-9a-f]{8}$", c.Name));
        Assert.All(copies, c => Assert.NotEqual(configured.Network.Bridge, c.Network.Bridge));
    }

    [Fact]
    public void The_bridge_name_fits_the_kernel_limit_of_15_characters_whatever_the_environment_name()
    {
        var longName = HandBuilt() with { Name = "a-very-long-environment-name-for-the-lab" };

        foreach (var fresh in new[] { QualifyStep.Fresh(ShippedLocal()), QualifyStep.Fresh(longName) })
            Assert.InRange(fresh.Network.Bridge.Length, 1, 15);
    }

    [Fact]
    public void A_slash_24_subnet_moves_as_a_whole_keeping_hosts_and_roles()
    {
        var configured = ShippedLocal();

        var fresh = QualifyStep.Fresh(configured);

        var third = ThirdOctet(fresh.Network.Subnet);
        Assert.NotEqual(ThirdOctet(configured.Network.Subnet), third);
        Assert.Equal($"10.80.{third}.0/24", fresh.Network.Subnet);
        Assert.Equal($"10.80.{third}.1", fresh.Network.Gateway);
        Assert.Equal(configured.Nodes.Count, fresh.Nodes.Count);
        foreach (var (before, after) in configured.Nodes.Zip(fresh.Nodes))
        {
            Assert.Equal(before.Hostname, after.Hostname);
            Assert.Equal(before.Roles, after.Roles);
            Assert.Equal(ThirdOctet(fresh.Network.Subnet), ThirdOctet(after.Address));
            Assert.Equal(before.Address.Split('.')[3], after.Address.Split('.')[3]);
            Assert.Equal(before with { Address = after.Address }, after);
        }

        Assert.Equal(configured.RoleSettingsJson, fresh.RoleSettingsJson);
        Assert.Equal(configured.Provider, fresh.Provider);
    }

    [Fact]
    public void The_fresh_subnet_is_not_one_this_host_already_routes()
    {
        var routed = File.Exists("/proc/net/fib_trie") ? File.ReadAllText("/proc/net/fib_trie") : "";

        for (var i = 0; i < 10; i++)
        {
            var subnet = QualifyStep.Fresh(ShippedLocal()).Network.Subnet;
            Assert.DoesNotContain(subnet[..subnet.LastIndexOf('.')] + ".", routed, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Prefix_lengths_on_addresses_are_kept()
    {
        var fresh = QualifyStep.Fresh(HandBuilt(), "0badc0de");

        var third = ThirdOctet(fresh.Network.Subnet);
        Assert.Equal($"10.80.{third}.1/24", fresh.Network.Gateway);
        Assert.Equal([$"10.80.{third}.11/24", $"10.80.{third}.30/24"], fresh.Nodes.Select(n => n.Address));
        Assert.Equal("pve2", fresh.Nodes[1].Placement);
    }

    [Theory]
    [InlineData("lxc", "10.80.0.0/16", "10.80.0.1/16")]
    [InlineData("proxmox", "10.80.0.0/24", "10.80.0.1/24")]
    public void Other_subnets_and_providers_keep_their_addresses(string provider, string subnet, string gateway)
    {
        var configured = HandBuilt(provider, subnet, gateway);

        var fresh = QualifyStep.Fresh(configured, "0badc0de");

        Assert.Equal(configured.Network with { Bridge = "cbq0badc0de" }, fresh.Network);
        Assert.Equal(configured.Nodes, fresh.Nodes);
        Assert.Equal("q-lab-west-0badc0de", fresh.Name);
    }

    [Fact]
    public void A_fresh_name_parses_back_to_the_configured_environment_and_suffix()
    {
        var fresh = QualifyStep.Fresh(HandBuilt(), "12ab34cd");

        Assert.Equal(("lab-west", "12ab34cd"), QualifyStep.ParseFreshName(fresh.Name));
        Assert.Equal(fresh.Network.Bridge, QualifyStep.Fresh(HandBuilt(), "12ab34cd").Network.Bridge);
        Assert.Null(QualifyStep.ParseFreshName("local"));
        Assert.Null(QualifyStep.ParseFreshName("q-"));
    }

    private static int ThirdOctet(string address) => int.Parse(address.Split('/')[0].Split('.')[2], System.Globalization.CultureInfo.InvariantCulture);
}

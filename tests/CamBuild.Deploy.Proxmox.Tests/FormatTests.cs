using CamBuild.Common;
using CamBuild.Deploy.Proxmox.Api;
using CamBuild.Deploy.Proxmox.Formats;

namespace CamBuild.Deploy.Proxmox.Tests;

public sealed class FormatTests
{
    [Fact]
    public void Network_interface_uses_proxmox_property_string() =>
        Assert.Equal("name=eth0,bridge=vmbr0,ip=10.80.0.11/24,gw=10.80.0.1",
            ContainerFormats.NetworkInterface("eth0", "vmbr0", "10.80.0.11/24", "10.80.0.1"));

    [Theory]
    [InlineData("10.80.0.11")]
    [InlineData("10.80.0.300/24")]
    [InlineData("10.80.0.11/33")]
    [InlineData("fe80::1/64")]
    public void Network_interface_rejects_bad_addresses(string address) =>
        Assert.Throws<InputException>(() => ContainerFormats.NetworkInterface("eth0", "vmbr0", address, null));

    [Fact]
    public void Rootfs_and_tags_use_create_syntax()
    {
        Assert.Equal("local-lvm:8", ContainerFormats.RootFs("local-lvm", 8));
        Assert.Equal("cambuild;cambuild-env-lab", ContainerFormats.Tags(["cambuild-env-lab", "CamBuild", "cambuild"]));
        Assert.Throws<InputException>(() => ContainerFormats.Tags(["bad tag!"]));
        Assert.Equal(["a", "b", "c"], ContainerFormats.ParseTags("a;b,c b").Order());
    }

    [Theory]
    [InlineData("plain-arg_1.0", "plain-arg_1.0")]
    [InlineData("two words", "'two words'")]
    [InlineData("it's", "'it'\"'\"'s'")]
    [InlineData("$(reboot)", "'$(reboot)'")]
    [InlineData("", "''")]
    public void Shell_quoting_is_posix_safe(string argument, string expected) => Assert.Equal(expected, ShellQuoting.Quote(argument));

    [Fact]
    public void Upid_parses_proxmox_task_ids()
    {
        var upid = Upid.Parse("UPID:pve1:000D7AA2:08D5A17C:63DF62A5:vzcreate:105:root@pam!deploy:");
        Assert.Equal(("pve1", 0xD7AA2, "vzcreate", "105", "root@pam!deploy"), (upid.Node, upid.Pid, upid.Type, upid.Id, upid.User));
        Assert.False(Upid.TryParse("UPID:pve1:zz:08D5A17C:63DF62A5:vzcreate:105:root@pam:", out _));
        Assert.False(Upid.TryParse("UPID:pve1:000D7AA2:08D5A17C:63DF62A5:vzcreate:105:root@pam", out _));
    }

    [Theory]
    [InlineData("OK", true)]
    [InlineData("WARNINGS: 3", true)]
    [InlineData("WARNINGS: x", false)]
    [InlineData("unable to create CT 105 - tar failed", false)]
    [InlineData("unexpected status", false)]
    public void Task_success_follows_proxmox_rule(string exit, bool ok) => Assert.Equal(ok, new ProxmoxTaskStatus("u", "stopped", exit).Succeeded);

    [Fact]
    public void Node_description_round_trips_and_ignores_foreign_text()
    {
        var description = new NodeDescription("lab", "cam-node01", "cand", "digest", "c1");
        Assert.Equal(description, NodeDescription.Parse(description.Render()));
        Assert.Null(NodeDescription.Parse("my own notes"));
        Assert.Null(NodeDescription.Parse(null));
    }
}

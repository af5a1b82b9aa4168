using CamBuild.Images.Store;
using CamBuild.Images.Tools;

namespace CamBuild.Images.Tests;

[Trait("Category", "integration")]
[Collection("bake")]
public class LxcStartTests(BakeFixture fixture)
{
    [Fact]
    public async Task TemplateStartsAsLxcContainerAndItsPythonImportsWork()
    {
        var candidate = await new CandidateStore(fixture.StoreRoot).OpenAsync(fixture.Result.Id);
        var lxcPath = Directory.CreateTempSubdirectory("cambuild-lxc-").FullName;
        var name = $"cbimg-{Guid.NewGuid():N}"[..16];
        var rootfs = Directory.CreateDirectory(Path.Combine(lxcPath, name, "rootfs")).FullName;
        try
        {
            // The way pct extracts a template (numeric owners, xattrs, no ./dev content).
            await ToolRunner.RunAsync("tar", ["--zstd", "-xpf", candidate.TemplatePath, "--numeric-owner", "--xattrs",
                "--xattrs-include=user.*", "--xattrs-include=security.capability", "-C", rootfs, "--anchored", "--exclude", "./dev/*"]);
            await File.WriteAllTextAsync(Path.Combine(lxcPath, name, "config"), string.Join('\n',
                "lxc.include = /usr/share/lxc/config/common.conf",
                $"lxc.uts.name = {name}",
                $"lxc.rootfs.path = dir:{rootfs}",
                "lxc.init.cmd = /bin/sleep infinity",
                "lxc.net.0.type = empty",
                "lxc.apparmor.profile = unconfined",
                "lxc.autodev = 1",
                "lxc.tty.max = 0", "") );
            await ToolRunner.RunAsync("lxc-start", ["-P", lxcPath, "-n", name, "-d"]);
            await ToolRunner.RunAsync("lxc-wait", ["-P", lxcPath, "-n", name, "-s", "RUNNING", "-t", "30"]);
            var output = await ToolRunner.RunAsync("lxc-attach", ["-P", lxcPath, "-n", name, "--clear-env", "--",
                "/opt/cam/venv/bin/python", "-c", "import sys, camimgbeta; print(sys.version.split()[0], camimgbeta.main())"]);
            Assert.Equal("3.11.2 hello from camimgalpha via camimgbeta 0.1.0", output.Trim());
            var osRelease = await ToolRunner.RunAsync("lxc-attach", ["-P", lxcPath, "-n", name, "--", "cat", "/etc/os-release"]);
            Assert.Contains("ID=debian", osRelease, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(rootfs, "sbin/init")) || new FileInfo(Path.Combine(rootfs, "sbin/init")).LinkTarget is not null);
            Assert.True(File.Exists(Path.Combine(rootfs, "sbin/ifup")));
        }
        finally
        {
            await ToolRunner.RunUncheckedAsync("lxc-stop", ["-P", lxcPath, "-n", name, "-k"]);
            await ToolRunner.RunUncheckedAsync("lxc-destroy", ["-P", lxcPath, "-n", name, "-f"]);
            await ToolRunner.RunUncheckedAsync("rm", ["-rf", "--one-file-system", lxcPath]);
        }
    }
}

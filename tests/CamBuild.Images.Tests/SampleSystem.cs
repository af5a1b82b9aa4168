using CamBuild.Images.Baking;
using CamBuild.Images.Config;
using CamBuild.Images.Python;

namespace CamBuild.Images.Tests;

/// <summary>A tiny CAM-like system: two wheels in one environment, site config, a role catalogue and a unit.</summary>
public sealed class SampleSystem
{
    public SampleSystem(string dir, string betaVersion = "0.1.0")
    {
        Dir = Directory.CreateDirectory(dir).FullName;
        var wheels = Directory.CreateDirectory(Path.Combine(Dir, "wheels")).FullName;
        var alpha = TestWheels.Build(wheels, "camimgalpha", "1.0.0", "def greet():\n    return 'hello from camimgalpha'\n");
        var beta = TestWheels.Build(wheels, "camimgbeta", betaVersion,
            $"import camimgalpha\nVERSION = '{betaVersion}'\ndef main():\n    return camimgalpha.greet() + ' via camimgbeta ' + VERSION\n");
        Lock = Path.Combine(Dir, "requirements.txt");
        TestWheels.WriteLock(Lock, alpha, beta);
        var config = Directory.CreateDirectory(Path.Combine(Dir, "config")).FullName;
        File.WriteAllText(Path.Combine(config, "site.yaml"), "site: test\nlogging: info\n");
        File.WriteAllText(Path.Combine(config, "roles.yaml"), "roles:\n  beta:\n    run: /opt/cam/venv/bin/python -c 'import camimgbeta'\n");
        File.WriteAllText(Path.Combine(config, "cam-node.service"), "[Unit]\nDescription=CAM node supervisor\n[Service]\nExecStart=/usr/local/bin/cam-node\n");
        File.WriteAllText(Path.Combine(config, "cam-node"), "#!/bin/sh\nexec /opt/cam/venv/bin/python -c 'import camimgbeta'\n");
        ConfigFiles =
        [
            new ConfigFileSpec(Path.Combine(config, "site.yaml"), "/etc/cam/site.yaml"),
            new ConfigFileSpec(Path.Combine(config, "roles.yaml"), "/etc/cam/roles.yaml"),
            new ConfigFileSpec(Path.Combine(config, "cam-node.service"), "/etc/systemd/system/cam-node.service"),
            new ConfigFileSpec(Path.Combine(config, "cam-node"), "/usr/local/bin/cam-node", "0755"),
        ];
        Environments = [new PythonEnvironmentSpec("cam", "/opt/cam/venv", Lock, wheels)];
    }

    public string Dir { get; }
    public string Lock { get; }
    public IReadOnlyList<ConfigFileSpec> ConfigFiles { get; }
    public IReadOnlyList<PythonEnvironmentSpec> Environments { get; }

    public BakeSpec Spec(Os.OsLock osLock) => new("debian-12-camtest", "1.0.0", osLock, Environments, ConfigFiles);
}

using System.Diagnostics;
using System.Security.Cryptography;
using CamBuild.Common;
using CamBuild.Deploy.Model;

namespace CamBuild.Delivery.Tests;

/// <summary>
/// Real candidates for the LXC delivery tests: A is a minimal Debian (minbase + python3, built once with mmdebstrap
/// and cached like the Deploy tests' one); B and the broken B' are A with one file added (a new release, a new id).
/// B' carries <c>/etc/cam-broken-api</c>, which makes the api role exit at start (see <see cref="DeliveryCatalog"/>).
/// </summary>
public sealed class LxcCandidates : IAsyncLifetime
{
    public const string Cache = "/var/tmp/cambuild-test-cache";
    private static readonly string Base = Path.Combine(Cache, "bookworm-minbase-python3.tar.zst");

    public CandidateRef A { get; private set; } = null!;
    public CandidateRef B { get; private set; } = null!;
    public CandidateRef Broken { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Cache);
        if (!File.Exists(Base))
        {
            var tar = Path.Combine(Cache, $"build-{Environment.ProcessId}.tar");
            await Run("env", "SOURCE_DATE_EPOCH=1700000000", "mmdebstrap", "--quiet", "--variant=minbase", "--include=python3,iproute2", "bookworm", tar);
            await Run("zstd", "-q", "-3", "--single-thread", "-f", tar, "-o", Base + ".tmp");
            File.Move(Base + ".tmp", Base, overwrite: true);
            File.Delete(tar);
        }
        A = await Variant("a", null);
        B = await Variant("b", "etc/cam-release");
        Broken = await Variant("b-broken", "etc/cam-broken-api");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<CandidateRef> Variant(string name, string? extraFile)
    {
        var template = Path.Combine(Cache, $"delivery-{name}.tar.zst");
        var idFile = template + ".id";
        if (!File.Exists(template) || !File.Exists(idFile))
        {
            var tar = Path.Combine(Cache, $"delivery-{name}-{Environment.ProcessId}.tar");
            await Run("sh", "-c", $"zstd -dc '{Base}' > '{tar}'");
            if (extraFile is not null)
            {
                var staging = Path.Combine(Cache, $"delivery-{name}-{Environment.ProcessId}.d");
                Directory.CreateDirectory(Path.Combine(staging, Path.GetDirectoryName(extraFile)!));
                await File.WriteAllTextAsync(Path.Combine(staging, extraFile), name + "\n");
                await Run("tar", "--append", "-f", tar, "-C", staging, "--owner=0", "--group=0", "--mtime=@1700000000", "./" + extraFile);
                Directory.Delete(staging, recursive: true);
            }
            await File.WriteAllTextAsync(idFile + ".tmp", await Sha256(tar));
            await Run("zstd", "-q", "-3", "--single-thread", "-f", tar, "-o", template + ".tmp");
            File.Delete(tar);
            File.Move(template + ".tmp", template, overwrite: true);
            File.Move(idFile + ".tmp", idFile, overwrite: true);
        }
        return new CandidateRef(CandidateId.Parse((await File.ReadAllTextAsync(idFile)).Trim()), template,
            CamBuild.Common.Sha256.Parse(await Sha256(template), "the test template's sha256"));
    }

    private static async Task<string> Sha256(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }

    private static async Task Run(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}");
    }
}

[CollectionDefinition("lxc-delivery")]
public sealed class LxcDeliveryCollection : ICollectionFixture<LxcCandidates>;

/// <summary>
/// A small real role catalogue: web (no dependencies) and api (requires web; exits at start on the broken candidate).
/// The web service starts 1 s late on purpose: every swap of a web node then has a
/// window of at least 1 s between "the new container is active" and "healthy", so the tests that stop a Deliver in the
/// middle of a swap (SIGKILL, cancellation) find that moment at any load (on an idle machine a swap took 0.25 s).
/// </summary>
internal static class DeliveryCatalog
{
    public const string Json = """
    {
      "format": 1,
      "roles": {
        "web": {
          "command": ["/bin/sh", "-c", "sleep 1; exec python3 -m http.server 8080 --bind \"$0\" --directory /etc/cam", "{address}"],
          "port": 8080,
          "health": ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://{address}:{port}/site.json', timeout=2)"]
        },
        "api": {
          "command": ["/bin/sh", "-c", "if [ -e /etc/cam-broken-api ]; then echo 'api: broken build, cannot start' >&2; exit 3; fi; exec python3 -m http.server 8081 --bind \"$0\" --directory /etc/cam", "{address}"],
          "port": 8081,
          "requires": ["web"],
          "health": ["python3", "-c", "import urllib.request; urllib.request.urlopen('http://{role:web}:8080/node.json', timeout=2); urllib.request.urlopen('http://{address}:8081/node.json', timeout=2)"]
        }
      }
    }
    """;

    public static CamBuild.Deploy.Roles.RoleCatalog Load() => CamBuild.Deploy.Roles.RoleCatalog.Parse(Json, "delivery-roles.json");
}

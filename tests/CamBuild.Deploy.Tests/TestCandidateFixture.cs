using System.Security.Cryptography;
using CamBuild.Deploy.Model;
using CamBuild.Common;

namespace CamBuild.Deploy.Tests;

/// <summary>
/// A real minimal Debian candidate (minbase + python3 + systemd as its init, like a baked candidate), built once with
/// mmdebstrap and cached under /var/tmp/cambuild-test-cache, identified like a baked candidate (sha256 of the
/// uncompressed tar). Its nodes boot systemd, so role services are real systemd units here too.
/// </summary>
public sealed class TestCandidateFixture : IAsyncLifetime
{
    public const string CacheDirectory = "/var/tmp/cambuild-test-cache";
    private static readonly string Template = Path.Combine(CacheDirectory, "bookworm-minbase-python3-systemd.tar.zst");

    public CandidateRef Candidate { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(CacheDirectory);
        var idFile = Template + ".id";
        if (!File.Exists(Template) || !File.Exists(idFile))
        {
            var tar = Path.Combine(CacheDirectory, $"build-{Environment.ProcessId}.tar");
            try
            {
                await ProcessRunner.RunCheckedAsync("env", ["SOURCE_DATE_EPOCH=1700000000", "mmdebstrap", "--quiet", "--variant=minbase",
                    "--include=python3,iproute2,systemd-sysv", "bookworm", tar], TimeSpan.FromMinutes(10), CancellationToken.None);
                await File.WriteAllTextAsync(idFile + ".tmp", await Sha256Async(tar));
                await ProcessRunner.RunCheckedAsync("zstd", ["-q", "-3", "--single-thread", "-f", tar, "-o", Template + ".tmp"],
                    TimeSpan.FromMinutes(5), CancellationToken.None);
                File.Move(Template + ".tmp", Template, overwrite: true);
                File.Move(idFile + ".tmp", idFile, overwrite: true);
            }
            finally
            {
                File.Delete(tar);
            }
        }
        var id = (await File.ReadAllTextAsync(idFile)).Trim();
        Candidate = new CandidateRef(CandidateId.Parse(id), Template, Sha256.Parse(await Sha256Async(Template), "the test template's sha256"));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private static async Task<string> Sha256Async(string path)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream));
    }
}

[CollectionDefinition("lxc")]
public sealed class LxcCollection : ICollectionFixture<TestCandidateFixture>;

using CamBuild.SupplyChain.Attestation;
using CamBuild.SupplyChain.Trust;
using CamBuild.Targets;
using CamBuild.Targets.Output;

namespace CamBuild.Pipeline.Supply;

/// <summary>
/// The pipeline's signing key and trust policy. The key is the file named by <c>--signing-key-file</c> (or the
/// <c>SIGNING_KEY_FILE</c> environment variable; mode 0600), else this machine's local key under
/// <c>.nuke/temp/keys/</c>, made on first use. The key itself is never an argument, never logged.
/// </summary>
public static class Signing
{
    public static SigningKey Key(PipelinePaths paths, string? signingKeyFile, IBuildLog log)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(log);
        var key = signingKeyFile is { Length: > 0 }
            ? KeyFile.Load(Path.GetFullPath(signingKeyFile, paths.Root))
            : LocalSigningKey.LoadOrCreate(paths.Keys, log.Info);
        log.Debug($"signing with {paths.Relative(key.Source)} (sha256:{key.KeyId})");
        return key;
    }

    public static TrustPolicy Policy(PipelinePaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return TrustPolicy.Load(paths.Trust, LocalSigningKey.PublicKeyPath(paths.Keys));
    }

    /// <summary>Signs <paramref name="statementPath"/>'s content into its <c>.dsse.json</c> envelope beside it.</summary>
    public static string SignFile(string statementPath, SigningKey key) =>
        Attestations.Write(Attestations.EnvelopePath(statementPath), File.ReadAllText(statementPath), key);
}

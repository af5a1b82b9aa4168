namespace CamBuild.SupplyChain.Attestation;

/// <summary>
/// The embedded default's key: made on first use as <c>&lt;dir&gt;/cambuild-local.pem</c> (mode 0600, written to a
/// temp file and renamed, so a killed run leaves either no key or a whole one) with its public half beside it.
/// </summary>
public static class LocalSigningKey
{
    public const string FileName = "cambuild-local.pem";
    public const string PublicFileName = "cambuild-local.pub";

    public static SigningKey LoadOrCreate(string directory, Action<string>? log = null)
    {
        var path = Path.Combine(directory, FileName);
        if (File.Exists(path))
            return KeyFile.Load(path);
        Directory.CreateDirectory(directory);
        using var fileLock = FileLock.Acquire(Path.Combine(directory, ".lock"), LockWait.UpTo(TimeSpan.FromMinutes(1)), "creating the local signing key");
        if (File.Exists(path))
            return KeyFile.Load(path);
        var key = SigningKey.Generate(path);
        var temp = AtomicFile.TemporaryPathBeside(path);
        // Created 0600 before the first byte of the key is written.
        using (var stream = new FileStream(temp, new FileStreamOptions
               {
                   Mode = FileMode.CreateNew, Access = FileAccess.Write,
                   UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
               }))
        {
            stream.Write(AtomicFile.Utf8.GetBytes(key.PrivateKeyPem()));
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: false);
        AtomicFile.WriteAllText(Path.Combine(directory, PublicFileName), key.PublicKeyPem());
        log?.Invoke($"created the local signing key {path} (ECDSA P-256, mode 0600); fingerprint sha256:{key.KeyId}");
        return key;
    }

    public static string? PublicKeyPath(string directory)
    {
        var path = Path.Combine(directory, PublicFileName);
        return File.Exists(path) ? path : null;
    }
}

/// <summary>Reads a private key file; it must be readable by its owner only (like the secret files of the build).</summary>
public static class KeyFile
{
    public static SigningKey Load(string path)
    {
        if (!File.Exists(path))
            throw new InputException($"signing key file '{path}' does not exist.");
        var mode = File.GetUnixFileMode(path);
        if ((mode & (UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute | UnixFileMode.OtherRead
                | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute)) != 0)
            throw new InputException($"signing key file '{path}' is readable by others (mode {Convert.ToString((int)mode, 8)}); run: chmod 600 {path}");
        return SigningKey.FromPem(File.ReadAllText(path), path);
    }
}

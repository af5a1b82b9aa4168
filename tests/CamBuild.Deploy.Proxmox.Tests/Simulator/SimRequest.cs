namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

/// <summary>One API request as the simulator saw it (after routing, before validation).</summary>
public sealed record SimRequest(string Method, string Path, string Template, IReadOnlyDictionary<string, string> Parameters,
    IReadOnlyDictionary<string, string> Headers, string User, byte[]? File)
{
    public string P(string name) => Parameters[name];
}

public sealed record SchemaViolation(string Method, string Path, IReadOnlyDictionary<string, string> Errors)
{
    public override string ToString() => $"{Method} {Path}: " + string.Join("; ", Errors.Select(e => $"{e.Key}: {e.Value}"));
}

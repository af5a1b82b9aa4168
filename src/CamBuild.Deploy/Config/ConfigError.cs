namespace CamBuild.Deploy.Config;

/// <summary>One problem in a node configuration file, at a 1-based line and column.</summary>
public sealed record ConfigError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

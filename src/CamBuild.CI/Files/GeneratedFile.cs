namespace CamBuild.CI;

/// <summary>A generated CI file: a path relative to the repository root (forward slashes) and its text ('\n' line ends).</summary>
public sealed record GeneratedFile(string RelativePath, string Content);

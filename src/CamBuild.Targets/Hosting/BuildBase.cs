using CamBuild.Targets.Output;

namespace CamBuild.Targets;

/// <summary>Base class of a strongly typed build: paths and the secret masker; targets and parameters live in the subclass.</summary>
public abstract class BuildBase
{
    internal static string? PendingRoot { get; set; }

    public string RootDirectory { get; } = PendingRoot ?? Directory.GetCurrentDirectory();
    public string TemporaryDirectory => Path.Combine(RootDirectory, ".nuke", "temp");

    /// <summary>Registers values that must never be printed (parameters marked [Secret] are registered automatically).</summary>
    internal SecretMasker Masker { get; init; } = new();

    /// <summary>The build's title in help and logs.</summary>
    public virtual string Title => GetType().Name;
}

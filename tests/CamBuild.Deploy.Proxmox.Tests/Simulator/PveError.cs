namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

/// <summary>An error answer as pveproxy sends it: status, reason phrase = first message line, optional per-parameter errors.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "Named after what pveproxy sends (an error answer); thrown inside the simulator only.")]
public sealed class PveError(int status, string message, IReadOnlyDictionary<string, string>? errors = null) : Exception(message)
{
    public int Status { get; } = status;
    public IReadOnlyDictionary<string, string>? Errors { get; } = errors;

    public static PveError Parameter(string name, string problem) => new(400, "Parameter verification failed.", new Dictionary<string, string> { [name] = problem });
}

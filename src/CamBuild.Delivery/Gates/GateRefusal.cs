using System.Text;
using CamBuild.Common;

namespace CamBuild.Delivery.Gates;

/// <summary>One gate that said no: which gate, the evidence it lacked, and the command that would satisfy it.</summary>
public sealed record GateRefusal(string Gate, string Lacking, string Command)
{
    public override string ToString() => $"gate '{Gate}': {Lacking}\n    satisfy it with: {Command}";
}

/// <summary>Promote, Deliver or Rollback was refused by one or more gates: exit code 2, every refusal in the message.</summary>
public sealed class GateRefusedException(string action, string channel, IReadOnlyList<GateRefusal> refusals)
    : InputException(Describe(action, channel, refusals))
{
    public string Action { get; } = action;

    public string Channel { get; } = channel;

    public IReadOnlyList<GateRefusal> Refusals { get; } = refusals;

    private static string Describe(string action, string channel, IReadOnlyList<GateRefusal> refusals)
    {
        var text = new StringBuilder($"{action} to channel '{channel}' refused by {refusals.Count} gate(s):");
        foreach (var refusal in refusals)
        {
            text.Append("\n  ").Append(refusal);
        }
        return text.ToString();
    }
}

using System.Globalization;
using System.Text.RegularExpressions;

namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>A Proxmox task id: <c>UPID:node:pid:pstart:starttime:type:id:user:</c>.</summary>
internal sealed partial record Upid(string Text, string Node, int Pid, long ProcessStart, long StartTime, string Type, string Id, string User)
{
    public static Upid Parse(string text) => TryParse(text, out var upid)
        ? upid
        : throw new FormatException($"'{text}' is not a Proxmox task id (expected UPID:node:pid:pstart:starttime:type:id:user:)");

    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Upid? upid)
    {
        upid = null;
        if (text is null) return false;
        var match = Pattern().Match(text);
        if (!match.Success) return false;
        static long Hex(string value) => long.Parse(value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        upid = new Upid(text, match.Groups[1].Value, (int)Hex(match.Groups[3].Value), Hex(match.Groups[4].Value),
            Hex(match.Groups[5].Value), match.Groups[6].Value, match.Groups[7].Value, match.Groups[8].Value);
        return true;
    }

    public override string ToString() => Text;

    [GeneratedRegex(@"^UPID:([a-zA-Z0-9]([a-zA-Z0-9\-]*[a-zA-Z0-9])?):([0-9A-Fa-f]{8}):([0-9A-Fa-f]{8,9}):([0-9A-Fa-f]{8}):([^:\s/]+):([^:\s/]*):([^:\s/]+):$")]
    private static partial Regex Pattern();
}

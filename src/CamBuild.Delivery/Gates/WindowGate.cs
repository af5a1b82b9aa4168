using System.Globalization;
using CamBuild.Delivery.Config;

namespace CamBuild.Delivery.Gates;

/// <summary>Delivery windows and freezes of a channel: whether it is open at a moment, and when it opens next.</summary>
internal static class WindowGate
{
    private static readonly TimeSpan Horizon = TimeSpan.FromDays(400);

    public static bool IsOpen(ChannelConfig channel, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(channel);
        return !channel.Freezes.Any(freeze => freeze.Contains(at)) && (channel.Windows.Count == 0 || channel.Windows.Any(window => window.Contains(at)));
    }

    /// <summary>The first moment at or after <paramref name="from"/> when the channel is open (minute precision); null if none within 400 days.</summary>
    public static DateTimeOffset? NextOpen(ChannelConfig channel, DateTimeOffset from)
    {
        ArgumentNullException.ThrowIfNull(channel);
        var at = from;
        var end = from + Horizon;
        while (at < end)
        {
            if (channel.Freezes.FirstOrDefault(freeze => freeze.Contains(at)) is { } freeze)
            {
                at = freeze.Ends;
                continue;
            }
            if (channel.Windows.Count == 0 || channel.Windows.Any(window => window.Contains(at)))
            {
                return at;
            }
            at = new DateTimeOffset(at.UtcTicks - at.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero).AddMinutes(1);
        }
        return null;
    }

    /// <summary>The refusal when the channel is closed at <paramref name="now"/>, else null.</summary>
    public static GateRefusal? Check(ChannelConfig channel, DateTimeOffset now, string command)
    {
        ArgumentNullException.ThrowIfNull(channel);
        if (IsOpen(channel, now))
        {
            return null;
        }
        var freeze = channel.Freezes.FirstOrDefault(f => f.Contains(now));
        var why = freeze is not null
            ? $"channel '{channel.Name}' is frozen from {freeze.From:yyyy-MM-dd} to {freeze.To:yyyy-MM-dd} ({freeze.Reason})"
            : $"{Utc(now)} is outside the delivery windows of channel '{channel.Name}' ({string.Join("; ", channel.Windows)})";
        var next = NextOpen(channel, now);
        return new GateRefusal(freeze is not null ? "freeze" : "window",
            $"{why}; next open time: {(next is { } open ? Utc(open) : "none within 400 days")}",
            next is { } when ? $"{command} at or after {Utc(when)}" : "change the windows or freezes of the channel in config/channels.yaml");
    }

    public static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}

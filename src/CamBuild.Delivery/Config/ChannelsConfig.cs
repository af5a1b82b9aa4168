namespace CamBuild.Delivery.Config;

/// <summary>When delivery is allowed: on these weekdays, between these local times, in this time zone.</summary>
/// <param name="End">Exclusive; <c>24:00</c> is written as <see cref="TimeSpan.FromHours(double)"/> 24.</param>
public sealed record DeliveryWindow(IReadOnlySet<DayOfWeek> Days, TimeSpan Start, TimeSpan End, TimeZoneInfo TimeZone)
{
    public bool Contains(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, TimeZone);
        return Days.Contains(local.DayOfWeek) && local.TimeOfDay >= Start && local.TimeOfDay < End;
    }

    public override string ToString() =>
        $"{string.Join(',', Days.Order().Select(day => day.ToString()[..3].ToLowerInvariant()))} {Start:hh\\:mm}-{(End.TotalHours >= 24 ? "24:00" : End.ToString("hh\\:mm", System.Globalization.CultureInfo.InvariantCulture))} {TimeZone.Id}";
}

/// <summary>No delivery from the start of <see cref="From"/> to the end of <see cref="To"/> (dates in <see cref="TimeZone"/>).</summary>
public sealed record DeliveryFreeze(DateOnly From, DateOnly To, string Reason, TimeZoneInfo TimeZone)
{
    public DateTimeOffset Begins => Midnight(From);

    public DateTimeOffset Ends => Midnight(To.AddDays(1));

    public bool Contains(DateTimeOffset at) => at >= Begins && at < Ends;

    private DateTimeOffset Midnight(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}

/// <summary>One channel of <c>config/channels.yaml</c> and its gates.</summary>
/// <param name="Requires">Upstream channel whose current release must carry the same candidate; null for the first channel.</param>
/// <param name="Soak">How long the candidate must have been delivered and healthy on <see cref="Requires"/> first.</param>
/// <param name="Approvals">How many distinct approvals of the (candidate, configuration) pair are needed.</param>
/// <param name="Windows">When delivery is allowed; empty = always (freezes still apply).</param>
/// <param name="Line">Line of the channel in the file, for messages.</param>
/// <param name="RebuildRequired"><c>rebuild: required</c>: Promote needs a signed, identical VerifyReproducible result.</param>
public sealed record ChannelConfig(
    string Name,
    string Environment,
    string? Requires,
    TimeSpan Soak,
    int Approvals,
    IReadOnlyList<DeliveryWindow> Windows,
    IReadOnlyList<DeliveryFreeze> Freezes,
    int Line,
    bool RebuildRequired = false);

/// <summary>The ordered channels of <c>config/channels.yaml</c>.</summary>
public sealed record ChannelsConfig(string File, IReadOnlyList<ChannelConfig> Channels)
{
    public ChannelConfig? Find(string name) => Channels.FirstOrDefault(channel => channel.Name == name);

    /// <summary>The channel, or an input error naming the file and the channels it has.</summary>
    public ChannelConfig Require(string name) => Find(name) ?? throw new DeliveryConfigException(
        [new Diagnostic(new SourceLocation(File, 1, 1), $"channel '{name}' is not configured; configured channels: {string.Join(", ", Channels.Select(c => c.Name))}. " +
            "Add it under 'channels' or pass --channel with one of these")]);
}

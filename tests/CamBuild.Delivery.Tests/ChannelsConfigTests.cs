using CamBuild.Delivery.Config;

namespace CamBuild.Delivery.Tests;

public sealed class ChannelsConfigTests
{
    [Fact]
    public void The_repository_channels_load_in_order_with_their_gates()
    {
        var config = ChannelsConfigLoader.Load(TestFiles.Combine("config", "channels.yaml"), ["local", "cam"]);

        Assert.Equal(["staging", "production"], config.Channels.Select(c => c.Name));
        var production = config.Require("production");
        Assert.Equal("cam", production.Environment);
        Assert.Equal("staging", production.Requires);
        Assert.Equal(TimeSpan.FromHours(24), production.Soak);
        Assert.Equal(1, production.Approvals);
        Assert.Equal("Africa/Johannesburg", Assert.Single(production.Windows).TimeZone.Id);
        Assert.Single(production.Freezes);
        Assert.Null(config.Require("staging").Requires);
    }

    [Theory]
    [InlineData("channels:\n  - name: a\n    environment: local\n    colour: red\n", 4, "unknown key 'colour'")]
    [InlineData("channels:\n  - name: a\n    environment: local\n    requires: b\n", 4, "requires 'b', which is not a channel listed before it")]
    [InlineData("channels:\n  - name: a\n    environment: nowhere\n", 3, "has no config/environments/nowhere.yaml")]
    [InlineData("channels:\n  - name: a\n    environment: local\n  - name: b\n    environment: local\n    requires: a\n    soak: soon\n", 7, "'soak' in channel 'b' must be a duration")]
    [InlineData("channels:\n  - name: a\n    environment: local\n    soak: 1h\n", 4, "has a soak but no 'requires'")]
    [InlineData("channels:\n  - name: a\n    environment: local\n    windows:\n      - hours: 17:00-08:00\n", 5, "'hours' must be HH:MM-HH:MM with the end after the start")]
    [InlineData("channels:\n  - name: a\n    environment: local\n    windows:\n      - days: [mon, funday]\n", 5, "unknown day 'funday'")]
    [InlineData("channels:\n  - name: a\n    environment: local\n    windows:\n      - time_zone: Mars/Olympus\n", 5, "unknown time zone 'Mars/Olympus'")]
    [InlineData("channels:\n  - name: a\n    environment: local\n    freezes:\n      - from: 2026-12-20\n        to: 2026-12-01\n", 6, "the freeze ends (2026-12-01) before it starts")]
    [InlineData("channels:\n  - name: a\n    environment: local\n  - name: a\n    environment: local\n", 4, "channel 'a' is defined twice")]
    [InlineData("channels:\n  - name: Prod\n    environment: local\n", 2, "channel name 'Prod' must be")]
    [InlineData("channels:\n  - name: a\n    environment: local\n    approvals: -1\n", 4, "'approvals' in channel 'a' must be an integer of at least 0")]
    [InlineData("channels: [\n", 2, "not valid YAML")]
    public void Problems_name_file_line_and_fix_and_are_input_errors(string yaml, int line, string expected)
    {
        var exception = Assert.Throws<DeliveryConfigException>(() => ChannelsConfigLoader.Parse(yaml, "config/channels.yaml", ["local"]));

        Assert.IsAssignableFrom<CamBuild.Common.InputException>(exception);
        var problem = Assert.Single(exception.Problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
        Assert.Equal(line, problem.Line);
        Assert.Contains($"config/channels.yaml:{line}:", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Rebuild_required_is_read_and_any_other_word_is_refused_at_its_line()
    {
        var config = ChannelsConfigLoader.Parse("channels:\n  - name: staging\n    environment: local\n  - name: production\n    environment: local\n    rebuild: required\n", "c.yaml");
        Assert.False(config.Channels[0].RebuildRequired);
        Assert.True(config.Channels[1].RebuildRequired);
        var e = Assert.Throws<DeliveryConfigException>(() => ChannelsConfigLoader.Parse(
            "channels:\n  - name: staging\n    environment: local\n    rebuild: yes\n", "c.yaml"));
        Assert.Contains("c.yaml:4:14: 'rebuild' in channel 'staging' must be 'required' or 'optional', got 'yes'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var exception = Assert.Throws<DeliveryConfigException>(() => ChannelsConfigLoader.Parse(
            "channels:\n  - name: a\n    environment: x\n    approvals: many\n    windows:\n      - days: [someday]\n", "c.yaml", ["local"]));

        Assert.Equal(3, exception.Problems.Count);
    }

    [Fact]
    public void An_unknown_channel_is_an_input_error_listing_the_configured_ones()
    {
        var config = ChannelsConfigLoader.Parse("channels:\n  - name: staging\n    environment: local\n", "c.yaml");

        var exception = Assert.Throws<DeliveryConfigException>(() => config.Require("prod"));

        Assert.Contains("configured channels: staging", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30m", 30 * 60)]
    [InlineData("24h", 24 * 3600)]
    [InlineData("2d", 2 * 86400)]
    [InlineData("1h30m", 5400)]
    [InlineData("0", 0)]
    [InlineData("500ms", 0.5)]
    public void Durations_parse(string text, double seconds)
    {
        Assert.True(DurationValue.TryParse(text, out var value));
        Assert.Equal(seconds, value.TotalSeconds);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("10")]
    [InlineData("5 m")]
    public void Bad_durations_do_not_parse(string text) => Assert.False(DurationValue.TryParse(text, out _));
}

using CamBuild.Common;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CamBuild.Release.Store;

/// <summary>
/// Release names: <c>cam-&lt;channel&gt;-&lt;yyyyMMdd&gt;-&lt;first 12 hex of candidate id&gt;-&lt;first 12 hex of configuration hash&gt;</c>,
/// the date being the UTC day of the pair's first promotion to that channel. A pair promoted to a channel again
/// (a rollback) keeps the name it got the first time, so a release name always means one (candidate, configuration) pair
/// and the Git tag and GitHub release of a rollback already exist. Names are valid Git tag names.
/// </summary>
public static partial class ReleaseNaming
{
    public const int ShortHashLength = 12;

    public static string Derive(string channel, DateTimeOffset firstPromotedAt, string candidateId, string configurationHash)
    {
        RequireChannel(channel);
        Sha256Hex.Require(candidateId, nameof(candidateId));
        Sha256Hex.Require(configurationHash, nameof(configurationHash));
        var day = firstPromotedAt.ToUniversalTime().ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return $"cam-{channel}-{day}-{Short(candidateId)}-{Short(configurationHash)}";
    }

    public static string Short(string hash) => hash.Length <= ShortHashLength ? hash : hash[..ShortHashLength];

    /// <summary>Channel names are lower-case letters, digits and '-', 1 to 40 characters, starting with a letter or digit.</summary>
    public static string RequireChannel(string? channel)
    {
        if (channel is null || !ChannelPattern().IsMatch(channel))
        {
            throw new InputException(
                $"Channel name '{channel}' is invalid: use 1 to 40 lower-case letters, digits and '-', starting with a letter or digit (e.g. staging, production).");
        }

        return channel;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,39}$", RegexOptions.CultureInvariant)]
    private static partial Regex ChannelPattern();
}

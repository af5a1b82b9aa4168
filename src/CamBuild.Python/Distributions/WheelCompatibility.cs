using CamBuild.Python.Markers;

namespace CamBuild.Python.Distributions;

/// <summary>
/// Decides whether a wheel's tags can be installed by the target interpreter described by a marker environment:
/// a wheel fits when one of its tags is among <see cref="SupportedTags.For"/> of the target, as with installers.
/// musllinux never fits (the candidate image is Debian, glibc).
/// </summary>
internal sealed class WheelCompatibility
{
    private readonly Dictionary<WheelTag, int> _priority;

    public WheelCompatibility(MarkerEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _priority = SupportedTags.For(environment).Select((tag, index) => (tag, index)).ToDictionary(p => p.tag, p => p.index);
    }

    public bool IsCompatible(DistributionFileName wheel)
    {
        ArgumentNullException.ThrowIfNull(wheel);
        return wheel.IsWheel && wheel.Tags.Any(IsCompatible);
    }

    public bool IsCompatible(WheelTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        return _priority.ContainsKey(tag with { Python = tag.Python.ToLowerInvariant(), Abi = tag.Abi.ToLowerInvariant(), Platform = tag.Platform.ToLowerInvariant() });
    }

    /// <summary>The best (lowest) position of one of the wheel's tags in the supported list; int.MaxValue when none fits.</summary>
    public int Rank(DistributionFileName wheel)
    {
        ArgumentNullException.ThrowIfNull(wheel);
        return wheel.Tags.Select(t => _priority.TryGetValue(t, out var p) ? p : int.MaxValue).DefaultIfEmpty(int.MaxValue).Min();
    }
}

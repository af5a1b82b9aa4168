using CamBuild.PackageIndex;
using CamBuild.Targets;

namespace CamBuild.Pipeline;

/// <summary>
/// The libraries report bad input (config, locks, an unreachable index, a hash mismatch, a vanished pinned .deb) with
/// their own exception types and complete messages; the build reports them with exit code 2.
/// </summary>
public static class InputErrors
{
    public static async Task<T> TranslateAsync<T>(Func<Task<T>> step)
    {
        try
        {
            return await step().ConfigureAwait(false);
        }
        catch (Exception e) when (IsInputError(e))
        {
            throw new BuildInputException(e.Message, e);
        }
    }

    public static Task TranslateAsync(Func<Task> step) =>
        TranslateAsync(async () => { await step().ConfigureAwait(false); return true; });

    private static bool IsInputError(Exception e) =>
        e is PackageIndexException
        || (e is ArgumentException && e is not ArgumentNullException and not ArgumentOutOfRangeException);
}

using CamBuild.Fuzzing;

namespace CamBuild.Deploy.Tests;

/// <summary>The shared fuzz loop itself: a case that does not end within the bound is a hang, a foreign exception a crash.</summary>
public sealed class FuzzHarnessTests
{
    [Fact]
    public void A_case_that_does_not_end_within_the_bound_is_reported_as_a_hang_and_the_loop_goes_on()
    {
        using var release = new ManualResetEventSlim();
        var inputs = new Queue<string>(["ok", "stuck", "bad", "ok"]);

        var report = Fuzz.Run("harness", 1, 4, _ => inputs.Dequeue(), input =>
            {
                if (input == "stuck") release.Wait(TimeSpan.FromSeconds(30));
                if (input == "bad") throw new FormatException("not a valid input at all");
                return input;
            },
            e => e is ArgumentException, TimeSpan.FromSeconds(3));
        release.Set();

        Assert.True((report.Cases, report.Accepted, report.Rejected) == (4, 2, 0), report.ToString());
        Assert.Single(report.Hangs);
        Assert.Contains("over 3 s", report.Hangs[0], StringComparison.Ordinal);
        Assert.Single(report.Crashes);
        Assert.Contains("FormatException", report.Crashes[0], StringComparison.Ordinal);
    }
}

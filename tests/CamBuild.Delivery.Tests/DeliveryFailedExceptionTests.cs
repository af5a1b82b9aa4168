using CamBuild.Delivery.Rollout;
using CamBuild.Deploy.Deployment;

namespace CamBuild.Delivery.Tests;

[Trait("Category", "unit")]
public sealed class DeliveryFailedExceptionTests
{
    [Fact]
    public void More_aftermath_keeps_the_failed_batch_and_names_each_failure_once()
    {
        var failure = new DeliveryFailedException("cam", 5,
            [new NodeFailure("proxy1", "verify of role 'proxy:p1'", "did not pass within 60 s", ["verify: no reply"])],
            "rolled 12 replaced node(s) back to their previous containers", ["m000", "proxy1"]);

        var message = failure.WithAftermath("channel 'staging' keeps release r1 as current (promote)").Message;

        Assert.StartsWith("delivery to environment 'cam' failed in batch 5 on 1 node(s); rolled 12 replaced node(s) back to their previous " +
            "containers; channel 'staging' keeps release r1 as current (promote)\n", message, StringComparison.Ordinal);
        Assert.Equal(1, System.Text.RegularExpressions.Regex.Count(message, "node 'proxy1', check 'verify of role 'proxy:p1''"));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(message, "delivery to environment"));
    }

    [Fact]
    public void A_failed_rollback_is_not_called_a_batch()
    {
        var failure = new DeliveryFailedException("cam", 0, [new NodeFailure("m000", "health", "no answer", [])], "the journal was kept", []);

        Assert.StartsWith("delivery to environment 'cam' failed while rolling back on 1 node(s); the journal was kept", failure.Message, StringComparison.Ordinal);
    }
}

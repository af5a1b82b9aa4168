namespace CamBuild.Common.Tests;

[Collection("process environment")]
public sealed class SecretsTests
{
    [Fact]
    public void Every_registered_form_is_masked_and_short_values_are_ignored()
    {
        var secret = "p@ss/" + Guid.NewGuid().ToString("N");
        Secrets.Register(secret);
        Secrets.Register("ab");
        var base64 = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret));
        Assert.Equal("x **** y **** z **** ab", Secrets.MaskText($"x {secret} y {Uri.EscapeDataString(secret)} z {base64} ab"));
        Assert.True(Secrets.Contains("..." + secret));
        Assert.False(Secrets.Contains("nothing here"));
    }

    [Fact]
    public void Variables_holding_a_secret_leave_the_process_environment()
    {
        var secret = "env-" + Guid.NewGuid().ToString("N");
        Secrets.Register(secret);
        Environment.SetEnvironmentVariable("CAMBUILD_TEST_SECRET_CARRIER", "Basic " + secret);
        Environment.SetEnvironmentVariable("CAMBUILD_TEST_PLAIN", "plain");
        try
        {
            Assert.Contains("CAMBUILD_TEST_SECRET_CARRIER", Secrets.RemoveFromEnvironment());
            Assert.Null(Environment.GetEnvironmentVariable("CAMBUILD_TEST_SECRET_CARRIER"));
            Assert.Equal("plain", Environment.GetEnvironmentVariable("CAMBUILD_TEST_PLAIN"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("CAMBUILD_TEST_SECRET_CARRIER", null);
            Environment.SetEnvironmentVariable("CAMBUILD_TEST_PLAIN", null);
        }
    }
}

[CollectionDefinition("process environment", DisableParallelization = true)]
public sealed class ProcessEnvironmentCollection;

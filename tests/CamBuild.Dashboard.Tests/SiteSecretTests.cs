using CamBuild.Dashboard.Tests.Support;
using CamBuild.Pipeline.Steps;

namespace CamBuild.Dashboard.Tests;

/// <summary>The site may be published: a registered secret that reached a record or a copied log appears nowhere in it.</summary>
public sealed class SiteSecretTests
{
    [Fact]
    public void A_registered_secret_in_a_record_or_a_copied_log_is_masked_in_every_file_of_the_site()
    {
        using var fixture = new DashboardFixture();
        var canary = "canary-" + Guid.NewGuid().ToString("N");
        Secrets.Register(canary);
        File.AppendAllText(Path.Combine(fixture.Paths.Reports, $"{fixture.A.Id[..12]}-local", "acceptance.log"), $"PROXMOX_SECRET={canary}\n");
        fixture.Refuse("staging", fixture.R1, "local", DashboardFixture.T0.AddDays(7), $"Deliver: the token {canary} was refused");

        var (_, content) = DashboardSite.Build(DashboardStep.Sources(fixture.Paths));

        var log = content.Files.Keys.Single(k => k.EndsWith("/acceptance.log", StringComparison.Ordinal) && k.Contains(fixture.A.Id[..12], StringComparison.Ordinal));
        Assert.Contains("PROXMOX_SECRET=", System.Text.Encoding.UTF8.GetString(content.Files[log]), StringComparison.Ordinal);
        Assert.All(content.Files, file => Assert.DoesNotContain(canary, System.Text.Encoding.UTF8.GetString(file.Value), StringComparison.Ordinal));
    }
}

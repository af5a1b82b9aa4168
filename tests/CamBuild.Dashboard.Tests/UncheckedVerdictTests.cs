using CamBuild.Dashboard.Tests.Support;
using CamBuild.Pipeline.Steps;

namespace CamBuild.Dashboard.Tests;

/// <summary>Without a readable trust policy the site is still written; every verdict says it was not checked, and why.</summary>
public sealed class UncheckedVerdictTests
{
    [Fact]
    public void A_missing_trust_policy_marks_every_verdict_unchecked_and_names_the_file()
    {
        using var fixture = new DashboardFixture();
        File.Delete(Path.Combine(fixture.Root, "config", "trust", "policy.yaml"));

        var (model, content) = DashboardSite.Build(DashboardStep.Sources(fixture.Paths));

        var verdicts = model.Releases.SelectMany(r => r.Verdicts).Concat(model.Candidates.Select(c => c.Reproducibility)).ToList();
        Assert.NotEmpty(verdicts);
        Assert.All(verdicts, v => Assert.Equal(Model.VerdictState.Unchecked, v.State));
        Assert.All(verdicts, v => Assert.Contains("policy.yaml", v.Detail, StringComparison.Ordinal));
        Assert.Contains("<span class=\"badge none\">unchecked</span>", content.Text(Pages.ReleasePage.FileOf(fixture.R2.Release)), StringComparison.Ordinal);
    }
}

using CamBuild.Pipeline.Steps;
using CamBuild.Targets;

namespace CamBuild.Build;

internal sealed partial class Build
{
    [Parameter("Release name to roll back to (Rollback; default: the channel's previous healthy release), or the newer release of ReleaseNotes.")]
    readonly string? To;

    [Parameter("ReleaseNotes: the older release name to compare from.")]
    readonly string? From;

    [Parameter("Status: print JSON instead of the table.")]
    readonly bool Json;

    [Parameter("Who approves (Approve); default: user@host.")]
    readonly string? Approver;

    Target Approve => _ => _
        .Description("Records an approval of the pair to be promoted to --channel (artifacts/releases/approvals/).")
        .Requires(() => Channel)
        .Executes(c => DeliverStep.Approve(Paths, Channel, Candidate, Approver, c));

    Target Deliver => _ => _
        .Description("Delivers the current release of --channel to its environment: swap per node, health-gated batches, automatic rollback.")
        .After(Promote)
        .Requires(() => Channel)
        .Executes(c => DeliverStep.DeliverAsync(Paths, Channel, ProxmoxSecret, c, signingKeyFile: SigningKeyFile));

    Target Rollback => _ => _
        .Description("Promotes the previous (or --to) release of --channel again and delivers it (kept containers make it instant).")
        .Requires(() => Channel)
        .Executes(c => DeliverStep.RollbackAsync(Paths, Channel, To, ProxmoxSecret, c, SigningKeyFile));

    Target Status => _ => _
        .Description("Every node of --environment: release, candidate, configuration, fingerprint, health, last change; drift is exit 1.")
        .Executes(async c => { await StatusStep.StatusAsync(Paths, Environment, Json, ProxmoxSecret, c); });

    Target Releases => _ => _
        .Description("The history of --channel (promote, deliver, rollback, refusal), newest first, with qualification records.")
        .Requires(() => Channel)
        .Executes(c => { StatusStep.Releases(Paths, Channel, c); });
}

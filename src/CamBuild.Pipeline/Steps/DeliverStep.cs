using CamBuild.Delivery.Config;
using CamBuild.Delivery.Gates;
using CamBuild.Delivery.History;
using CamBuild.Delivery.Rollout;
using CamBuild.Deploy.Providers;
using CamBuild.Deploy.State;
using CamBuild.Release;
using CamBuild.Release.Gate;
using CamBuild.Release.Store;
using CamBuild.SupplyChain.Attestation;
using CamBuild.Targets;
using CamBuild.Targets.Output;

namespace CamBuild.Pipeline.Steps;

/// <summary>
/// Deliver and Rollback: the channel's current (candidate, configuration) pair onto the channel's long-lived environment,
/// by swap in health-gated batches; every delivery recorded in the channel's delivery history. Also the channel gates
/// Promote must pass (when config/channels.yaml exists).
/// </summary>
public static class DeliverStep
{
    /// <summary>The gates of config/channels.yaml for a promotion; no file = no gates beyond the qualification record.</summary>
    public static void AdmitPromotion(PipelinePaths paths, string channel, string candidateId, string candidateSha256, string configurationHash,
        string environment, IBuildLog log)
    {
        var context = DeliveryContext.TryLoad(paths);
        if (context is null) return;
        ApprovedPromotion approval;
        try
        {
            approval = PromotionGate.Admit(candidateId, candidateSha256, configurationHash, QualifyStep.Suites(paths).Hash, paths.Qualifications);
        }
        catch (PromotionRefusedException)
        {
            return; // Promote reports the missing or failed qualification itself
        }
        var subject = new GateSubject(candidateId, configurationHash, approval.Record.SuitesHash, environment);
        var refusals = context.Gates.ForPromotion(channel, subject, QualifyStep.Suites(paths).Hash, DateTimeOffset.UtcNow).ToList();
        if (context.Channels.Require(channel).RebuildRequired
            && Supply.RebuildAttestation.Refusal(Path.Combine(paths.Candidates, candidateId), candidateId, Supply.Signing.Policy(paths)) is { } rebuild)
        {
            refusals.Add(new GateRefusal("rebuild", rebuild, $"./build.sh VerifyReproducible --candidate {candidateId[..12]}"));
        }
        if (refusals.Count > 0) throw context.Refuse("Promote", channel, refusals, subject, environment);
        log.Info($"Channel gates of '{channel}' passed (requires, soak, approvals, windows, qualification suites).");
    }

    public static Task DeliverAsync(PipelinePaths paths, string channel, string? proxmoxSecret, TargetContext context, string action = "Deliver",
        string? signingKeyFile = null) =>
        DeliverAsync(paths, channel, proxmoxSecret, context, action, signingKeyFile, lockHeld: false);

    private static async Task DeliverAsync(PipelinePaths paths, string channel, string? proxmoxSecret, TargetContext context, string action,
        string? signingKeyFile, bool lockHeld)
    {
        var delivery = DeliveryContext.Load(paths);
        var config = delivery.Channels.Require(channel);
        var current = delivery.Releases.Current(channel);
        var roles = Environments.Roles(paths);
        var spec = Environments.Load(paths, config.Environment, roles);
        var hash = Environments.ConfigurationHash(spec);
        if (current is null)
        {
            throw delivery.Refuse(action, channel, [new GateRefusal("promoted", $"nothing was promoted to channel '{channel}'",
                $"./build.sh Qualify Promote --environment {config.Environment} --channel {channel}")], null, config.Environment);
        }
        var subject = new GateSubject(current.CandidateId, current.ConfigurationHash, current.SuitesHash, config.Environment);
        var refusals = new List<GateRefusal>();
        if (hash != current.ConfigurationHash)
        {
            refusals.Add(new GateRefusal("configuration",
                $"config/environments/{config.Environment}.yaml hashes to {ReleaseNaming.Short(hash)}, but release {current.Release} was promoted with configuration " +
                $"{ReleaseNaming.Short(current.ConfigurationHash)}: the release is the pair, never what the file says today",
                $"check out the configuration of release {current.Release}, or Qualify and Promote this configuration to '{channel}'"));
        }
        if (action == "Deliver")
        {
            refusals.AddRange(delivery.Gates.ForDelivery(channel, subject, QualifyStep.Suites(paths).Hash, DateTimeOffset.UtcNow));
        }
        // The channel record alone is not evidence: its promotion must carry a trusted signature over the same pair.
        try
        {
            Supply.ReleaseAttestations.VerifyPromotion(paths, current, Supply.Signing.Policy(paths));
        }
        catch (AttestationRefusedException e)
        {
            refusals.Add(new GateRefusal("signature", $"the promotion of release {current.Release} to '{channel}' is not signed as it must be: {e.Message}",
                $"./build.sh Promote --channel {channel} --environment {config.Environment} --candidate {current.CandidateId[..12]} (with a key {paths.Relative(Path.Combine(paths.Trust, "policy.yaml"))} trusts for promotions)"));
        }
        if (refusals.Count > 0) throw delivery.Refuse(action, channel, refusals, subject, config.Environment);

        var (candidate, stored) = await Environments.OpenCandidateAsync(paths, current.CandidateId, context.Log, context.CancellationToken).ConfigureAwait(false);
        if (stored.Manifest.TemplateSha256 != current.CandidateSha256)
        {
            throw delivery.Refuse(action, channel, [new GateRefusal("candidate",
                $"the stored candidate file has sha256 {ReleaseNaming.Short(stored.Manifest.TemplateSha256)}, release {current.Release} was promoted with {ReleaseNaming.Short(current.CandidateSha256)}",
                "restore the candidate store from the release's assets")], subject, config.Environment);
        }
        var rollout = RolloutConfigReader.Load(paths.EnvironmentConfig(config.Environment), roles);
        var provider = Environments.Provider(spec, proxmoxSecret, context.Log.Info);
        try
        {
            var swapping = provider as INodeSwapProvider
                ?? throw new BuildInputException($"provider '{provider.Name}' of environment {spec.Name} cannot replace nodes by swap; Deliver needs lxc or proxmox.");
            var kind = action == "Deliver" ? "deliver" : "rollback";
            // The lock first: a second Deliver of the environment is refused (naming this one) before it records anything.
            // (A Rollback took it before promoting again.)
            using var held = lockHeld ? null : EnvironmentLock.Acquire(paths.EnvironmentStates, spec.Name,
                $"{action} of release {current.Release} from channel '{channel}' by {ReleaseStore.DefaultActor}");
            var midSwap = RolloutJournal.Load(paths.EnvironmentStates, spec.Name)?.Entries
                .Where(entry => entry.Phase == SwapPhase.Swapping).Select(entry => entry.Hostname).ToList() ?? [];
            if (delivery.History.RecordInterrupted(channel, midSwap, $"{kind} of release {current.Release}", DateTimeOffset.UtcNow) is { } interrupted)
            {
                context.Log.Warn($"Recorded an interrupted delivery in the history of '{channel}': {interrupted.Message}");
            }
            var started = DateTimeOffset.UtcNow;
            delivery.History.Append(new DeliveryEvent(kind, DeliveryEvent.Started, channel, current.Release, current.CandidateId, current.ConfigurationHash,
                spec.Name, started, null, [], ReleaseStore.DefaultActor, null));
            var deliverer = new EnvironmentDeliverer(swapping, roles,
                new DeliveryOptions(paths.EnvironmentStates, Channel: channel, Release: current.Release, LockHeld: true), context.Log.Info);
            try
            {
                var result = await deliverer.DeliverAsync(spec, candidate, rollout, context.CancellationToken).ConfigureAwait(false);
                delivery.History.Append(new DeliveryEvent(kind, DeliveryEvent.Succeeded, channel, current.Release, current.CandidateId, current.ConfigurationHash,
                    spec.Name, started, DateTimeOffset.UtcNow, result.Changed, ReleaseStore.DefaultActor,
                    result.Applied ? $"{result.Changed.Count} node(s) in {result.Batches.Count} batch(es)" : "already running this release"));
                using (var key = Supply.Signing.Key(paths, signingKeyFile, context.Log))
                {
                    context.Log.Info($"Signed {paths.Relative(Supply.ReleaseAttestations.SignDelivery(paths, current, spec.Name, result.Changed, started, DateTimeOffset.UtcNow, key))}");
                }
                context.ReportSummary("Delivered", $"{current.Release} -> {spec.Name} ({result.Changed.Count} node(s) changed, {result.Elapsed.TotalSeconds:0.0} s)");
            }
            catch (DeliveryFailedException failure)
            {
                delivery.History.Append(new DeliveryEvent(kind, DeliveryEvent.Failed, channel, current.Release, current.CandidateId, current.ConfigurationHash,
                    spec.Name, started, DateTimeOffset.UtcNow, failure.RolledBack, ReleaseStore.DefaultActor, failure.Message));
                var kept = KeepPrevious(paths, delivery, channel, current, signingKeyFile, context.Log);
                throw failure.WithAftermath(kept);
            }
        }
        finally
        {
            (provider as IDisposable)?.Dispose();
        }
    }

    /// <summary>After a failed delivery the channel's current release is the one that was delivered before (promoted again).</summary>
    private static string KeepPrevious(PipelinePaths paths, DeliveryContext delivery, string channel, ReleaseEntry failed, string? signingKeyFile, IBuildLog log)
    {
        var previous = delivery.History.LastSucceeded(channel);
        if (previous?.CandidateId is null || previous.ConfigurationHash is null || (previous.CandidateId == failed.CandidateId && previous.ConfigurationHash == failed.ConfigurationHash))
            return $"channel '{channel}' had no earlier healthy delivery; release {failed.Release} stays current but is not running";
        var entry = delivery.Releases.History(channel).Last(e => e.IsSamePair(previous.CandidateId, previous.ConfigurationHash));
        var outcome = delivery.Releases.Promote(channel, PromotionGate.Admit(entry.CandidateId, entry.CandidateSha256, entry.ConfigurationHash, entry.SuitesHash, delivery.Releases.RecordsDirectory),
            $"{ReleaseStore.DefaultActor} (automatic, after failed delivery of {failed.Release})");
        SignPromotion(paths, outcome.Entry, signingKeyFile, log);
        log.Info(outcome.Message);
        return $"channel '{channel}' keeps release {entry.Release} as current ({outcome.Kind})";
    }

    /// <summary>Rollback: promotes the previous (or the named) release of the channel again, then delivers it.</summary>
    public static async Task RollbackAsync(PipelinePaths paths, string channel, string? to, string? proxmoxSecret, TargetContext context,
        string? signingKeyFile = null)
    {
        var delivery = DeliveryContext.Load(paths);
        var config = delivery.Channels.Require(channel);
        var history = delivery.Releases.History(channel);
        var current = (history.Count > 0 ? history[^1] : null)
            ?? throw delivery.Refuse("Rollback", channel, [new GateRefusal("promoted", $"nothing was promoted to channel '{channel}'", $"./build.sh Promote --channel {channel}")], null, null);
        ReleaseEntry? target;
        if (to is not null)
        {
            target = history.LastOrDefault(e => e.Release == to);
            if (target is null)
                throw delivery.Refuse("Rollback", channel, [new GateRefusal("release", $"release '{to}' was never promoted to channel '{channel}'; known: " +
                    string.Join(", ", history.Select(e => e.Release).Distinct()), $"./build.sh Releases --channel {channel}")], null, null);
        }
        else
        {
            var delivered = delivery.History.Read(channel).Where(e => e.Kind != "refusal" && e.Outcome == DeliveryEvent.Succeeded && e.Release != current.Release)
                .Select(e => e.Release).LastOrDefault();
            target = history.LastOrDefault(e => e.Release == (delivered ?? current.PreviousRelease));
            if (target is null)
                throw delivery.Refuse("Rollback", channel, [new GateRefusal("previous", $"channel '{channel}' has no release before {current.Release}",
                    $"./build.sh Releases --channel {channel}")], null, null);
        }
        // The environment's lock before the channel changes: a Rollback refused because a Deliver runs promotes nothing.
        var environment = Environments.Load(paths, config.Environment, Environments.Roles(paths)).Name;
        using var held = EnvironmentLock.Acquire(paths.EnvironmentStates, environment,
            $"Rollback of channel '{channel}' to release {target.Release} by {ReleaseStore.DefaultActor}");
        // A rollback promotes again exactly the release that was admitted before: its own qualification suites.
        var approval = PromotionGate.Admit(target.CandidateId, target.CandidateSha256, target.ConfigurationHash, target.SuitesHash, delivery.Releases.RecordsDirectory);
        var outcome = delivery.Releases.Promote(channel, approval);
        SignPromotion(paths, outcome.Entry, signingKeyFile, context.Log);
        context.Log.Info(outcome.Message);
        await DeliverAsync(paths, channel, proxmoxSecret, context, "Rollback", signingKeyFile, lockHeld: true).ConfigureAwait(false);
    }

    /// <summary>Every promotion is signed, whoever made it: Promote, Rollback, and the automatic one after a failed delivery.</summary>
    private static void SignPromotion(PipelinePaths paths, ReleaseEntry entry, string? signingKeyFile, IBuildLog log)
    {
        using var key = Supply.Signing.Key(paths, signingKeyFile, log);
        if (Supply.ReleaseAttestations.EnsurePromotionSigned(paths, entry, key) is { } signed) log.Info($"Signed {paths.Relative(signed)}");
    }

    /// <summary>Approve: records who approved the pair that would be promoted to the channel.</summary>
    public static void Approve(PipelinePaths paths, string channel, string? candidateId, string? approver, TargetContext context)
    {
        var delivery = DeliveryContext.Load(paths);
        var config = delivery.Channels.Require(channel);
        var roles = Environments.Roles(paths);
        var hash = Environments.ConfigurationHash(Environments.Load(paths, config.Environment, roles));
        var id = candidateId is not null ? ResolveCandidate(paths, candidateId)
            : config.Requires is { } upstream ? delivery.Releases.Current(upstream)?.CandidateId
                ?? throw new BuildInputException($"Nothing to approve: upstream channel '{upstream}' has no release; pass --candidate <id>.")
            : CandidatePointer.Load(paths).Id;
        var approval = delivery.Approvals.Approve(channel, id, hash, approver ?? ReleaseStore.DefaultActor, DateTimeOffset.UtcNow);
        var count = delivery.Approvals.For(channel, id, hash).Count;
        context.Log.Info($"{approval.ApprovedBy} approved candidate {id[..12]} with configuration {hash[..12]} for channel '{channel}' " +
            $"({count} of {config.Approvals} needed) -> {paths.Relative(delivery.Approvals.PathOf(channel, id, hash, approval.ApprovedBy))}");
        context.ReportSummary("Approved", $"{channel}: {count}/{config.Approvals}");
    }

    private static string ResolveCandidate(PipelinePaths paths, string prefix)
    {
        var match = new Images.Store.CandidateStore(paths.Candidates).List().Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).ToList();
        return match.Count == 1 ? match[0] : throw new BuildInputException(match.Count == 0
            ? $"Candidate '{prefix}' is not in the store {paths.Relative(paths.Candidates)}."
            : $"Candidate prefix '{prefix}' is ambiguous: {string.Join(", ", match)}.");
    }
}

using System.Text;
using System.Text.Json.Nodes;
using CamBuild.Common;
using CamBuild.Images.Packing;
using CamBuild.Images.Store;
using CamBuild.Pipeline.Steps;
using CamBuild.Qualification.Records;
using CamBuild.Qualification.Store;
using CamBuild.Pipeline.Supply;
using CamBuild.SupplyChain.Attestation;
using CamBuild.SupplyChain.Sbom;
using CamBuild.SupplyChain.Trust;
using CamBuild.Targets.Output;

namespace CamBuild.Pipeline.Tests.Supply;

/// <summary>
/// A tiny candidate in a real store (a zstd template whose content is its id), SBOMs written by SbomStep and the
/// provenance signed with the local key, then tampered with: Verify's table and the gate every target passes
/// (Environments.OpenCandidateAsync: DeployEnvironment, Qualify, Promote, Deliver) refuse each tampering.
/// </summary>
[Trait("Category", "integration")]   // zstd
public sealed class SupplyChainGateTests : IAsyncLifetime
{
    private readonly TempDirectory _root = new();
    private readonly PipelinePaths _paths;
    private StoredCandidate _candidate = null!;
    private readonly BuildLog _log = new(TextWriter.Null, new SecretMasker(), Verbosity.Quiet, colour: false);

    public SupplyChainGateTests() => _paths = PipelinePaths.For(_root.Path, "artifacts");

    public async Task InitializeAsync()
    {
        _root.Write("config/trust/policy.yaml", "local_key:\n  sign: [provenance, qualification, promotion]\n");
        var tar = _root.Write("rootfs.tar", "a tiny root filesystem " + Guid.NewGuid());
        var id = Sha256.OfFile(tar).Hex;
        var dir = Directory.CreateDirectory(Path.Combine(_paths.Candidates, id)).FullName;
        var fileName = $"debian-12-cam_1.0-{id[..12]}_amd64.tar.zst";
        await Compression.CompressAsync(tar, Path.Combine(dir, fileName), 3);
        var baseline = SbomSourcesTests.Manifest();
        var manifest = baseline with
        {
            Id = id, FileName = fileName, TemplateSha256 = Sha256.OfFile(Path.Combine(dir, fileName)).Hex,
            DpkgList = ["libc6\t2.36-9+deb12u7\tamd64", "libgcc-s1\t12.2.0-14\tamd64"],
            PipFreeze = new Dictionary<string, string> { ["cam"] = "KatConf==1.0.0\nkatcore==1.0.0\n" },
        };
        File.WriteAllText(Path.Combine(dir, "manifest.json"), manifest.ToJson());
        File.WriteAllText(Path.Combine(dir, "provenance.json"), Provenance.Create(manifest, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, "test"));
        SbomStep.Write(_paths, dir, manifest);
        using (var key = Signing.Key(_paths, null, _log))
            Signing.SignFile(Path.Combine(dir, "provenance.json"), key);
        _candidate = await new CandidateStore(_paths.Candidates).OpenAsync(id);
    }

    private string Envelope => Path.Combine(_candidate.Directory, ProvenanceGate.EnvelopeFile);

    private Task<IReadOnlyList<VerifyCheck>> Verify() => VerifyCandidateStep.CheckAsync(_paths, _candidate.Id, CancellationToken.None);

    private Task<AttestationRefusedException> GateRefuses() => Assert.ThrowsAsync<AttestationRefusedException>(
        () => Environments.OpenCandidateAsync(_paths, _candidate.Id, _log, CancellationToken.None));

    private async Task<VerifyCheck> Row(string check) => (await Verify()).Single(c => c.Check == check);

    [Fact]
    public async Task An_untouched_candidate_passes_every_check_and_the_gate()
    {
        var checks = await Verify();
        Assert.All(checks, c => Assert.True(c.Passed, $"{c.Check} {c.Subject}: {c.Detail}"));
        Assert.Equal(["template", "sbom", "sbom", "provenance"], checks.Select(c => c.Check));
        var (reference, _) = await Environments.OpenCandidateAsync(_paths, _candidate.Id, _log, CancellationToken.None);
        Assert.Equal(_candidate.Id, reference.Id.Value);
        Assert.Contains("FAILED", string.Join("\n", VerifyCandidateStep.Table([new("x", "y", false, "z")])), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_payload_byte_is_refused()
    {
        var doc = JsonNode.Parse(File.ReadAllText(Envelope))!;
        var payload = Convert.FromBase64String((string)doc["payload"]!);
        var at = Encoding.UTF8.GetString(payload).IndexOf("\"test\"", StringComparison.Ordinal) + 1;
        payload[at] = (byte)'T';
        doc["payload"] = Convert.ToBase64String(payload);
        File.WriteAllText(Envelope, doc.ToJsonString());
        Assert.False((await Row("provenance")).Passed);
        Assert.Contains("does not verify", (await GateRefuses()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_from_another_key_is_refused()
    {
        using var other = SigningKey.Generate("other");
        Attestations.Write(Envelope, File.ReadAllText(Path.Combine(_candidate.Directory, "provenance.json")), other);
        Assert.Contains(other.KeyId, (await Row("provenance")).Detail, StringComparison.Ordinal);
        var e = await GateRefuses();
        Assert.Contains("does not list", e.Message, StringComparison.Ordinal);
        Assert.Contains("BakeCandidate --force", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_swapped_subject_digest_signed_by_the_trusted_key_is_refused()
    {
        var statement = File.ReadAllText(Path.Combine(_candidate.Directory, "provenance.json")).Replace(_candidate.Id, new string('e', 64), StringComparison.Ordinal);
        using (var key = Signing.Key(_paths, null, _log))
            Attestations.Write(Envelope, statement, key);
        Assert.False((await Row("provenance")).Passed);
        Assert.Contains("subject 'rootfs.tar' has sha256 eeee", (await GateRefuses()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_attestation_is_refused()
    {
        File.Delete(Envelope);
        Assert.Contains("missing", (await Row("provenance")).Detail, StringComparison.Ordinal);
        Assert.Contains("unsigned provenance", (await GateRefuses()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_the_policy_no_longer_trusts_for_provenance_is_refused()
    {
        _root.Write("config/trust/policy.yaml", "local_key:\n  sign: [delivery]\n");
        Assert.Contains("does not allow to sign provenance", (await GateRefuses()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_sbom_that_no_longer_matches_the_template_fails_verify()
    {
        var path = Path.Combine(_candidate.Directory, CycloneDxWriter.FileName);
        var doc = JsonNode.Parse(File.ReadAllText(path))!;
        doc["components"]!.AsArray().RemoveAt(0);
        File.WriteAllText(path, doc.ToJsonString());
        var row = (await Verify()).First(c => c.Subject == CycloneDxWriter.FileName);
        Assert.False(row.Passed);
        Assert.Contains("missing deb libc6 2.36-9+deb12u7 amd64", row.Detail, StringComparison.Ordinal);
        Assert.True((await Verify()).Single(c => c.Subject == SpdxWriter.FileName).Passed);
    }

    [Fact]
    public async Task The_sboms_are_byte_identical_when_written_again()
    {
        var before = Directory.GetFiles(_candidate.Directory, "sbom.*").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList();
        foreach (var f in Directory.GetFiles(_candidate.Directory, "sbom.*")) File.Delete(f);
        SbomStep.Write(_paths, _candidate.Directory, _candidate.Manifest);
        Assert.Equal(before, Directory.GetFiles(_candidate.Directory, "sbom.*").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToList());
    }

    private async Task<string> SignedRecordAsync()
    {
        var record = new QualificationRecord(QualificationRecord.CurrentFormat, CandidateIdentity.Of(_candidate.Ref), new string('c', 64),
            new string('5', 64), "q-local", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, true, [], null);
        var path = new QualificationStore(_paths.Qualifications).Save(record);
        using (var key = Signing.Key(_paths, null, _log))
            QualificationAttestation.Sign(path, record, key);
        return await Task.FromResult(path);
    }

    [Fact]
    public async Task A_signed_qualification_record_verifies_and_a_changed_or_unsigned_one_fails()
    {
        var path = await SignedRecordAsync();
        // Not beside the records: the record readers take every *.json of that directory.
        Assert.DoesNotContain(Directory.GetFiles(_paths.Qualifications), f => f.EndsWith(".dsse.json", StringComparison.Ordinal));
        var row = (await Verify()).Single(c => c.Check == "qualification");
        Assert.True(row.Passed, row.Detail);

        File.WriteAllText(path, File.ReadAllText(path).Replace("\"passed\": true", "\"passed\": false", StringComparison.Ordinal));
        row = (await Verify()).Single(c => c.Check == "qualification");
        Assert.False(row.Passed);
        Assert.Contains("changed after it was signed", row.Detail, StringComparison.Ordinal);

        File.Delete(QualificationAttestation.EnvelopePath(path));
        Assert.Contains("missing", (await Verify()).Single(c => c.Check == "qualification").Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_refuses_an_unsigned_qualification_record_and_signs_the_promotion_of_a_signed_one()
    {
        // The real suites (their hash is part of what a record and a promotion are about) and the files they name.
        foreach (var dir in new[] { "config/qualification", "samples/acceptance" })
        {
            foreach (var file in Directory.GetFiles(RepositoryRoot.Combine(dir), "*", SearchOption.AllDirectories).Where(f => !f.Contains("__pycache__", StringComparison.Ordinal)))
            {
                var target = _root.Combine(Path.GetRelativePath(RepositoryRoot.Path, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target);
            }
        }
        var suites = QualifyStep.Suites(_paths).Hash;
        var config = new string('c', 64);
        var record = new QualificationRecord(QualificationRecord.CurrentFormat, CandidateIdentity.Of(_candidate.Ref), config, suites, "q-local",
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, true, [new SuiteOutcome("system", "acceptance", 3, 0, 0, 1, "system.xml", [])], null);
        var path = new QualificationStore(_paths.Qualifications).Save(record);
        var context = new CamBuild.Targets.TargetContext("Promote", _log, CancellationToken.None);
        var github = new GitHubSettings(null, null, null);

        var refused = await Assert.ThrowsAsync<AttestationRefusedException>(() => PromoteStep.RunAsync(_paths, _candidate, config, "staging", github, context));
        Assert.Contains("signed qualification attestation is missing", refused.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_paths.Releases, "channels", "staging.jsonl")));

        using (var key = Signing.Key(_paths, null, _log))
            QualificationAttestation.Sign(path, record, key);
        await PromoteStep.RunAsync(_paths, _candidate, config, "staging", github, context);
        var envelope = Assert.Single(Directory.GetFiles(ReleaseAttestations.Directory(_paths, "staging"), "promotion-*.dsse.json"));
        var verified = AttestationVerifier.Verify(envelope, StatementTypes.Promotion, Signing.Policy(_paths),
            [new("rootfs.tar", Sha256.Parse(_candidate.Id, "id")), new("configuration", Sha256.Parse(config, "config"))]);
        Assert.Equal("local key", verified.Signer);
    }

    /// <summary>
    /// The repository's configuration (channels, environments, roles, suites) beside the tiny candidate, a signed
    /// qualification record for the real configuration hash of environment 'local', and the candidate promoted to
    /// staging by the real Promote step.
    /// </summary>
    private async Task<string> PromotedToStagingAsync()
    {
        foreach (var dir in new[] { "config", "samples" })
        {
            foreach (var file in Directory.GetFiles(RepositoryRoot.Combine(dir), "*", SearchOption.AllDirectories)
                         .Where(f => !f.Contains("__pycache__", StringComparison.Ordinal) && !f.Contains("/config/trust/", StringComparison.Ordinal)))
            {
                var target = _root.Combine(Path.GetRelativePath(RepositoryRoot.Path, file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(file, target, overwrite: true);
            }
        }
        var config = Environments.ConfigurationHash(Environments.Load(_paths, "local", Environments.Roles(_paths)));
        await QualifiedAndPromotedAsync(config);
        return config;
    }

    /// <summary>A signed passing qualification record of the candidate with <paramref name="config"/>, promoted to staging.</summary>
    private async Task QualifiedAndPromotedAsync(string config)
    {
        var record = new QualificationRecord(QualificationRecord.CurrentFormat, CandidateIdentity.Of(_candidate.Ref), config, QualifyStep.Suites(_paths).Hash, "q-local",
            DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, true, [new SuiteOutcome("system", "acceptance", 3, 0, 0, 1, "system.xml", [])], null);
        var path = new QualificationStore(_paths.Qualifications).Save(record);
        using (var key = Signing.Key(_paths, null, _log))
            QualificationAttestation.Sign(path, record, key);
        await PromoteStep.RunAsync(_paths, _candidate, config, "staging", new GitHubSettings(null, null, null), Context("Promote"));
    }

    private CamBuild.Targets.TargetContext Context(string target) => new(target, _log, CancellationToken.None);

    private Task<CamBuild.Delivery.Gates.GateRefusedException> DeliverRefuses() => Assert.ThrowsAsync<CamBuild.Delivery.Gates.GateRefusedException>(
        () => DeliverStep.DeliverAsync(_paths, "staging", null, Context("Deliver")));

    private string ChannelFile => Path.Combine(_paths.Releases, "channels", "staging.jsonl");

    [Fact]
    public async Task Deliver_refuses_a_promotion_without_its_signature_and_Promote_signs_it_again()
    {
        await PromotedToStagingAsync();
        var envelope = Assert.Single(Directory.GetFiles(ReleaseAttestations.Directory(_paths, "staging"), "promotion-*.dsse.json"));
        File.Delete(envelope);

        var refused = await DeliverRefuses();
        var gate = Assert.Single(refused.Refusals);
        Assert.Equal("signature", gate.Gate);
        Assert.Contains("attestation is missing", gate.Lacking, StringComparison.Ordinal);
        Assert.Contains("./build.sh Promote --channel staging", gate.Command, StringComparison.Ordinal);

        // Promoting the same pair again changes no channel record but repairs the missing signature.
        var lines = File.ReadAllLines(ChannelFile).Length;
        await PromoteStep.RunAsync(_paths, _candidate, Environments.ConfigurationHash(Environments.Load(_paths, "local", Environments.Roles(_paths))),
            "staging", new GitHubSettings(null, null, null), Context("Promote"));
        Assert.Equal(lines, File.ReadAllLines(ChannelFile).Length);
        Assert.True(File.Exists(envelope));
        var entry = new CamBuild.Release.Store.ReleaseStore(_paths.Releases).Current("staging")!;
        Assert.Equal("local key", ReleaseAttestations.VerifyPromotion(_paths, entry, Signing.Policy(_paths)).Signer);
    }

    [Fact]
    public async Task Deliver_refuses_a_channel_record_edited_by_hand_and_one_signed_by_an_untrusted_key()
    {
        await PromotedToStagingAsync();
        var original = File.ReadAllText(ChannelFile);
        // Someone points the channel at another template: the signed promotion is about the original one.
        var entry = new CamBuild.Release.Store.ReleaseStore(_paths.Releases).Current("staging")!;
        File.WriteAllText(ChannelFile, original.Replace(entry.CandidateSha256, new string('e', 64), StringComparison.Ordinal));
        var edited = await DeliverRefuses();
        Assert.Contains(edited.Refusals, r => r.Gate == "signature" && r.Lacking.Contains("eeeeeeee", StringComparison.Ordinal));

        // The untouched record, its promotion signed by a key the policy does not list.
        File.WriteAllText(ChannelFile, original);
        using (var other = SigningKey.Generate("someone else"))
            ReleaseAttestations.SignPromotion(_paths, entry, other);
        var untrusted = await DeliverRefuses();
        Assert.Contains("does not list", Assert.Single(untrusted.Refusals).Lacking, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Rollback_refused_by_the_environment_lock_promotes_nothing()
    {
        await PromotedToStagingAsync();
        var release = new CamBuild.Release.Store.ReleaseStore(_paths.Releases).Current("staging")!.Release;
        await QualifiedAndPromotedAsync(new string('d', 64));   // a newer release, so the rollback to the first would change the channel
        Assert.NotEqual(release, new CamBuild.Release.Store.ReleaseStore(_paths.Releases).Current("staging")!.Release);
        var before = File.ReadAllText(ChannelFile);
        using (CamBuild.Deploy.State.EnvironmentLock.Acquire(_paths.EnvironmentStates, "local", "a Deliver of the test"))
        {
            var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(
                () => DeliverStep.RollbackAsync(_paths, "staging", release, null, Context("Rollback")));
            Assert.Contains("a Deliver of the test", refused.Message, StringComparison.Ordinal);
        }
        Assert.Equal(before, File.ReadAllText(ChannelFile));
    }

    [Fact]
    public async Task A_signed_rebuild_result_shows_in_verify_and_a_mismatch_fails_it()
    {
        _root.Write("config/trust/policy.yaml", "local_key:\n  sign: [provenance, rebuild]\n");
        using (var key = Signing.Key(_paths, null, _log))
            RebuildAttestation.Sign(_candidate, new CamBuild.Images.Verification.ReproducibilityReport(_candidate.Id, _candidate.Id, true, [], null, 1), key);
        var row = (await Verify()).Single(c => c.Check == "rebuild");
        Assert.True(row.Passed, row.Detail);

        using (var key = Signing.Key(_paths, null, _log))
            RebuildAttestation.Sign(_candidate, new CamBuild.Images.Verification.ReproducibilityReport(_candidate.Id, new string('f', 64), false, ["usr/bin/x"], null, 1), key);
        row = (await Verify()).Single(c => c.Check == "rebuild");
        Assert.False(row.Passed);
        Assert.Contains("rebuilt as ffff", row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_rebuild_gate_needs_a_trusted_identical_rebuild_and_lists_differing_files()
    {
        _root.Write("config/trust/policy.yaml", "local_key:\n  sign: [provenance, rebuild]\n");
        var policy = Signing.Policy(_paths);
        Assert.Contains("no signed rebuild result", RebuildAttestation.Refusal(_candidate.Directory, _candidate.Id, policy), StringComparison.Ordinal);
        using (var key = Signing.Key(_paths, null, _log))
            RebuildAttestation.Sign(_candidate, new CamBuild.Images.Verification.ReproducibilityReport(_candidate.Id, new string('f', 64), false, ["usr/bin/x", "etc/y"], null, 1), key);
        Assert.Contains("differing: usr/bin/x, etc/y", RebuildAttestation.Refusal(_candidate.Directory, _candidate.Id, policy), StringComparison.Ordinal);
        using (var key = Signing.Key(_paths, null, _log))
            RebuildAttestation.Sign(_candidate, new CamBuild.Images.Verification.ReproducibilityReport(_candidate.Id, _candidate.Id, true, [], null, 1), key);
        Assert.Null(RebuildAttestation.Refusal(_candidate.Directory, _candidate.Id, policy));
        using (var other = SigningKey.Generate("other"))
            RebuildAttestation.Sign(_candidate, new CamBuild.Images.Verification.ReproducibilityReport(_candidate.Id, _candidate.Id, true, [], null, 1), other);
        Assert.Contains("does not list", RebuildAttestation.Refusal(_candidate.Directory, _candidate.Id, policy), StringComparison.Ordinal);
        await Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _root.Dispose();
        return Task.CompletedTask;
    }
}

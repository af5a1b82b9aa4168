using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CamBuild.Delivery.History;
using CamBuild.Delivery.Rollout;
using CamBuild.Delivery.Status;
using CamBuild.Deploy.State;
using CamBuild.Pipeline;
using CamBuild.Pipeline.Supply;
using CamBuild.Qualification.Records;
using CamBuild.Qualification.Reporting;
using CamBuild.Release.Store;
using CamBuild.SupplyChain.Attestation;
using CamBuild.SupplyChain.Trust;

namespace CamBuild.Dashboard.Tests.Support;

/// <summary>
/// A small recorded state, written with the pipeline's own record types and writers: two candidates, channels staging
/// and production, promotions, a failed delivery, a rollback, refusals, signed statements, qualification records and
/// a report, SBOMs, environment state and a Status record with one drifted node. Every time is fixed.
/// </summary>
internal sealed class DashboardFixture : IDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _root = new("cambuild-dashboard-");

    public DashboardFixture()
    {
        Paths = PipelinePaths.For(_root.Path, "artifacts");
        _root.Write("config/channels.yaml", """
            channels:
              - name: staging
                environment: local
              - name: production
                environment: cam
                requires: staging
                soak: 24h
                approvals: 1
                rebuild: required
                windows:
                  - days: [mon, tue, wed, thu]
                    hours: "08:00-15:00"
                    time_zone: Africa/Johannesburg
            """);
        _root.Write("config/environments/local.yaml", "# fixture: only the name matters to the dashboard\n");
        _root.Write("config/environments/cam.yaml", "# fixture: only the name matters to the dashboard\n");
        _root.Write("config/trust/policy.yaml", "local_key:\n  sign: [provenance, qualification, promotion, delivery, rebuild]\nkeys: []\n");
        FixtureKey.Install(Paths.Keys);
        Key = LocalSigningKey.LoadOrCreate(Paths.Keys);

        A = Candidate("candidate-a", T0.AddHours(-3), identicalRebuild: true,
            debs: ["bash\t5.2.15-2+b7\tamd64", "libc6\t2.36-9+deb12u9\tamd64", "python3.11\t3.11.2-6+deb12u5\tamd64"],
            python: ["katcp==0.9.3", "numpy==1.26.4", "tornado==6.4.1"]);
        B = Candidate("candidate-b", T0.AddDays(5).AddHours(-2), identicalRebuild: false,
            debs: ["bash\t5.2.15-2+b7\tamd64", "libc6\t2.36-9+deb12u10\tamd64", "openssl\t3.0.15-1~deb12u1\tamd64"],
            python: ["katcp==0.9.3", "numpy==2.1.3", "pyyaml==6.0.2"]);
        ConfigurationA = Sha256.OfText("configuration 1").Hex;
        ConfigurationB = Sha256.OfText("configuration 2").Hex;
        Suites = Sha256.OfText("suites").Hex;

        var recordA = Qualification(A, ConfigurationA, "local", T0.AddHours(-2), failures: 0);
        var recordB = Qualification(B, ConfigurationB, "local", T0.AddDays(5).AddHours(-1), failures: 0);

        R1 = Promote("staging", A, ConfigurationA, recordA, T0, null, ReleaseEntry.PromoteAction);
        Deliver("staging", R1, "local", T0.AddMinutes(10), DeliveryEvent.Succeeded, ["cam-head", "cam-node1", "cam-node2"], null);
        Refuse("production", R1, "cam", T0.AddDays(1),
            "Promote: refused by the gates of channel production:\n  soak: the candidate has run on staging for 23h 50m, 24h are required");
        P1 = Promote("production", A, ConfigurationA, recordA, T0.AddDays(2), null, ReleaseEntry.PromoteAction);
        Deliver("production", P1, "cam", T0.AddDays(2).AddMinutes(20), DeliveryEvent.Succeeded, ["cam-head", "cam-node1"], null);
        R2 = Promote("staging", B, ConfigurationB, recordB, T0.AddDays(5), R1.Release, ReleaseEntry.PromoteAction);
        Deliver("staging", R2, "local", T0.AddDays(5).AddMinutes(15), DeliveryEvent.Failed, ["cam-node1"],
            "health check of cam-node1 failed after the swap: katcp-server not listening on 7147; rolled back 1 node(s)");
        R1Again = Promote("staging", A, ConfigurationA, recordA, T0.AddDays(5).AddHours(1), R2.Release, ReleaseEntry.RollbackAction, R1.Release);
        Deliver("staging", R1Again, "local", T0.AddDays(5).AddHours(1).AddMinutes(2), DeliveryEvent.Succeeded, ["cam-node1"], null, kind: "rollback");

        State("local", A, ConfigurationA, [("cam-head", ["head", "monitor"]), ("cam-node1", ["node"]), ("cam-node2", ["node"])]);
        State("cam", A, ConfigurationA, [("cam-head", ["head"]), ("cam-node1", ["node"])]);
        new DeliveredRecord("local", "staging", R1.Release, A.Id, ConfigurationA, T0.AddDays(5).AddHours(1).AddMinutes(2),
            new Dictionary<string, DateTimeOffset> { ["cam-head"] = T0.AddMinutes(10), ["cam-node1"] = T0.AddDays(5).AddHours(1).AddMinutes(2), ["cam-node2"] = T0.AddMinutes(10) })
            .Save(Paths.EnvironmentStates);
        new StatusRecord(T0.AddDays(5).AddHours(2), new EnvironmentStatus("local", "staging", R1.Release, A.Id, ConfigurationA,
        [
            new NodeStatus("cam-head", R1.Release, A.Id, ConfigurationA, "running", true, true, null, T0.AddMinutes(10)),
            new NodeStatus("cam-node1", R1.Release, A.Id, ConfigurationA, "running", true, true, null, T0.AddDays(5).AddHours(1).AddMinutes(2)),
            new NodeStatus("cam-node2", R1.Release, A.Id, ConfigurationA, "running", false, false, "health: katcp-server not listening on 7147", T0.AddMinutes(10)),
        ])).Save(Paths.EnvironmentStates);
    }

    public PipelinePaths Paths { get; }

    public string Root => _root.Path;

    public SigningKey Key { get; }

    public FixtureCandidate A { get; }

    public FixtureCandidate B { get; }

    public string ConfigurationA { get; }

    public string ConfigurationB { get; }

    public string Suites { get; }

    /// <summary>staging's first release, its second (B), and the rollback line back to the first.</summary>
    public ReleaseEntry R1 { get; }

    public ReleaseEntry R2 { get; }

    public ReleaseEntry R1Again { get; }

    public ReleaseEntry P1 { get; }

    public void Dispose()
    {
        Key.Dispose();
        _root.Dispose();
    }

    /// <summary>A later record: a refusal appended to a channel's delivery history.</summary>
    public void Refuse(string channel, ReleaseEntry? release, string environment, DateTimeOffset at, string message) =>
        new DeliveryHistory(Paths.Releases).Append(new DeliveryEvent("refusal", DeliveryEvent.Refused, channel, release?.Release, release?.CandidateId,
            release?.ConfigurationHash, environment, at, at, [], "ops@control", message));

    private FixtureCandidate Candidate(string seed, DateTimeOffset bakedAt, bool identicalRebuild, string[] debs, string[] python)
    {
        var id = Sha256.OfText(seed).Hex;
        var templateSha = Sha256.OfText(seed + " template").Hex;
        var file = $"cam_1.0.0-{id[..12]}_amd64.tar.zst";
        var directory = Path.Combine(Paths.Candidates, id);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "manifest.json"), new JsonObject
        {
            ["format"] = "cambuild-candidate/1", ["id"] = id, ["name"] = "cam", ["version"] = "1.0.0", ["architecture"] = "amd64",
            ["fileName"] = file, ["templateSha256"] = templateSha, ["templateSize"] = 187_654_321L + seed.Length,
        }.ToJsonString() + "\n");
        var provenance = Statement.Create(StatementTypes.Provenance, [new("rootfs.tar", Sha256.Parse(id, "id")), new(file, Sha256.Parse(templateSha, "sha"))],
            new JsonObject
            {
                ["runDetails"] = new JsonObject
                {
                    ["metadata"] = new JsonObject
                    {
                        ["startedOn"] = Iso(bakedAt.AddMinutes(-9)),
                        ["finishedOn"] = Iso(bakedAt),
                    },
                },
            });
        File.WriteAllText(Path.Combine(directory, "provenance.json"), provenance);
        Signing.SignFile(Path.Combine(directory, "provenance.json"), Key);
        var components = new JsonArray();
        foreach (var deb in debs)
        {
            var parts = deb.Split('\t');
            components.Add(new JsonObject { ["bom-ref"] = $"deb:{parts[0]}:{parts[2]}", ["name"] = parts[0], ["version"] = parts[1] });
        }
        foreach (var dist in python)
        {
            var parts = dist.Split("==");
            components.Add(new JsonObject { ["bom-ref"] = $"pypi:cam:{parts[0]}", ["name"] = parts[0], ["version"] = parts[1] });
        }
        File.WriteAllText(Path.Combine(directory, "sbom.cdx.json"), new JsonObject { ["bomFormat"] = "CycloneDX", ["components"] = components }.ToJsonString() + "\n");
        var predicate = new JsonObject
        {
            ["rebuiltId"] = identicalRebuild ? id : Sha256.OfText(seed + " rebuilt").Hex,
            ["identical"] = identicalRebuild,
            ["differences"] = identicalRebuild ? new JsonArray() : new JsonArray("usr/lib/python3/dist-packages/numpy/__config__.py"),
            ["seconds"] = 312.5,
        };
        Attestations.Write(Path.Combine(directory, RebuildAttestation.EnvelopeFile),
            Statement.Create(StatementTypes.Rebuild, [new("rootfs.tar", Sha256.Parse(id, "id"))], predicate), Key);
        return new FixtureCandidate(id, file, templateSha);
    }

    private (QualificationRecord Record, string File, string Sha256) Qualification(FixtureCandidate candidate, string configuration, string environment,
        DateTimeOffset started, int failures)
    {
        var reportDirectory = Path.Combine(Paths.Reports, $"{candidate.Id[..12]}-{environment}");
        Directory.CreateDirectory(reportDirectory);
        var record = new QualificationRecord(QualificationRecord.CurrentFormat, new CandidateIdentity(candidate.Id, candidate.File, candidate.TemplateSha256),
            configuration, Suites, environment, started, started.AddMinutes(7).AddSeconds(12), failures == 0,
            [
                new SuiteOutcome("integration", "integration", 12, 0, 1, 95.5, $"../reports/{candidate.Id[..12]}-{environment}/integration.junit.xml", []),
                new SuiteOutcome("acceptance", "acceptance", 31, failures, 0, 301.25, $"../reports/{candidate.Id[..12]}-{environment}/acceptance.junit.xml", []),
            ],
            $"../reports/{candidate.Id[..12]}-{environment}/{QualificationReport.FileName}");
        var text = record.ToJson();
        var path = Path.Combine(Paths.Qualifications, record.FileName);
        Directory.CreateDirectory(Paths.Qualifications);
        File.WriteAllText(path, text);
        QualificationAttestation.Sign(path, record, Key);
        var model = new QualificationReportModel(record, [],
            [
                new ReportSuite("integration", "integration", "host", 12, 0, 1, TimeSpan.Zero, 95.5, "integration.junit.xml", "integration.log", []),
                new ReportSuite("acceptance", "acceptance", "cam-head", 31, failures, 0, TimeSpan.FromSeconds(96), 301.25, "acceptance.junit.xml", "acceptance.log", []),
            ], "qualification.junit.xml", []);
        File.WriteAllText(Path.Combine(reportDirectory, QualificationReport.FileName), QualificationReport.RenderHtml(model));
        foreach (var suite in new[] { "integration", "acceptance" })
        {
            File.WriteAllText(Path.Combine(reportDirectory, suite + ".junit.xml"), $"<testsuite name=\"{suite}\" tests=\"1\" failures=\"0\"/>\n");
            File.WriteAllText(Path.Combine(reportDirectory, suite + ".log"), $"{suite}: all tests passed\n");
        }
        File.WriteAllText(Path.Combine(reportDirectory, "qualification.junit.xml"), "<testsuites/>\n");
        return (record, record.FileName, Sha256.OfText(text).Hex);
    }

    private ReleaseEntry Promote(string channel, FixtureCandidate candidate, string configuration, (QualificationRecord Record, string File, string Sha256) qualification,
        DateTimeOffset at, string? previous, string action, string? name = null)
    {
        var store = new ReleaseStore(Paths.Releases);
        Directory.CreateDirectory(store.RecordsDirectory);
        File.Copy(Path.Combine(Paths.Qualifications, qualification.File), Path.Combine(store.RecordsDirectory, qualification.File), overwrite: true);
        var entry = new ReleaseEntry(ReleaseEntry.CurrentFormat, name ?? ReleaseNaming.Derive(channel, at, candidate.Id, configuration), channel, action,
            candidate.Id, candidate.File, candidate.TemplateSha256, configuration, Suites, qualification.File, qualification.Sha256, at, "release-manager@ci", previous);
        Directory.CreateDirectory(store.ChannelsDirectory);
        File.AppendAllText(store.ChannelPath(channel), entry.ToJsonLine());
        ReleaseAttestations.SignPromotion(Paths, entry, Key);
        return entry;
    }

    private void Deliver(string channel, ReleaseEntry release, string environment, DateTimeOffset finished, string outcome, IReadOnlyList<string> nodes,
        string? message, string kind = "deliver")
    {
        var history = new DeliveryHistory(Paths.Releases);
        var started = finished.AddMinutes(-4);
        var start = new DeliveryEvent(kind, DeliveryEvent.Started, channel, release.Release, release.CandidateId, release.ConfigurationHash, environment,
            started, null, [], "release-manager@ci", null);
        history.Append(start);
        history.Append(start with { Outcome = outcome, FinishedAt = finished, Nodes = nodes, Message = message });
        if (outcome == DeliveryEvent.Succeeded)
        {
            ReleaseAttestations.SignDelivery(Paths, release, environment, nodes, started, finished, Key);
        }
    }

    private void State(string environment, FixtureCandidate candidate, string configuration, IReadOnlyList<(string Host, string[] Roles)> nodes) =>
        new EnvironmentStateStore(Paths.EnvironmentStates).Save(new EnvironmentState(environment, "lxc", candidate.Id, configuration,
            Sha256.OfText(environment + " site").Hex,
            [.. nodes.Select((node, i) => new NodeState(node.Host, $"10.77.0.{10 + i}", node.Roles, Sha256.OfText(node.Host + " digest").Hex,
                Sha256.OfText(node.Host + " fingerprint").Hex, $"{environment}-{node.Host}"))]));

    private static string Iso(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}

internal sealed record FixtureCandidate(string Id, string File, string TemplateSha256);

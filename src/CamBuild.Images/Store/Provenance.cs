using System.Text.Json;
using System.Text.Json.Nodes;

namespace CamBuild.Images.Store;

/// <summary>An in-toto Statement v1 with a SLSA Provenance v1 predicate for a candidate.</summary>
public static class Provenance
{
    public const string BuildType = "https://github.com/ska-sa/cambuild/bake-candidate/v1";

    public static string Create(CandidateManifest m, DateTimeOffset started, DateTimeOffset finished, string builderId)
    {
        var deps = new JsonArray { Dependency("os-lock.json", m.Inputs.OsLockSha256) };
        foreach (var p in m.Inputs.OsLock.Packages)
            deps.Add(Dependency($"pkg:deb/debian/{p.Package}@{p.Version}?arch={p.Architecture}", p.Sha256));
        foreach (var e in m.Inputs.Environments)
        {
            deps.Add(Dependency($"{e.Name}/requirements.txt", e.LockSha256));
            foreach (var w in e.Wheels) deps.Add(Dependency($"pkg:pypi/{w.Name}@{w.Version}#{w.FileName}", w.Sha256));
        }
        foreach (var c in m.Inputs.ConfigFiles) deps.Add(Dependency("config:" + c.Destination, c.Sha256));

        var statement = new JsonObject
        {
            ["_type"] = "https://in-toto.io/Statement/v1",
            ["subject"] = new JsonArray
            {
                Subject(m.FileName, m.TemplateSha256),
                Subject("rootfs.tar", m.Id),
            },
            ["predicateType"] = "https://slsa.dev/provenance/v1",
            ["predicate"] = new JsonObject
            {
                ["buildDefinition"] = new JsonObject
                {
                    ["buildType"] = BuildType,
                    ["externalParameters"] = new JsonObject
                    {
                        ["name"] = m.Name, ["version"] = m.Version, ["architecture"] = m.Architecture,
                        ["compressionLevel"] = m.CompressionLevel, ["sourceDateEpoch"] = m.SourceDateEpoch,
                    },
                    ["internalParameters"] = JsonSerializer.SerializeToNode(new { m.Tools, m.Recipe, m.Stages }, Hashing.CanonicalJson),
                    ["resolvedDependencies"] = deps,
                },
                ["runDetails"] = new JsonObject
                {
                    ["builder"] = new JsonObject { ["id"] = builderId },
                    ["metadata"] = new JsonObject
                    {
                        ["invocationId"] = Guid.NewGuid().ToString(),
                        ["startedOn"] = started.UtcDateTime.ToString("O"),
                        ["finishedOn"] = finished.UtcDateTime.ToString("O"),
                    },
                },
            },
        };
        return statement.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static JsonObject Subject(string name, string sha) => new() { ["name"] = name, ["digest"] = new JsonObject { ["sha256"] = sha } };

    private static JsonObject Dependency(string uri, string sha) => new() { ["uri"] = uri, ["digest"] = new JsonObject { ["sha256"] = sha } };
}

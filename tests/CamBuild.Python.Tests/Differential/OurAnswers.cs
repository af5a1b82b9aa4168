using System.Text.Json.Nodes;
using CamBuild.Python.Distributions;
using CamBuild.Python.Markers;
using CamBuild.Python.Requirements;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Tests.Differential;

/// <summary>CamBuild's answer to a case, in the shape packaging_oracle.py answers it.</summary>
internal static class OurAnswers
{
    public static readonly MarkerEnvironment[] Environments =
    [
        MarkerEnvironment.ForCPythonOnLinux("3.11.2"),
        MarkerEnvironment.ForCPythonOnLinux("3.8.18", "aarch64") with { PlatformRelease = "01.0" },
    ];

    public static JsonObject EnvironmentJson(MarkerEnvironment environment)
    {
        var json = new JsonObject();
        foreach (var name in MarkerEnvironment.VariableNames)
        {
            json[name] = environment.Get(name);
        }

        return json;
    }

    public static JsonObject Answer(JsonObject item)
    {
        try
        {
            var answer = item["k"]!.GetValue<string>() switch
            {
                "v" => Version(Text(item, "t")),
                "o" => new JsonObject { ["c"] = Math.Sign(PythonVersion.Parse(Text(item, "a")).CompareTo(PythonVersion.Parse(Text(item, "b")))) },
                "s" => Specifier(Text(item, "t"), item["v"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray()),
                "r" => Requirement(Text(item, "t"), item["e"]!.GetValue<int>()),
                "m" => new JsonObject { ["r"] = Evaluate(MarkerParser.Parse(Text(item, "t")), Environments[item["e"]!.GetValue<int>()], Text(item, "x")) },
                "w" => Wheel(Text(item, "t")),
                var kind => throw new InvalidOperationException($"unknown case kind {kind}"),
            };
            answer["ok"] = true;
            return answer;
        }
        catch (PythonPackagingException error)
        {
            return new JsonObject { ["ok"] = false, ["error"] = error.Message };
        }
    }

    private static string Text(JsonObject item, string key) => item[key]!.GetValue<string>();

    private static JsonObject Version(string text)
    {
        var version = PythonVersion.Parse(text);
        return new JsonObject
        {
            ["n"] = version.ToString(), ["pre"] = version.IsPrerelease, ["post"] = version.IsPostRelease, ["dev"] = version.IsDevRelease,
        };
    }

    private static JsonObject Specifier(string text, string[] versionTexts)
    {
        var set = SpecifierSet.Parse(text);
        var versions = versionTexts.Select(PythonVersion.Parse).ToArray();
        return new JsonObject
        {
            ["clauses"] = new JsonArray([.. versions.Select(v => (JsonNode)new JsonArray([.. set.Specifiers.Select(s => (JsonNode)s.Contains(v))]))]),
            ["policy"] = new JsonArray([.. versions.Select(v => (JsonNode)set.Contains(v))]),
        };
    }

    private static JsonObject Requirement(string text, int environment)
    {
        var requirement = Requirements.Requirement.Parse(text);
        return new JsonObject
        {
            ["name"] = requirement.Name,
            ["extras"] = new JsonArray([.. requirement.Extras.Select(e => (JsonNode)e)]),
            ["spec"] = new JsonArray([.. requirement.Specifier.Specifiers.Select(s => s.ToString()).Order(StringComparer.Ordinal).Select(s => (JsonNode)s)]),
            ["url"] = null,
            ["marker"] = requirement.Marker is null ? null : Evaluate(requirement.Marker, Environments[environment], string.Empty),
        };
    }

    private static JsonNode Evaluate(MarkerExpression marker, MarkerEnvironment environment, string extra)
    {
        try
        {
            return marker.Evaluate(environment, extra);
        }
        catch (PythonPackagingException error)
        {
            return "error:" + error.GetType().Name;
        }
    }

    private static JsonObject Wheel(string fileName)
    {
        var wheel = WheelName.TryParse(fileName, out var problem) ?? throw new PythonPackagingException($"wheel '{fileName}': {problem}");
        return new JsonObject
        {
            ["name"] = wheel.Name,
            ["ver"] = wheel.Version.ToString(),
            ["build"] = wheel.BuildNumber is { } n ? new JsonArray((JsonNode)JsonValue.Create((long)n), wheel.BuildSuffix) : null,
            ["tags"] = new JsonArray([.. wheel.Tags.Select(t => $"{t.Python}-{t.Abi}-{t.Platform}").Order(StringComparer.Ordinal).Select(s => (JsonNode)s)]),
        };
    }
}

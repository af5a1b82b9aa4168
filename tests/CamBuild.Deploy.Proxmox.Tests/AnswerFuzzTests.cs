using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CamBuild.Deploy.Proxmox.Api;
using CamBuild.Fuzzing;
using Xunit.Abstractions;

namespace CamBuild.Deploy.Proxmox.Tests;

/// <summary>
/// Hostile Proxmox answers (wrong types, missing and renamed fields, huge arrays, deep nesting, keys twice, broken JSON,
/// odd status codes and media types) read by the client exactly as a real answer is: the transport's envelope reader,
/// then the reader of the call. The only exceptions allowed are the provider's documented ones: InvalidDataException
/// (a malformed answer) and ProxmoxApiException (an error status).
/// </summary>
public sealed class AnswerFuzzTests(ITestOutputHelper output)
{
    private const string Upid = "UPID:pve1:000D7AA2:08D5A17C:63DF62A5:vzcreate:105:root@pam!deploy:";

    private static readonly Upid TaskId = Api.Upid.Parse(Upid);

    /// <summary>Real-shaped answers of each call the client reads (fields as in the official API description).</summary>
    private static readonly (string Call, string Json)[] Answers =
    [
        ("version", """{"data":{"version":"8.2.4","release":"8.2","repoid":"faa83925c9641325"}}"""),
        ("resources", """{"data":[{"id":"lxc/105","type":"lxc","node":"pve1","vmid":105,"name":"web1","status":"running","tags":"cambuild;env-local","maxmem":536870912,"mem":12345},{"id":"storage/pve1/local","type":"storage","node":"pve1","storage":"local","shared":0,"content":"vztmpl,iso,backup"},{"id":"node/pve1","type":"node","node":"pve1","status":"online","maxmem":"8589934592"}]}"""),
        ("nextid", """{"data":"106"}"""),
        ("content", """{"data":[{"volid":"local:vztmpl/cam-1.tar.zst","format":"tzst","size":283115520,"content":"vztmpl"}]}"""),
        ("status", """{"data":{"vmid":105,"status":"running","name":"web1","tags":"cambuild","lock":null}}"""),
        ("config", """{"data":{"hostname":"web1","cores":1,"memory":512,"net0":"name=eth0,bridge=vmbr0,ip=10.80.0.11/24","unprivileged":1,"digest":"0123abcd"}}"""),
        ("task", """{"data":{"upid":"UPID:pve1:000D7AA2:08D5A17C:63DF62A5:vzcreate:105:root@pam!deploy:","status":"stopped","exitstatus":"WARNINGS: 2","node":"pve1"}}"""),
        ("log", """{"data":[{"n":1,"t":"extracting archive"},{"n":2,"t":"TASK OK"}]}"""),
        ("upid", """{"data":"UPID:pve1:000D7AA2:08D5A17C:63DF62A5:vzcreate:105:root@pam!deploy:"}"""),
        ("delete", """{"data":null}"""),
        ("ticket", """{"data":{"ticket":"PVE:root@pam:63DF62A5::c2lnbmF0dXJl","CSRFPreventionToken":"63DF62A5:Y3NyZg","username":"root@pam"}}"""),
        ("error", """{"data":null,"errors":{"vmid":"value must be at least 100"},"message":"Parameter verification failed.\n"}"""),
    ];

    private static object? Read(string call, JsonElement data) => call switch
    {
        "version" => ProxmoxAnswers.Version(data),
        "resources" => ProxmoxAnswers.ClusterResources(data).Select(r => r.ContentTypes.Count).Sum(),
        "nextid" => ProxmoxAnswers.NextId(data),
        "content" => ProxmoxAnswers.StorageContent(data),
        "status" => ProxmoxAnswers.ContainerStatus(data, 105).Running,
        "config" => ProxmoxAnswers.ContainerConfig(data),
        "task" => ProxmoxAnswers.TaskStatus(data, TaskId).Succeeded,
        "log" => ProxmoxAnswers.TaskLog(data),
        "upid" => ProxmoxAnswers.ToUpid(data),
        "delete" => ProxmoxAnswers.OptionalUpid(data),
        "ticket" => ProxmoxAnswers.Ticket(data),
        _ => ProxmoxAnswers.ToUpid(data),
    };

    [Fact]
    public void Ten_thousand_hostile_answers_end_in_a_documented_exception_or_a_value_never_a_crash_or_a_hang()
    {
        var report = Fuzz.Run("Proxmox answers", 4711, 10_000, Generate, Parse,
            e => e is InvalidDataException or ProxmoxApiException);

        output.WriteLine(report.ToString());
        Assert.Equal(10_000, report.Cases);
        Assert.True(report.Crashes.Count == 0 && report.Hangs.Count == 0, report.ToString());
        Assert.InRange(report.Accepted, 300, 9_500); // the generator reaches both outcomes
    }

    [Fact]
    public void Each_real_shaped_answer_is_read()
    {
        foreach (var (call, json) in Answers.Where(a => a.Call != "error"))
            Assert.Null(Record.Exception(() => Parse($"{call} 200 application/json\n{json}")));
        var error = Assert.Throws<ProxmoxApiException>(() => Parse($"error 400 application/json\n{Answers[^1].Json}"));
        Assert.Contains("value must be at least 100", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("resources", """{"data":{"id":"lxc/105"}}""", "where a list was expected")]
    [InlineData("config", """{"data":[1,2]}""", "where an object was expected")]
    [InlineData("status", """{"data":"running"}""", "where an object was expected")]
    [InlineData("upid", """{"data":"UPID:../../etc"}""", "where a task id")]
    [InlineData("nextid", """{"data":"1e400"}""", "not a VMID")]
    [InlineData("ticket", """{"data":{"ticket":7}}""", "no ticket")]
    [InlineData("version", """{"data":{"version":"8"}""", "does not parse")]
    [InlineData("version", """[{"data":1}]""", "envelope")]
    public void A_malformed_answer_is_an_invalid_data_exception_naming_what_is_wrong(string call, string json, string fragment)
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse($"{call} 200 application/json\n{json}"));

        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_given_twice_in_a_container_config_keeps_the_last_value()
    {
        var config = (IReadOnlyDictionary<string, string>)Parse("config 200 application/json\n{\"data\":{\"cores\":1,\"cores\":4}}")!;

        Assert.Equal("4", config["cores"]);
    }

    /// <summary>First line: call, status code, media type; then the body.</summary>
    private static object? Parse(string input)
    {
        var newline = input.IndexOf('\n', StringComparison.Ordinal);
        var head = input[..newline].Split(' ');
        using var response = new HttpResponseMessage((HttpStatusCode)int.Parse(head[1], System.Globalization.CultureInfo.InvariantCulture))
        {
            Content = new StringContent(input[(newline + 1)..], Encoding.UTF8, head[2]),
        };
        var data = ProxmoxTransport.ReadAsync(response, "GET", "/fuzz/" + head[0], CancellationToken.None).GetAwaiter().GetResult();
        return Read(head[0], data);
    }

    private static readonly int[] Statuses = [200, 200, 200, 200, 200, 200, 200, 201, 204, 400, 401, 403, 500, 595];
    private static readonly string[] MediaTypes = ["application/json", "application/json", "application/json", "application/json", "application/json", "text/html", "application/x-json"];

    private static string Generate(Random random)
    {
        var (call, json) = Answers[random.Next(Answers.Length)];
        if (random.Next(8) == 0) call = Answers[random.Next(Answers.Length)].Call; // an answer meant for another call
        var body = random.Next(4) switch
        {
            0 => Fuzz.Generate(random, [json]), // text-level damage: truncation, stray quotes and brackets, random bytes
            _ => Structured(random, json),
        };
        return $"{call} {Statuses[random.Next(Statuses.Length)]} {MediaTypes[random.Next(MediaTypes.Length)]}\n{body}";
    }

    private static string Structured(Random random, string json)
    {
        var root = JsonNode.Parse(json)!;
        for (var m = 1 + random.Next(4); m > 0; m--) root = Mutate(random, root, 0);
        var text = root.ToJsonString();
        return random.Next(10) switch
        {
            0 => DuplicateKey(text),
            2 => new string('[', random.Next(100, 20_000)) + text, // nesting far deeper than any reader allows, unclosed
            3 when random.Next(2) == 0 => "{\"data\":" + string.Concat(Enumerable.Repeat("{\"a\":", 3_000)) + "1" + new string('}', 3_001),
            1 => text.Replace(":1", ":1e400", StringComparison.Ordinal).Replace(":0", ":-0.5", StringComparison.Ordinal), // numbers out of range
            _ => text,
        };
    }

    private static JsonNode Mutate(Random random, JsonNode node, int depth)
    {
        var children = node switch
        {
            JsonObject o => o.Select(p => p.Key).ToList(),
            JsonArray a => Enumerable.Range(0, a.Count).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            _ => [],
        };
        if (children.Count > 0 && random.Next(3) > 0 && depth < 6)
        {
            var key = children[random.Next(children.Count)];
            var child = node is JsonObject obj ? obj[key] : ((JsonArray)node)[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)];
            if (child is not null)
            {
                var mutated = Mutate(random, child, depth + 1);
                if (!ReferenceEquals(mutated, child)) Replace(node, key, mutated);
                else if (node is JsonObject o && random.Next(4) == 0) o.Remove(key); // a missing field
                return node;
            }
        }
        switch (random.Next(7))
        {
            case 0:
                return RandomValue(random, 0);
            case 1: // deep nesting
                JsonNode deep = node.DeepClone();
                for (var i = random.Next(10, 200); i > 0; i--)
                    deep = random.Next(2) == 0 ? new JsonArray(deep) : new JsonObject { ["data"] = deep };
                return deep;
            case 2: // a huge array
                var huge = new JsonArray();
                var item = node is JsonValue ? node : JsonValue.Create("x");
                for (var i = random.Next(1_000, 20_000); i > 0; i--) huge.Add(i % 7 == 0 ? item.DeepClone() : JsonValue.Create(i));
                return huge;
            case 3 when node is JsonObject o && o.Count > 0: // a renamed field
                var name = o.First().Key;
                var value = o[name]?.DeepClone();
                o.Remove(name);
                o[random.Next(2) == 0 ? name.ToUpperInvariant() : name + "_"] = value;
                return node;
            case 4 when node is JsonObject o:
                o["x" + random.Next(1000)] = RandomValue(random, 0);
                return node;
            default:
                return RandomValue(random, 0);
        }
    }

    private static void Replace(JsonNode parent, string key, JsonNode value)
    {
        if (parent is JsonObject o) o[key] = value;
        else ((JsonArray)parent)[int.Parse(key, System.Globalization.CultureInfo.InvariantCulture)] = value;
    }

    private static JsonNode RandomValue(Random random, int depth) => random.Next(depth > 2 ? 7 : 9) switch
    {
        0 => JsonValue.Create(random.Next(3) switch { 0 => long.MaxValue, 1 => -1L, _ => (long)random.Next() }),
        1 => JsonValue.Create(random.NextDouble() * 1e300),
        2 => JsonValue.Create(random.Next(2) == 0),
        3 => JsonValue.Create(""),
        4 => JsonValue.Create(Fuzz.Generate(random, [Upid, "running", "stopped", "OK", "106", "local:vztmpl/x.tar.zst"])),
        5 => JsonValue.Create(new string('A', random.Next(1, 20_000))),
        6 => JsonValue.Create(-0.0),
        7 => new JsonArray(RandomValue(random, depth + 1), RandomValue(random, depth + 1)),
        _ => new JsonObject { ["vmid"] = RandomValue(random, depth + 1), ["status"] = RandomValue(random, depth + 1) },
    };

    private static string DuplicateKey(string text)
    {
        var at = text.IndexOf("\":", StringComparison.Ordinal);
        if (at < 0) return text;
        var start = text.LastIndexOf('"', at - 1);
        var key = text[start..(at + 2)];
        return text.Insert(start, key + "\"twice\",");
    }
}

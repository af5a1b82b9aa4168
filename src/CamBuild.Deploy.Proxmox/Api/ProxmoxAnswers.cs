using System.Text.Json;

namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>
/// Reads the <c>data</c> of each Proxmox answer the deploy tool uses. An answer of the wrong shape (an object where a
/// list belongs, a missing task id, a string that is no UPID) is an <see cref="InvalidDataException"/> naming the call,
/// never another exception type; a missing optional field is read as absent.
/// </summary>
internal static class ProxmoxAnswers
{
    public static PveVersion Version(JsonElement data) =>
        new(JsonValues.String(data, "version") ?? "", JsonValues.String(data, "release") ?? "", JsonValues.String(data, "repoid"));

    public static IReadOnlyList<ClusterResource> ClusterResources(JsonElement data) =>
        Items(data, "/cluster/resources").Select(r => new ClusterResource(
            JsonValues.String(r, "id") ?? "", JsonValues.String(r, "type") ?? "", JsonValues.String(r, "node"),
            Int(JsonValues.Long(r, "vmid")), JsonValues.String(r, "name"), JsonValues.String(r, "status"),
            JsonValues.String(r, "tags"), JsonValues.String(r, "lock"), JsonValues.Long(r, "maxmem"), JsonValues.Long(r, "mem"),
            JsonValues.String(r, "storage"), JsonValues.Long(r, "shared") == 1, JsonValues.String(r, "content"),
            JsonValues.String(r, "plugintype"))).ToList();

    public static IReadOnlyList<TaskListItem> TaskList(JsonElement data) =>
        Items(data, "task list").Select(t => new TaskListItem(JsonValues.String(t, "upid") ?? "", JsonValues.String(t, "type") ?? "",
            JsonValues.String(t, "id") ?? "", JsonValues.Long(t, "starttime") ?? 0, JsonValues.String(t, "status"), JsonValues.Long(t, "endtime"))).ToList();

    public static int NextId(JsonElement data) =>
        Int(JsonValues.AsLong(data)) is { } id and > 0 ? id : throw new InvalidDataException($"/cluster/nextid answered '{Shown(data)}', not a VMID");

    public static IReadOnlyList<StorageContentItem> StorageContent(JsonElement data) =>
        Items(data, "storage content").Select(i => new StorageContentItem(JsonValues.String(i, "volid") ?? "", JsonValues.String(i, "format") ?? "",
            JsonValues.Long(i, "size") ?? -1, JsonValues.String(i, "content") ?? "")).ToList();

    public static ContainerStatus ContainerStatus(JsonElement data, int vmid) =>
        new(Int(JsonValues.Long(Object(data, "container status"), "vmid")) ?? vmid, JsonValues.String(data, "status") ?? "unknown",
            JsonValues.String(data, "lock"), JsonValues.String(data, "name"), JsonValues.String(data, "tags"));

    /// <summary>The container's configuration keys; a key given twice keeps its last value, as Proxmox's own reader does.</summary>
    public static IReadOnlyDictionary<string, string> ContainerConfig(JsonElement data)
    {
        var config = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in Object(data, "container config").EnumerateObject()) config[property.Name] = JsonValues.AsString(property.Value);
        return config;
    }

    public static ProxmoxTaskStatus TaskStatus(JsonElement data, Upid upid) =>
        new(upid.Text, JsonValues.String(Object(data, "task status"), "status") ?? "", JsonValues.String(data, "exitstatus"));

    public static IReadOnlyList<TaskLogLine> TaskLog(JsonElement data) =>
        Items(data, "task log").Select(l => new TaskLogLine(Int(JsonValues.Long(l, "n")) ?? 0, JsonValues.String(l, "t") ?? "")).ToList();

    public static Upid ToUpid(JsonElement data) =>
        OptionalUpid(data) ?? throw new InvalidDataException($"Proxmox answered '{Shown(data)}' where a task id (UPID) was expected");

    /// <summary>Null for an answer without a task (JSON null); a string that is no UPID is refused.</summary>
    public static Upid? OptionalUpid(JsonElement data) => data.ValueKind switch
    {
        JsonValueKind.String when Upid.TryParse(data.GetString(), out var upid) => upid,
        JsonValueKind.String => throw new InvalidDataException($"Proxmox answered '{Shown(data)}' where a task id (UPID:node:pid:pstart:starttime:type:id:user:) was expected"),
        _ => null,
    };

    /// <summary>The ticket and CSRF token of a <c>POST /access/ticket</c> answer.</summary>
    public static (string Ticket, string? Csrf) Ticket(JsonElement data) =>
        (Object(data, "/access/ticket").TryGetProperty("ticket", out var ticket) && ticket.ValueKind == JsonValueKind.String && ticket.GetString() is { Length: > 0 } text
            ? text
            : throw new InvalidDataException("Proxmox login answer has no ticket (a non-empty string)"),
            JsonValues.String(data, "CSRFPreventionToken"));

    private static IEnumerable<JsonElement> Items(JsonElement data, string call) => data.ValueKind == JsonValueKind.Array
        ? data.EnumerateArray()
        : throw new InvalidDataException($"Proxmox answered {call} with {Kind(data)} '{Shown(data)}' where a list was expected");

    private static JsonElement Object(JsonElement data, string call) => data.ValueKind == JsonValueKind.Object
        ? data
        : throw new InvalidDataException($"Proxmox answered {call} with {Kind(data)} '{Shown(data)}' where an object was expected");

    private static int? Int(long? value) => value is >= int.MinValue and <= int.MaxValue ? (int)value.Value : null;

    private static string Kind(JsonElement data) => data.ValueKind.ToString().ToLowerInvariant();

    private static string Shown(JsonElement data)
    {
        var text = data.GetRawText();
        return text.Length > 80 ? text[..80] + "..." : text;
    }
}

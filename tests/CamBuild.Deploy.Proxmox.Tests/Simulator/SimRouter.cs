using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace CamBuild.Deploy.Proxmox.Tests.Simulator;

/// <summary>pveproxy's request pipeline: route by schema, parse, authenticate, inject faults, validate, handle, answer.</summary>
internal sealed class SimRouter(ProxmoxSimulator sim)
{
    private const string Prefix = "/api2/json";

    public async Task HandleAsync(HttpContext context)
    {
        sim.Count();
        if (sim.Latency > TimeSpan.Zero) await Task.Delay(sim.Latency).ConfigureAwait(false);
        var method = context.Request.Method;
        var raw = context.Features.Get<IHttpRequestFeature>()!.RawTarget.Split('?')[0];
        try
        {
            if (!raw.StartsWith(Prefix + "/", StringComparison.Ordinal)) throw new PveError(501, $"Method '{method} {raw}' not implemented");
            var segments = raw[Prefix.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
            var path = "/" + string.Join('/', segments);
            var route = PveSchema.Official.Match(segments) ?? throw new PveError(501, $"Method '{method} {path}' not implemented");
            var info = PveSchema.Official.Method(route.Template, method) ?? throw new PveError(501, $"Method '{method} {path}' not implemented");
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            var (parameters, file) = await SimRequestReader.ReadAsync(context.Request, route.Template).ConfigureAwait(false);
            foreach (var (name, value) in route.PathParameters)
            {
                if (parameters.TryGetValue(name, out var other) && other != value)
                    throw PveError.Parameter(name, "duplicate parameter (already defined in URI) with conflicting values!");
                parameters[name] = value;
            }
            var isLogin = route.Template == "/access/ticket" && method == "POST";
            var user = isLogin ? "" : sim.Auth.Authenticate(headers, method != "GET");
            var request = new SimRequest(method, path, route.Template, parameters, headers, user, file);
            sim.Requests.Enqueue(request);
            if (route.PathParameters.TryGetValue("node", out var node)) sim.Cluster.RequireReachable(node);
            if (sim.Cluster.Faults.TakeRequestFault(method, path, afterHandling: false) is { } before)
            {
                if (before.Status == SimFaults.DroppedStatus) { context.Abort(); return; }
                throw new PveError(before.Status, before.Message);
            }
            var errors = ParameterValidator.Validate(info, parameters);
            if (errors.Count > 0)
            {
                sim.Violations.Enqueue(new SchemaViolation(method, path, errors));
                throw new PveError(400, "Parameter verification failed.", errors);
            }
            var (data, total) = Dispatch(request);
            if (sim.Cluster.Faults.TakeRequestFault(method, path, afterHandling: true) is { } after)
            {
                if (after.Status == SimFaults.DroppedStatus) { context.Abort(); return; }
                throw new PveError(after.Status, after.Message);
            }
            var body = new Dictionary<string, object?> { ["data"] = data };
            if (total is not null) body["total"] = total;
            await ProxmoxSimulator.WriteAsync(context, 200, null, body).ConfigureAwait(false);
        }
        catch (PveError error)
        {
            // 401 from the auth layer has an empty body; the login failure is JSON.
            var body = error.Status == 401 && raw != Prefix + "/access/ticket" ? null
                : new Dictionary<string, object?> { ["data"] = null, ["message"] = error.Message + "\n" };
            if (body is not null && error.Errors is not null) body["errors"] = error.Errors;
            await ProxmoxSimulator.WriteAsync(context, error.Status, error.Message.Split('\n')[0], body).ConfigureAwait(false);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            sim.InternalErrors.Enqueue($"{method} {raw}: {error}");
            await ProxmoxSimulator.WriteAsync(context, 500, "simulator error: " + error.GetType().Name + " " + error.Message.Split('\n')[0], new Dictionary<string, object?> { ["data"] = null }).ConfigureAwait(false);
        }
    }

    private (object? Data, long? Total) Dispatch(SimRequest r)
    {
        var c = sim.Cluster;
        var p = r.Parameters;
        string? Opt(string name) => p.GetValueOrDefault(name);
        switch ((r.Method, r.Template))
        {
            case ("POST", "/access/ticket"): return (sim.Auth.Login(p), null);
            case ("GET", "/version"): return (SimCluster.Version(), null);
            case ("GET", "/cluster/resources"): return (c.Resources(Opt("type")), null);
            case ("GET", "/cluster/nextid"): return (c.NextId(Opt("vmid")), null);
            case ("GET", "/nodes"): return (c.Members(), null);
            case ("GET", "/nodes/{node}/storage/{storage}/content"): return (c.StorageContent(r.P("node"), r.P("storage"), Opt("content")), null);
            case ("POST", "/nodes/{node}/storage/{storage}/upload"): return (c.Upload(r.P("node"), r.P("storage"), p, r.File ?? [], r.User), null);
            case ("DELETE", "/nodes/{node}/storage/{storage}/content/{volume}"): return (c.DeleteContent(r.P("node"), r.P("storage"), r.P("volume"), r.User), null);
            case ("POST", "/nodes/{node}/lxc"): return (c.CreateContainer(r.P("node"), p, r.User), null);
            case ("DELETE", "/nodes/{node}/lxc/{vmid}"): return (c.DeleteContainer(r.P("node"), r.P("vmid"), p, r.User), null);
            case ("GET", "/nodes/{node}/lxc/{vmid}/config"): return (c.GetConfig(r.P("node"), r.P("vmid")), null);
            case ("PUT", "/nodes/{node}/lxc/{vmid}/config"): return (c.PutConfig(r.P("node"), r.P("vmid"), p), null);
            case ("GET", "/nodes/{node}/lxc/{vmid}/status/current"): return (c.ContainerStatus(r.P("node"), r.P("vmid")), null);
            case ("POST", "/nodes/{node}/lxc/{vmid}/status/start"): return (c.PowerAction(r.P("node"), r.P("vmid"), "start", r.User), null);
            case ("POST", "/nodes/{node}/lxc/{vmid}/status/stop"): return (c.PowerAction(r.P("node"), r.P("vmid"), "stop", r.User), null);
            case ("POST", "/nodes/{node}/lxc/{vmid}/status/shutdown"): return (c.PowerAction(r.P("node"), r.P("vmid"), "shutdown", r.User), null);
            case ("POST", "/nodes/{node}/lxc/{vmid}/template"): return (c.ConvertToTemplate(r.P("node"), r.P("vmid"), r.User), null);
            case ("POST", "/nodes/{node}/lxc/{vmid}/clone"): return (c.CloneContainer(r.P("node"), r.P("vmid"), p, r.User), null);
            case ("PUT", "/nodes/{node}/lxc/{vmid}/resize"): return (c.ResizeContainer(r.P("node"), r.P("vmid"), p, r.User), null);
            case ("GET", "/nodes/{node}/tasks"): return (c.TaskList(r.P("node"), p), null);
            case ("GET", "/nodes/{node}/tasks/{upid}/status"): return (c.TaskStatusOf(r.P("node"), r.P("upid")), null);
            case ("GET", "/nodes/{node}/tasks/{upid}/log"):
                var (lines, total) = c.TaskLog(r.P("node"), r.P("upid"), int.Parse(Opt("start") ?? "0", CultureInfo.InvariantCulture),
                    int.Parse(Opt("limit") ?? "50", CultureInfo.InvariantCulture));
                return (lines, total);
            default:
                throw new PveError(501, $"Method '{r.Method} {r.Path}' not implemented (by the simulator)");
        }
    }
}

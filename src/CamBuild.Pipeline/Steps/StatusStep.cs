using System.Globalization;
using System.Text;
using CamBuild.Delivery.History;
using CamBuild.Delivery.Status;
using CamBuild.Targets;

namespace CamBuild.Pipeline.Steps;

/// <summary>An environment drifted from its record or is unhealthy: Status fails (exit code 1).</summary>
internal sealed class EnvironmentNotCleanException(string message) : Exception(message);

/// <summary>Status (what runs against what was delivered) and Releases (a channel's history, newest first).</summary>
public static class StatusStep
{
    public static async Task<EnvironmentStatus> StatusAsync(PipelinePaths paths, string environment, bool json, string? proxmoxSecret, TargetContext context)
    {
        var roles = Environments.Roles(paths);
        var spec = Environments.Load(paths, environment, roles);
        var delivery = DeliveryContext.TryLoad(paths);
        var provider = Environments.Provider(spec, proxmoxSecret, context.Log.Info);
        try
        {
            var reader = new StatusReader(provider, roles, paths.EnvironmentStates, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(30));
            var status = await reader.ReadAsync(spec, (candidate, configuration) => delivery?.ReleaseOf(candidate, configuration), context.CancellationToken)
                .ConfigureAwait(false);
            // Recorded before the verdict (clean or not): the dashboard shows the last Status of every environment.
            var recorded = new StatusRecord(DateTimeOffset.UtcNow, status).Save(paths.EnvironmentStates);
            context.Log.Debug($"Status recorded in {paths.Relative(recorded)}");
            var text = json ? status.ToJson() : StatusTable.Render(status);
            // The table/JSON is the target's output: written as is so that --json can be piped.
            await Console.Out.WriteLineAsync(text.TrimEnd()).ConfigureAwait(false);
            context.ReportSummary("Status", status.Clean ? "clean" : "NOT CLEAN");
            if (!status.Clean)
            {
                var bad = status.Nodes.Where(node => node.Drifted || !node.Healthy)
                    .Select(node => $"{node.Hostname}: {(node.Drifted ? $"drift ({node.Container}, fingerprint {(node.FingerprintMatches == false ? "differs" : "n/a")})" : "")}" +
                        $"{(node.Healthy ? "" : $" unhealthy: {node.HealthProblem}")}".Trim());
                throw new EnvironmentNotCleanException($"environment '{spec.Name}' is not clean:\n  {string.Join("\n  ", bad)}");
            }
            return status;
        }
        finally
        {
            (provider as IDisposable)?.Dispose();
        }
    }

    public static string Releases(PipelinePaths paths, string channel, TargetContext context)
    {
        var delivery = DeliveryContext.Load(paths);
        delivery.Channels.Require(channel);
        var rows = new List<(DateTimeOffset At, string Action, string Release, string Outcome, string By, string Detail)>();
        foreach (var entry in delivery.Releases.History(channel))
        {
            rows.Add((entry.PromotedAt, entry.Action, entry.Release, "current" , entry.PromotedBy,
                $"candidate {entry.CandidateId[..12]}, configuration {entry.ConfigurationHash[..12]}, qualification " +
                paths.Relative(Path.Combine(delivery.Releases.RecordsDirectory, entry.QualificationRecord))));
        }
        var current = delivery.Releases.Current(channel)?.Release;
        rows = [.. rows.Select((row, index) => row with { Outcome = index == rows.Count - 1 ? "current" : "" })];
        foreach (var e in delivery.History.Read(channel).Where(e => e.Outcome != DeliveryEvent.Started))
        {
            rows.Add((e.FinishedAt ?? e.StartedAt, e.Kind, e.Release ?? "-", e.Outcome, e.By,
                e.Kind == "refusal" ? FirstLines(e.Message) : $"{e.Environment}: {e.Nodes.Count} node(s){(e.Message is null ? "" : "; " + FirstLines(e.Message))}"));
        }
        var text = new StringBuilder($"Channel {channel}: current release {current ?? "(none)"}\n");
        foreach (var row in rows.OrderByDescending(row => row.At))
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{row.At.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z  {row.Action,-8}  {row.Outcome,-9}  {row.Release}  by {row.By}\n      {row.Detail}\n");
        }
        Console.Out.WriteLine(text.ToString().TrimEnd());
        context.ReportSummary("Releases", $"{channel}: {rows.Count} event(s)");
        return text.ToString();
    }

    private static string FirstLines(string? message) =>
        message is null ? "" : string.Join(" | ", message.Split('\n').Take(3).Select(line => line.Trim()));
}

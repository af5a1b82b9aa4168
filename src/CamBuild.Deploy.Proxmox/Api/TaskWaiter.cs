namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>Polls a task until it stops, with growing intervals; failure carries the last lines of the task log.</summary>
internal sealed record TaskWaiter(TimeSpan FirstPoll, TimeSpan MaxPoll, TimeSpan Timeout, int LogLinesOnFailure = 10)
{
    public static TaskWaiter Default { get; } = new(TimeSpan.FromMilliseconds(300), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(15));

    public async Task<ProxmoxTaskStatus> WaitAsync(ProxmoxApi api, Upid upid, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(upid);
        var deadline = DateTimeOffset.UtcNow + Timeout;
        var interval = FirstPoll;
        while (true)
        {
            await Task.Delay(interval, ct).ConfigureAwait(false);
            var status = await api.GetTaskStatusAsync(upid, ct).ConfigureAwait(false);
            if (status.Stopped)
            {
                if (status.Succeeded) return status;
                var log = await api.GetTaskLogAsync(upid, ct).ConfigureAwait(false);
                throw new ProxmoxTaskFailedException(upid, status.ExitStatus ?? "unknown exit status",
                    log.TakeLast(LogLinesOnFailure).Select(l => l.Text).ToList());
            }
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"Proxmox task {upid.Type} for '{upid.Id}' on {upid.Node} still running after " +
                    $"{Timeout.TotalSeconds:0} s ({upid.Text}); raise provider setting task_timeout_seconds or check the task in the web UI.");
            interval = TimeSpan.FromMilliseconds(Math.Min(MaxPoll.TotalMilliseconds, interval.TotalMilliseconds * 1.5));
        }
    }
}

using CamBuild.Deploy.Model;

namespace CamBuild.Deploy.Local;

/// <summary>
/// The environment's Linux bridge, holding the gateway address. Only a bridge this tool created (recorded in
/// <c>lxc/&lt;env&gt;/bridge</c>) is ever removed; no NAT and no routes to the outside are added.
/// </summary>
internal static class LxcBridge
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static bool Exists(string bridge) => Directory.Exists(Path.Combine("/sys/class/net", bridge));

    public static async Task EnsureAsync(NetworkSpec network, string markerFile, CancellationToken cancellationToken)
    {
        var prefix = network.Subnet.Split('/')[1];
        if (!Exists(network.Bridge))
        {
            await Ip(cancellationToken, "link", "add", "name", network.Bridge, "type", "bridge").ConfigureAwait(false);
            await File.WriteAllTextAsync(markerFile, network.Bridge + "\n", cancellationToken).ConfigureAwait(false);
        }
        else if (!File.Exists(markerFile))
        {
            // A bridge the user made: use it as it is, never change or remove it.
            return;
        }
        var addresses = await ProcessRunner.RunCheckedAsync("ip", ["-4", "-o", "addr", "show", "dev", network.Bridge], Timeout, cancellationToken)
            .ConfigureAwait(false);
        if (!addresses.StandardOutput.Contains($" {network.Gateway}/{prefix} ", StringComparison.Ordinal))
        {
            await Ip(cancellationToken, "addr", "add", $"{network.Gateway}/{prefix}", "dev", network.Bridge).ConfigureAwait(false);
        }
        await Ip(cancellationToken, "link", "set", network.Bridge, "up").ConfigureAwait(false);
    }

    public static async Task RemoveIfOursAsync(string markerFile, CancellationToken cancellationToken)
    {
        if (!File.Exists(markerFile))
        {
            return;
        }
        var bridge = (await File.ReadAllTextAsync(markerFile, cancellationToken).ConfigureAwait(false)).Trim();
        if (Exists(bridge))
        {
            await Ip(cancellationToken, "link", "delete", bridge, "type", "bridge").ConfigureAwait(false);
        }
        File.Delete(markerFile);
    }

    private static Task Ip(CancellationToken cancellationToken, params string[] arguments) =>
        ProcessRunner.RunCheckedAsync("ip", arguments, Timeout, cancellationToken);
}

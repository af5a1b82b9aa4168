namespace CamBuild.Deploy.Local;

/// <param name="Root">Everything the provider makes lives under here: <c>templates/&lt;candidate&gt;/rootfs</c> (the
/// read-only lower layer, extracted once per candidate) and <c>lxc/&lt;env&gt;/&lt;node&gt;/</c> (config + overlay upper).</param>
/// <param name="InitCommand">Node init; null picks <c>/sbin/init</c> (the candidate's systemd) when the candidate has one,
/// else <c>/bin/sleep infinity</c>, which specialisation then refuses with a message naming the fix (role services are
/// systemd units).</param>
/// <param name="ApplyMemoryLimit">Set the node's memory limit through the cgroup (v1 or v2, whichever the host has).</param>
public sealed record LxcProviderOptions(string Root = "/var/lib/cambuild", string? InitCommand = null, bool ApplyMemoryLimit = true)
{
    public string TemplatesDirectory => Path.Combine(Root, "templates");

    public string EnvironmentDirectory(string environment) => Path.Combine(Root, "lxc", environment);
}

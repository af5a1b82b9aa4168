namespace CamBuild.Deploy.Proxmox.Api;

/// <summary>A Proxmox API call answered with an error status (message from the reason phrase or the JSON body).</summary>
internal sealed class ProxmoxApiException : Exception
{
    public ProxmoxApiException(string method, string path, int statusCode, string reason, IReadOnlyDictionary<string, string> errors)
        : base(Describe(method, path, statusCode, reason, errors))
    {
        Method = method;
        Path = path;
        StatusCode = statusCode;
        Reason = reason;
        Errors = errors;
    }

    public string Method { get; }
    public string Path { get; }
    public int StatusCode { get; }
    public string Reason { get; }
    public IReadOnlyDictionary<string, string> Errors { get; }

    public bool Mentions(string text) =>
        Reason.Contains(text, StringComparison.OrdinalIgnoreCase) || Errors.Values.Any(v => v.Contains(text, StringComparison.OrdinalIgnoreCase));

    private static string Describe(string method, string path, int status, string reason, IReadOnlyDictionary<string, string> errors)
    {
        var detail = errors.Count == 0 ? "" : " (" + string.Join("; ", errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}")) + ")";
        var hint = status switch
        {
            401 => " Check the token id/secret or username/password.",
            403 => " The token or user lacks a privilege; see the provider README for the role to grant.",
            595 or 596 => " The cluster member behind this call is unreachable from the API node.",
            _ => "",
        };
        return $"Proxmox API {method} {path} failed: {status} {reason}{detail}.{hint}";
    }
}

namespace CamBuild.Targets.Output;

/// <summary>Replaces every registered secret value (and its URL-encoded, base64, HTML- and JSON-escaped forms) by <c>****</c>.</summary>
internal sealed class SecretMasker
{
    public const string Mask = "****";
    private readonly List<string> _secrets = [];
    private readonly Lock _gate = new();

    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < 3) return;
        lock (_gate)
        {
            string[] forms =
            [
                secret, Uri.EscapeDataString(secret), Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret)),
                System.Net.WebUtility.HtmlEncode(secret), System.Text.Json.JsonEncodedText.Encode(secret).Value,
            ];
            foreach (var form in forms)
                if (!_secrets.Contains(form)) _secrets.Add(form);
            _secrets.Sort((a, b) => b.Length.CompareTo(a.Length));
        }
    }

    public string Apply(string text)
    {
        lock (_gate)
        {
            foreach (var s in _secrets)
                text = text.Replace(s, Mask, StringComparison.Ordinal);
        }

        return text;
    }
}

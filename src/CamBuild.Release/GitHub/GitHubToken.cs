using CamBuild.Common;
namespace CamBuild.Release.GitHub;

/// <summary>A GitHub token. Its <see cref="ToString"/> never reveals the value, so it cannot leak through logging or interpolation.</summary>
public sealed class GitHubToken
{
    public GitHubToken(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new InputException("The GitHub token is empty or contains whitespace; pass the token itself (secret parameter), without a 'token ' or 'Bearer ' prefix.");
        }

        Value = value;
    }

    internal string Value { get; }

    /// <summary>Replaces every occurrence of the token in <paramref name="text"/> with <c>***</c>.</summary>
    public string Redact(string text) => text.Replace(Value, "***", StringComparison.Ordinal);

    public override string ToString() => "***";
}

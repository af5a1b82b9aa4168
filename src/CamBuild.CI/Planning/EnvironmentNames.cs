using System.Text;

namespace CamBuild.CI;

/// <summary>Maps parameter names to environment variable and secret names, e.g. GitHubToken -> GITHUB_TOKEN.</summary>
internal static class EnvironmentNames
{
    // Brand names are one word in environment variable names (GITHUB_TOKEN, not GIT_HUB_TOKEN).
    private static readonly (string Word, string AsOneHump)[] KnownWords =
        [("GitHub", "Github"), ("GitLab", "Gitlab"), ("NuGet", "Nuget"), ("PyPI", "Pypi")];

    public static string ToUpperSnake(string parameterName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parameterName);
        var name = parameterName;
        foreach (var (word, asOneHump) in KnownWords)
            name = name.Replace(word, asOneHump, StringComparison.Ordinal);

        var builder = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (!char.IsAsciiLetterOrDigit(c))
            {
                AppendSeparator(builder);
                continue;
            }
            if (char.IsAsciiLetterUpper(c) && i > 0 && StartsNewWord(name, i))
                AppendSeparator(builder);
            builder.Append(char.ToUpperInvariant(c));
        }
        return builder.ToString().Trim('_');
    }

    private static bool StartsNewWord(string name, int i)
    {
        var previous = name[i - 1];
        if (char.IsAsciiLetterLower(previous) || char.IsAsciiDigit(previous))
            return true;
        // The last capital of an acronym starts the next word: APIKey -> API_KEY.
        return char.IsAsciiLetterUpper(previous) && i + 1 < name.Length && char.IsAsciiLetterLower(name[i + 1]);
    }

    private static void AppendSeparator(StringBuilder builder)
    {
        if (builder.Length > 0 && builder[^1] != '_')
            builder.Append('_');
    }
}

using System.Security.Cryptography;
using System.Text;
using CamBuild.Targets.Caching;
using CamBuild.Targets.Parameters;

namespace CamBuild.Targets.Hosting;

/// <summary>
/// <c>.nuke/temp/build-attempt.log</c>: the hash of the invocation (targets and options without <c>--continue</c> and
/// without any secret's value, see <see cref="Invocation"/>) and the targets that succeeded in it, so that
/// <c>--continue</c> resumes after the failed target. Nothing derived from a secret is stored.
/// </summary>
internal sealed class ContinueLog
{
    private readonly string _path;
    private readonly List<string> _lines;

    public IReadOnlySet<string> PreviouslySucceeded { get; }
    public bool InvocationChanged { get; }

    public ContinueLog(string path, IReadOnlyList<string> args, bool resume)
    {
        _path = path;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\0",
            args.Where(a => !a.Equals("--continue", StringComparison.OrdinalIgnoreCase))))));
        var previous = File.Exists(path) ? File.ReadAllLines(path) : [];
        var same = previous.Length > 0 && previous[0] == hash;
        InvocationChanged = resume && !same;
        PreviouslySucceeded = resume && same ? previous.Skip(1).ToHashSet(StringComparer.Ordinal) : new HashSet<string>();
        _lines = [hash, .. PreviouslySucceeded];
        Flush();
    }

    /// <summary>
    /// The invocation as the log keys it: the targets, then each option (normalised key, values) in key order, without
    /// <c>--continue</c> and without the options that carry a secret's value (a secret's <c>-file</c> option stays: its
    /// value is a path).
    /// </summary>
    public static IReadOnlyList<string> Invocation(ParsedArguments parsed, IEnumerable<ParameterInfo> parameters)
    {
        var secret = parameters.Where(p => p.IsSecret).Select(p => ParsedArguments.Key(p.Name)).ToHashSet(StringComparer.Ordinal);
        var tokens = new List<string>(parsed.Targets);
        foreach (var key in parsed.OptionKeys.Where(k => k != ParsedArguments.Key("continue") && !secret.Contains(k)).Order(StringComparer.Ordinal))
            tokens.Add("--" + key + "\u0001" + string.Join("\u0001", parsed[key].Values));
        return tokens;
    }

    public void RecordSuccess(string target)
    {
        _lines.Add(target);
        Flush();
    }

    private void Flush() => AtomicFile.WriteAllText(_path, string.Join('\n', _lines) + "\n");
}

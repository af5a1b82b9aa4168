using System.Security.Cryptography;
using System.Text;
using CamBuild.Targets.Caching;

namespace CamBuild.Targets.Hosting;

/// <summary>
/// <c>.nuke/temp/build-attempt.log</c>: the hash of the invocation (arguments without <c>--continue</c>) and the targets
/// that succeeded in it, so that <c>--continue</c> resumes after the failed target.
/// </summary>
public sealed class ContinueLog
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

    public void RecordSuccess(string target)
    {
        _lines.Add(target);
        Flush();
    }

    private void Flush() => AtomicFile.WriteAllText(_path, string.Join('\n', _lines) + "\n");
}

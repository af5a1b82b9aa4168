using System.Diagnostics;
using System.Text;

namespace CamBuild.Fuzzing;

/// <summary>Counts of one fuzzed parser: cases run, crashes (an exception that is not a clear rejection), hangs.</summary>
internal sealed record FuzzReport(string Parser, int Cases, int Accepted, int Rejected, IReadOnlyList<string> Crashes, IReadOnlyList<string> Hangs)
{
    public override string ToString() =>
        $"{Parser}: {Cases} cases, {Accepted} accepted, {Rejected} rejected, {Crashes.Count} crashes, {Hangs.Count} hangs" +
        string.Concat(Crashes.Take(5).Select(c => "\n  crash: " + c)) + string.Concat(Hangs.Take(5).Select(h => "\n  hang: " + h));
}

/// <summary>
/// A seeded generator of hostile text: valid seeds mutated (characters inserted, deleted, replaced by ones that matter
/// to parsers, substrings duplicated, seeds spliced) and wholly random strings. Each case runs bounded in time; an
/// exception of the parser's own rejection type with a message is a rejection, anything else a crash.
/// </summary>
internal static class Fuzz
{
    private const string Interesting = "0123456789.-_+!*~=<>()[]{},;:'\"\\/ \t\n\r#@$%^&|?`abcvxyzEPRCDNV\u00e9\u0000\u202e\ud83d";

    public static FuzzReport Run(string parser, int seed, int cases, IReadOnlyList<string> seeds, Func<string, object?> parse,
        Func<Exception, bool> isRejection, TimeSpan? perCase = null) =>
        Run(parser, seed, cases, random => Generate(random, seeds), parse, isRejection, perCase);

    /// <summary>The same bounded loop with a generator of the caller's own (e.g. structured hostile JSON).</summary>
    public static FuzzReport Run(string parser, int seed, int cases, Func<Random, string> generate, Func<string, object?> parse,
        Func<Exception, bool> isRejection, TimeSpan? perCase = null)
    {
        var random = new Random(seed);
        // A hang detector, not a speed test: a case that takes milliseconds alone can take seconds on a machine whose
        // load is ten times its cores (it did: two cases over 2 s at load 30), so only a case that has not ended after
        // 20 s counts as a hang. A real hang (an endless loop) never ends, so it is still caught, once per case.
        var limit = perCase ?? TimeSpan.FromSeconds(20);
        var (accepted, rejected) = (0, 0);
        var crashes = new List<string>();
        var hangs = new List<string>();
        for (var i = 0; i < cases; i++)
        {
            var input = generate(random);
            Exception? failure = null;
            var clock = Stopwatch.StartNew();
            var task = Task.Run(() =>
            {
                try { parse(input); }
                catch (Exception e) { failure = e; }
            });
            if (!task.Wait(limit))
            {
                hangs.Add($"case {i} (seed {seed}) over {limit.TotalSeconds} s: {Shown(input)}");
                continue;
            }
            if (failure is null) accepted++;
            else if (isRejection(failure) && failure.Message.Trim().Length >= 10) rejected++;
            else crashes.Add($"case {i} (seed {seed}): {failure.GetType().Name}: {failure.Message} at {failure.StackTrace?.Split('\n').FirstOrDefault()?.Trim()} for {Shown(input)}");
        }
        return new FuzzReport(parser, cases, accepted, rejected, crashes, hangs);
    }

    public static string Generate(Random random, IReadOnlyList<string> seeds)
    {
        if (random.Next(10) == 0) return RandomText(random, random.Next(0, 80));
        var text = new StringBuilder(seeds[random.Next(seeds.Count)]);
        var mutations = 1 + random.Next(6);
        for (var m = 0; m < mutations; m++)
        {
            var at = text.Length == 0 ? 0 : random.Next(text.Length + 1);
            switch (random.Next(6))
            {
                case 0: text.Insert(at, Interesting[random.Next(Interesting.Length)]); break;
                case 1 when text.Length > 0: text.Remove(Math.Min(at, text.Length - 1), 1); break;
                case 2 when text.Length > 0: text[Math.Min(at, text.Length - 1)] = Interesting[random.Next(Interesting.Length)]; break;
                case 3 when text.Length > 0:
                    var start = random.Next(text.Length);
                    var piece = text.ToString(start, Math.Min(text.Length - start, 1 + random.Next(12)));
                    text.Insert(at, string.Concat(Enumerable.Repeat(piece, 1 + random.Next(random.Next(20) == 0 ? 500 : 4))));
                    break;
                case 4: text.Insert(at, seeds[random.Next(seeds.Count)]); break;
                default: text.Insert(at, RandomText(random, random.Next(1, 6))); break;
            }
        }
        return text.ToString();
    }

    private static string RandomText(Random random, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = random.Next(4) == 0 ? (char)random.Next(0, 0x3000) : Interesting[random.Next(Interesting.Length)];
        return new string(chars);
    }

    private static string Shown(string input)
    {
        var text = input.Length > 120 ? input[..120] + "..." : input;
        return "'" + string.Concat(text.Select(c => char.IsControl(c) || char.IsSurrogate(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "'";
    }
}

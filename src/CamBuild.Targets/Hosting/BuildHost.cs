using System.Linq.Expressions;
using CamBuild.Targets.Caching;
using CamBuild.Targets.Execution;
using CamBuild.Targets.Output;
using CamBuild.Targets.Parameters;
using CamBuild.Targets.Planning;

namespace CamBuild.Targets.Hosting;

/// <summary>Entry point: one explicit pipeline from arguments to exit code; nothing below calls Environment.Exit.</summary>
public static class BuildHost
{
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA2000", Justification = "The masking writers are Console.Out and Console.Error for the whole run; they are flushed at its end and the originals restored.")]
    public static int Execute<TBuild>(string[] args, params Expression<Func<TBuild, Target>>[] defaults)
        where TBuild : BuildBase, new()
    {
        var masker = new SecretMasker();
        StartupTiming.Mark("entered Main");
        var stdout = new MaskingTextWriter(Console.Out, masker);
        var stderr = new MaskingTextWriter(Console.Error, masker);
        // Whatever a target or a library writes to the console directly passes the masker too.
        var (originalOut, originalError) = (Console.Out, Console.Error);
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            var parsed = new ParsedArguments(args);
            var root = RootLocator.Find(parsed);
            BuildBase.PendingRoot = root;
            var build = new TBuild { Masker = masker };
            return Run(build, parsed, root, defaults.Select(NameOf).ToList(), stdout);
        }
        catch (BuildUsageException e)
        {
            stdout.WriteLine($"error: {e.Message}");
            return ExitCodes.UsageError;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            stdout.WriteLine($"error: the build could not start: {e}");
            return ExitCodes.TargetFailed;
        }
        finally
        {
            stdout.Flush();
            stderr.Flush();
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
    }

    internal static int Run(BuildBase build, ParsedArguments parsed, string root, IReadOnlyList<string> defaults, TextWriter stdout)
    {
        var masker = build.Masker;
        var nuke = Path.Combine(root, ".nuke");
        var parameters = TargetDiscovery.Parameters(build);
        StartupTiming.Mark("parameters discovered");
        var files = ParameterFile.LoadAll(nuke, parsed.Get("profile")?.Values ?? []);
        var env = Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
        var bound = ParameterBinder.Bind(parameters, parsed, env, files);
        StartupTiming.Mark("parameters bound");
        foreach (var p in parameters)
        {
            if (bound.TryGetValue(p.Name, out var value)) TargetDiscovery.SetValue(build, p.Member!, value.Value);
            if (p.IsSecret) RegisterSecret(masker, TargetDiscovery.GetValue(build, p.Member!));
        }

        foreach (var p in parameters.Where(p => p.IsSecret && bound.TryGetValue(p.Name, out var v) && v.Source == "command line"))
            stdout.WriteLine($"warning: --{p.Kebab} given on the command line is visible to other users (ps, /proc/<pid>/cmdline, shell history); " +
                $"set {EnvironmentName(p)} or use --{p.Kebab}-file PATH (chmod 600) instead.");

        // No child, whichever runner starts it, inherits a secret from this process's environment.
        CamBuild.Common.Secrets.RemoveFromEnvironment();

        var graph = new TargetGraph(TargetDiscovery.Targets(build));
        StartupTiming.Mark("targets discovered");
        var plan = ExecutionPlanner.Plan(graph, parsed.Targets, defaults);
        WriteSchemaWhenStale(Path.Combine(nuke, "build.schema.json"), build, graph, parameters);
        StartupTiming.Mark("planned, schema checked");

        if (parsed.Has("help") || (parsed.Targets.Count == 0 && defaults.Count == 0))
        {
            stdout.Write(HelpText.Render(build.Title, graph, defaults, parameters));
            return ExitCodes.Success;
        }

        if (parsed.Get("plan") is { } planOption)
        {
            var shown = parameters.Where(p => bound.ContainsKey(p.Name))
                .Select(p => (p.Name, Value: TargetDiscovery.GetValue(build, p.Member!) is { } v ? Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? "" : "", bound[p.Name].Source))
                .ToList();
            return WritePlan(build, plan, shown, planOption, stdout);
        }

        var cache = new TargetCache(root, Path.Combine(build.TemporaryDirectory, "cache", "targets"),
            new FileHasher(Path.Combine(build.TemporaryDirectory, "cache", "file-hashes.txt")));
        if (parsed.Has("explain"))
        {
            // Read-only: neither build.log nor the attempt log is touched, and nothing runs.
            var dry = new ExecutorOptions(Skip: parsed.Get("skip")?.Values, Force: parsed.Get("force")?.Values, Cache: cache);
            var forecast = new BuildExecutor(plan, dry, new BuildLog(TextWriter.Null, masker, Verbosity.Quiet, false)).Forecast();
            stdout.Write(masker.Apply($"Explain · {string.Join(" ", plan.Targets.Select(t => t.Name))} (nothing is executed)\n\n" + ExplainText.Render(forecast)));
            return parsed.Has("expect-cached") && forecast.Any(t => t.Executes) ? ExitCodes.TargetFailed : ExitCodes.Success;
        }

        var verbosity = ParseVerbosity(parsed);
        Directory.CreateDirectory(build.TemporaryDirectory);
        using var logFile = new StreamWriter(Path.Combine(build.TemporaryDirectory, "build.log"), append: false);
        var colour = ColourWanted();
        var live = LiveProgressWanted(colour);
        // The width is asked of a terminal only: reading it loads the terminfo database.
        var log = new BuildLog(stdout, masker, verbosity, colour, logFile, live: live, width: live ? TerminalWidth() : 100);
        StartupTiming.Mark("log opened");
        if (!parsed.Has("no-logo") && verbosity >= Verbosity.Normal) log.Raw($"{build.Title} · {string.Join(" ", plan.Targets.Select(t => t.Name))}");
        foreach (var (p, v) in bound.Where(b => b.Value.Source != "command line").Select(b => (b.Key, b.Value)))
            log.Debug($"Parameter {p} from {v.Source}");

        var continueLog = new ContinueLog(Path.Combine(build.TemporaryDirectory, "build-attempt.log"), ContinueLog.Invocation(parsed, parameters), parsed.Has("continue"));
        if (continueLog.InvocationChanged) log.Warn("Build invocation changed since the failed attempt: restarting from the beginning.");
        var options = new ExecutorOptions(
            Skip: parsed.Get("skip")?.Values,
            Force: parsed.Get("force")?.Values,
            PreviouslySucceeded: continueLog.PreviouslySucceeded,
            Cache: cache,
            OnSucceeded: continueLog.RecordSuccess);
        if (parsed.Has("expect-cached"))
        {
            var forecast = new BuildExecutor(plan, options, log).Forecast();
            if (forecast.Any(t => t.Executes))
            {
                log.Raw(ExplainText.Render(forecast, verdict: false).TrimEnd());
                log.Error($"--expect-cached: {ExplainText.Verdict(forecast)}");
                return ExitCodes.TargetFailed;
            }
        }

        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            var result = new BuildExecutor(plan, options, log).RunAsync(cancel.Token).GetAwaiter().GetResult();
            StartupTiming.Mark("targets done");
            Finish(log, result);
            StartupTiming.Mark("summary written");
            return result.ExitCode;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }

    /// <summary>The schema depends only on the compiled build: rewrite it when the build's assembly is newer than it.</summary>
    private static void WriteSchemaWhenStale(string path, BuildBase build, TargetGraph graph, IReadOnlyList<ParameterInfo> parameters)
    {
        var assembly = build.GetType().Assembly.Location;
        if (File.Exists(path) && assembly.Length > 0 && File.GetLastWriteTimeUtc(path) > File.GetLastWriteTimeUtc(assembly)) return;
        var content = SchemaWriter.Render(graph, parameters);
        if (!AtomicFile.WriteIfChanged(path, content)) File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
    }

    private static void Finish(BuildLog log, BuildResult result)
    {
        log.EndProgress();
        log.Raw("");
        if (log.Problems.Count > 0)
        {
            log.Raw("Errors & warnings:");
            foreach (var p in log.Problems) log.Raw("  " + p);
            log.Raw("");
        }

        log.Raw(SummaryTable.Render(result, log.Coloured).TrimEnd());
        log.Raw(result.Failed
            ? $"Build failed (exit code {result.ExitCode}) at {DateTime.Now:yyyy-MM-dd HH:mm:ss}."
            : $"Build succeeded at {DateTime.Now:yyyy-MM-dd HH:mm:ss}.");
    }

    /// <summary>The plan as text (console) or as a page (file); both pass the masker, as they show parameter values.</summary>
    private static int WritePlan(BuildBase build, ExecutionPlan plan, IReadOnlyList<(string Name, string Value, string Source)> parameters, OptionValue option, TextWriter stdout)
    {
        if (option.Values.Count > 0 && option.Values[0].Equals("html", StringComparison.OrdinalIgnoreCase))
        {
            var path = Path.Combine(build.TemporaryDirectory, "execution-plan.html");
            AtomicFile.WriteAllText(path, build.Masker.Apply(PlanHtml.Render(build.Title, plan, parameters)));
            stdout.WriteLine(path);
            return ExitCodes.Success;
        }

        if (option.Values.Count > 0 && !option.Values[0].Equals("text", StringComparison.OrdinalIgnoreCase))
            throw new BuildUsageException($"--plan takes 'text' (default) or 'html', not '{option.Values[0]}'.");
        stdout.Write(build.Masker.Apply(PlanText.Render(plan, parameters, ColourWanted())));
        return ExitCodes.Success;
    }

    /// <summary>Colour only on a terminal and only while NO_COLOR is unset; otherwise output is plain and stable.</summary>
    /// <summary>A status line redrawn in place needs a real terminal: coloured output that is not a dumb terminal.</summary>
    private static bool LiveProgressWanted(bool colour) =>
        colour && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 20 ? Console.WindowWidth : 100;
        }
        catch (IOException)
        {
            return 100;
        }
    }

    private static bool ColourWanted() => !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;

    private static Verbosity ParseVerbosity(ParsedArguments parsed)
    {
        var value = parsed.Get("verbosity") is { Values.Count: > 0 } v0 ? v0.Values[0] : null;
        if (value is null) return Verbosity.Normal;
        return Enum.TryParse<Verbosity>(value, ignoreCase: true, out var v) && Enum.IsDefined(v)
            ? v : throw new BuildUsageException($"--verbosity takes quiet, minimal, normal or verbose, not '{value}'.");
    }

    private static void RegisterSecret(SecretMasker masker, object? value)
    {
        foreach (var text in value is Array a ? a.Cast<object?>().Select(o => o?.ToString()) : [value?.ToString()])
        {
            masker.Add(text);
            CamBuild.Common.Secrets.Register(text);
        }
    }

    private static string EnvironmentName(ParameterInfo p) =>
        ParameterInfo.ToKebab(p.Name.Replace("GitHub", "Github", StringComparison.Ordinal)).Replace('-', '_').ToUpperInvariant();

    private static string NameOf<TBuild>(Expression<Func<TBuild, Target>> expression) =>
        expression.Body is MemberExpression m ? m.Member.Name
            : throw new BuildUsageException("Default targets must be given as x => x.TargetProperty.");
}

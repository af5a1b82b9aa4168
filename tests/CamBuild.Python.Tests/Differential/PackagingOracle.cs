using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CamBuild.Python.Tests.Differential;

/// <summary>
/// One long-running Debian <c>/usr/bin/python3</c> with <c>python3-packaging</c>, fed every case as a JSON line on
/// stdin and answering one JSON line per case on stdout (Fixtures/packaging_oracle.py).
/// </summary>
internal static class PackagingOracle
{
    public const string Python = "/usr/bin/python3";

    public static async Task<(string Version, IReadOnlyList<JsonObject> Answers)> AskAsync(
        IReadOnlyList<JsonObject> environments, IReadOnlyList<JsonObject> cases, TimeSpan timeout)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Fixtures", "packaging_oracle.py");
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-I"); // isolated: no user site, no PYTHON* variables, Debian's own packaging
        start.ArgumentList.Add(script);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{Python} did not start");
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            var writer = Task.Run(
                async () =>
                {
                    var envs = new JsonObject { ["envs"] = new JsonArray([.. environments.Select(e => (JsonNode)e.DeepClone())]) };
                    await process.StandardInput.WriteLineAsync(envs.ToJsonString()).ConfigureAwait(false);
                    foreach (var item in cases)
                    {
                        await process.StandardInput.WriteLineAsync(item.ToJsonString()).ConfigureAwait(false);
                    }

                    process.StandardInput.Close();
                },
                cancel.Token);
            var errors = process.StandardError.ReadToEndAsync(cancel.Token);
            var header = await process.StandardOutput.ReadLineAsync(cancel.Token).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{Python} packaging_oracle.py printed nothing: {await errors.ConfigureAwait(false)}");
            var answers = new List<JsonObject>(cases.Count);
            while (await process.StandardOutput.ReadLineAsync(cancel.Token).ConfigureAwait(false) is { } line)
            {
                answers.Add(JsonNode.Parse(line)!.AsObject());
            }

            await writer.ConfigureAwait(false);
            await process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            if (answers.Count != cases.Count)
            {
                throw new InvalidOperationException(
                    $"packaging_oracle.py answered {answers.Count} of {cases.Count} cases (exit {process.ExitCode}): {await errors.ConfigureAwait(false)}");
            }

            return (JsonNode.Parse(header)!["packaging"]!.GetValue<string>(), answers);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    public static bool IsAvailable(out string why)
    {
        why = string.Empty;
        if (!File.Exists(Python))
        {
            why = $"{Python} is missing: install Debian's python3 (./build.sh Prerequisites)";
            return false;
        }

        var start = new ProcessStartInfo(Python, ["-I", "-c", "import packaging"]) { RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        process.WaitForExit(30_000);
        if (process.ExitCode != 0)
        {
            why = $"{Python} has no packaging module: apt-get install -y python3-packaging (./build.sh Prerequisites installs it)";
            return false;
        }

        return true;
    }

    public static string Text(JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
}

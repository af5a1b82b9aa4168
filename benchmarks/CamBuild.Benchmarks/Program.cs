using CamBuild.Benchmarks;

// Commands used by benchmarks/pin.sh; each prints its figures on stdout.
return args switch
{
    ["serve-index", var universe, var indexDir, var urlFile, var maxMinutes] =>
        await IndexServeCommand.RunAsync(universe, indexDir, urlFile, TimeSpan.FromMinutes(double.Parse(maxMinutes, System.Globalization.CultureInfo.InvariantCulture))),
    ["pin", var indexUrl, var python, var outDir, .. var requirements] when requirements.Length > 0 =>
        await PinCommand.RunAsync(new Uri(indexUrl), python, outDir, requirements),
    ["cache-check", var workDir, var locksDir, var indexDir, var iterations, .. var requirements] when requirements.Length > 0 =>
        CacheCheckCommand.Run(workDir, locksDir, indexDir, int.Parse(iterations, System.Globalization.CultureInfo.InvariantCulture), requirements),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: CamBuild.Benchmarks serve-index <cam-universe.json> <index-dir> <url-file> <max-minutes>
               CamBuild.Benchmarks pin <simple-index-url> <python> <out-dir> <requirement>...
               CamBuild.Benchmarks cache-check <work-dir> <locks-dir> <index-dir> <iterations> <requirement>...
        """);
    return 2;
}

using System.Text;
using CamBuild.Python.Index;
using CamBuild.Python.Resolution;

namespace CamBuild.Python.Locks;

/// <summary>
/// Writes a PEP 751 <c>pylock.toml</c> (lock-version 1.0) for one target environment: <c>environments</c> holds a
/// marker true only for that interpreter, packages are sorted, wheels sorted by file name, each with its sha256.
/// </summary>
public static class PylockWriter
{
    public static string Write(ResolutionResult result, string createdBy = "cambuild")
    {
        ArgumentNullException.ThrowIfNull(result);
        var environment = result.Environment;
        var interpreter = environment.InterpreterVersion;
        var text = new StringBuilder();
        text.Append("lock-version = \"1.0\"\n")
            .Append($"environments = [{TomlText.Quote(environment.ToMarker())}]\n")
            .Append($"requires-python = {TomlText.Quote($"=={interpreter.Release[0]}.{(interpreter.Release.Count > 1 ? interpreter.Release[1] : 0)}.*")}\n")
            .Append($"created-by = {TomlText.Quote(createdBy)}\n");

        foreach (var package in result.Packages.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append("\n[[packages]]\n")
                .Append($"name = {TomlText.Quote(package.Name)}\n")
                .Append($"version = {TomlText.Quote(package.Version.ToString())}\n");
            if (package.Dependencies.Count > 0)
            {
                text.Append("dependencies = [")
                    .AppendJoin(", ", package.Dependencies.Select(d => $"{{ name = {TomlText.Quote(d)} }}"))
                    .Append("]\n");
            }

            text.Append($"index = {TomlText.Quote(result.Index.AbsoluteUri)}\n");
            var files = package.Files.OrderBy(f => f.FileName, StringComparer.Ordinal).ToArray();
            var sdist = files.FirstOrDefault(f => !f.IsWheel);
            if (sdist is not null)
            {
                text.Append($"sdist = {FileTable(sdist)}\n");
            }

            var wheels = files.Where(f => f.IsWheel).ToArray();
            if (wheels.Length > 0)
            {
                text.Append("wheels = [\n");
                foreach (var wheel in wheels)
                {
                    text.Append($"    {FileTable(wheel)},\n");
                }

                text.Append("]\n");
            }
        }

        return text.ToString();
    }

    private static string FileTable(DistributionFile file) =>
        $"{{ name = {TomlText.Quote(file.FileName)}, url = {TomlText.Quote(file.Url.AbsoluteUri)}, hashes = {{ sha256 = {TomlText.Quote(file.Sha256.ToLowerInvariant())} }} }}";
}

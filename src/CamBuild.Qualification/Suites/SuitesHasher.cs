using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace CamBuild.Qualification.Suites;

/// <summary>
/// The suites hash: sha256 over a canonical JSON form of the suites (sorted by name; formatting, comments and key
/// order of the YAML do not matter) and the path and sha256 of every file they reference.
/// </summary>
internal static class SuitesHasher
{
    public static string Canonical(IEnumerable<SuiteDefinition> suites, IEnumerable<SuiteFile> files)
    {
        ArgumentNullException.ThrowIfNull(suites);
        ArgumentNullException.ThrowIfNull(files);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("format", 1);
            json.WriteStartArray("suites");
            foreach (var suite in suites.OrderBy(suite => suite.Name, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("name", suite.Name);
                json.WriteString("kind", suite.KindText);
                json.WriteString("runs_on", suite.RunsOn.OnHost ? "host" : "role:" + suite.RunsOn.Role);
                json.WriteBoolean("for_each_node", suite.RunsOn.ForEachNode);
                WriteStrings(json, "command", suite.Command);
                json.WriteNumber("timeout_seconds", (long)suite.Timeout.TotalSeconds);
                json.WriteString("junit", suite.JUnit);
                WriteStrings(json, "files", suite.Files);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("files");
            foreach (var file in files.OrderBy(file => file.RelativePath, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("path", file.RelativePath);
                json.WriteString("sha256", file.Sha256);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static string Hash(IEnumerable<SuiteDefinition> suites, IEnumerable<SuiteFile> files) =>
        Sha256Hex(Encoding.UTF8.GetBytes(Canonical(suites, files)));

    public static string Sha256Hex(byte[] bytes) => Sha256.Of(bytes).Hex;

    public static SuiteFile HashFile(string root, string relativePath)
    {
        using var stream = File.OpenRead(Path.Combine(root, relativePath));
        return new SuiteFile(relativePath, Sha256.Of(stream).Hex);
    }

    private static void WriteStrings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }
        json.WriteEndArray();
    }
}

using System.Text.Json;

namespace CamBuild.SupplyChain.Sbom;

/// <summary>
/// CycloneDX 1.6 JSON: the candidate as the metadata component (type container, the template's sha256), every
/// Debian package and Python distribution as a component with its purl and sha256, and the dependency graph.
/// bom-refs are <c>deb:&lt;name&gt;:&lt;arch&gt;</c> and <c>pypi:&lt;environment&gt;:&lt;name&gt;</c> (a distribution may sit in several environments).
/// </summary>
public static class CycloneDxWriter
{
    public const string FileName = "sbom.cdx.json";
    private const string Root = "candidate";

    public static string Write(SbomSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return SbomJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json");
            w.WriteString("bomFormat", "CycloneDX");
            w.WriteString("specVersion", "1.6");
            w.WriteString("serialNumber", SbomIdentity.SerialNumber(subject.Id));
            w.WriteNumber("version", 1);
            WriteMetadata(w, subject);
            w.WriteStartArray("components");
            foreach (var p in SbomOrder.Debs(subject)) WriteDeb(w, p, subject.Distro);
            foreach (var e in SbomOrder.Environments(subject))
                foreach (var d in e.Distributions) WritePyPi(w, e, d);
            w.WriteEndArray();
            WriteDependencies(w, subject);
            w.WriteEndObject();
        });
    }

    private static void WriteMetadata(Utf8JsonWriter w, SbomSubject s)
    {
        w.WriteStartObject("metadata");
        w.WriteString("timestamp", SbomIdentity.Timestamp(s.SourceDateEpoch));
        w.WriteStartArray("lifecycles");
        w.WriteStartObject();
        w.WriteString("phase", "build");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteStartObject("tools");
        w.WriteStartArray("components");
        w.WriteStartObject();
        w.WriteString("type", "application");
        w.WriteString("name", SbomIdentity.ToolName);
        w.WriteString("version", SbomIdentity.FormatVersion);
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteStartObject("component");
        w.WriteString("type", "container");
        w.WriteString("bom-ref", Root);
        w.WriteString("name", s.Name);
        w.WriteString("version", s.Version);
        Hashes(w, s.TemplateSha256);
        Properties(w, ("cambuild:candidate-id", s.Id.Value), ("cambuild:architecture", s.Architecture), ("cambuild:template", s.TemplateFileName));
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WriteDeb(Utf8JsonWriter w, DebianPackage p, string distro)
    {
        w.WriteStartObject();
        w.WriteString("type", "library");
        w.WriteString("bom-ref", DebRef(p.Key));
        w.WriteString("name", p.Name);
        w.WriteString("version", p.Version);
        Hashes(w, p.DebSha256);
        w.WriteString("purl", Purls.Deb(p, distro));
        Distribution(w, p.DownloadUrl, p.DebSha256);
        Properties(w, ("cambuild:debian:architecture", p.Architecture), ("cambuild:debian:source", p.SourceName),
            ("cambuild:debian:source-version", p.SourceVersion));
        w.WriteEndObject();
    }

    private static void WritePyPi(Utf8JsonWriter w, PythonEnvironment e, PythonDistribution d)
    {
        w.WriteStartObject();
        w.WriteString("type", "library");
        w.WriteString("bom-ref", PyRef(e.Name, d.Name));
        w.WriteString("name", d.Name);
        w.WriteString("version", d.Version);
        Hashes(w, d.WheelSha256);
        w.WriteString("purl", Purls.PyPi(d));
        if (d.WheelUrl is not null) Distribution(w, d.WheelUrl, d.WheelSha256);
        var properties = new List<(string, string)> { ("cambuild:python:environment", e.Name), ("cambuild:python:install-path", e.InstallPath) };
        if (d.IndexUrl is not null) properties.Add(("cambuild:python:index", d.IndexUrl));
        properties.Add(("cambuild:python:wheel", d.WheelFileName));
        Properties(w, [.. properties]);
        w.WriteEndObject();
    }

    private static void WriteDependencies(Utf8JsonWriter w, SbomSubject s)
    {
        w.WriteStartArray("dependencies");
        var debs = SbomOrder.Debs(s);
        var environments = SbomOrder.Environments(s);
        var all = debs.Select(p => DebRef(p.Key))
            .Concat(environments.SelectMany(e => e.Distributions.Select(d => PyRef(e.Name, d.Name)))).ToList();
        Dependency(w, Root, all);
        foreach (var p in debs) Dependency(w, DebRef(p.Key), p.DependsOn.Select(DebRef));
        foreach (var e in environments)
            foreach (var d in e.Distributions)
                Dependency(w, PyRef(e.Name, d.Name), d.DependsOn.Select(n => PyRef(e.Name, n)));
        w.WriteEndArray();
    }

    private static void Dependency(Utf8JsonWriter w, string reference, IEnumerable<string> dependsOn)
    {
        w.WriteStartObject();
        w.WriteString("ref", reference);
        w.Strings("dependsOn", dependsOn.Distinct(StringComparer.Ordinal));
        w.WriteEndObject();
    }

    private static void Hashes(Utf8JsonWriter w, Sha256 sha)
    {
        w.WriteStartArray("hashes");
        w.WriteStartObject();
        w.WriteString("alg", "SHA-256");
        w.WriteString("content", sha.Hex);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void Distribution(Utf8JsonWriter w, string url, Sha256 sha)
    {
        w.WriteStartArray("externalReferences");
        w.WriteStartObject();
        w.WriteString("type", "distribution");
        w.WriteString("url", url);
        Hashes(w, sha);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void Properties(Utf8JsonWriter w, params (string Name, string Value)[] properties)
    {
        w.WriteStartArray("properties");
        foreach (var (name, value) in properties)
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("value", value);
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    private static string DebRef(string key) => "deb:" + key;

    private static string PyRef(string environment, string name) => $"pypi:{environment}:{name}";
}

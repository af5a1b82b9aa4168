using System.Text;
using System.Text.Json;

namespace CamBuild.SupplyChain.Sbom;

/// <summary>
/// SPDX 2.3 JSON: the candidate as the described package (purpose CONTAINER), which CONTAINS every Debian package
/// and Python distribution; DEPENDS_ON between them. SPDXIDs are <c>SPDXRef-deb-&lt;name&gt;-&lt;arch&gt;</c> and
/// <c>SPDXRef-pypi-&lt;environment&gt;-&lt;name&gt;</c> with characters SPDX does not allow written as <c>.XX</c> (upper-case hex,
/// which no Debian or normalised Python name contains, so two names never meet).
/// </summary>
public static class SpdxWriter
{
    public const string FileName = "sbom.spdx.json";
    private const string Document = "SPDXRef-DOCUMENT";
    private const string Candidate = "SPDXRef-Candidate";
    private const string NoAssertion = "NOASSERTION";

    public static string Write(SbomSubject subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var debs = SbomOrder.Debs(subject);
        var environments = SbomOrder.Environments(subject);
        return SbomJson.Write(w =>
        {
            w.WriteStartObject();
            w.WriteString("spdxVersion", "SPDX-2.3");
            w.WriteString("dataLicense", "CC0-1.0");
            w.WriteString("SPDXID", Document);
            w.WriteString("name", $"{subject.Name}-{subject.Version}-{subject.Id.Short}");
            w.WriteString("documentNamespace", SbomIdentity.DocumentNamespace(subject));
            w.WriteStartObject("creationInfo");
            w.WriteString("created", SbomIdentity.Timestamp(subject.SourceDateEpoch));
            w.Strings("creators", [$"Tool: {SbomIdentity.ToolName}-{SbomIdentity.FormatVersion.Replace('/', '-')}"]);
            w.WriteEndObject();
            w.WriteStartArray("packages");
            WriteCandidate(w, subject);
            foreach (var p in debs) WriteDeb(w, p, subject.Distro);
            foreach (var e in environments)
                foreach (var d in e.Distributions) WritePyPi(w, e, d);
            w.WriteEndArray();
            w.WriteStartArray("relationships");
            Relationship(w, Document, "DESCRIBES", Candidate);
            foreach (var p in debs) Relationship(w, Candidate, "CONTAINS", DebId(p.Key));
            foreach (var e in environments)
                foreach (var d in e.Distributions) Relationship(w, Candidate, "CONTAINS", PyId(e.Name, d.Name));
            foreach (var p in debs)
                foreach (var target in p.DependsOn) Relationship(w, DebId(p.Key), "DEPENDS_ON", DebId(target));
            foreach (var e in environments)
                foreach (var d in e.Distributions)
                    foreach (var target in d.DependsOn) Relationship(w, PyId(e.Name, d.Name), "DEPENDS_ON", PyId(e.Name, target));
            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    private static void WriteCandidate(Utf8JsonWriter w, SbomSubject s)
    {
        w.WriteStartObject();
        w.WriteString("SPDXID", Candidate);
        w.WriteString("name", s.Name);
        w.WriteString("versionInfo", s.Version);
        w.WriteString("packageFileName", s.TemplateFileName);
        w.WriteString("downloadLocation", NoAssertion);
        w.WriteBoolean("filesAnalyzed", false);
        Checksum(w, s.TemplateSha256);
        w.WriteString("primaryPackagePurpose", "CONTAINER");
        w.WriteString("comment", $"candidate id (sha256 of rootfs.tar) {s.Id.Value}; architecture {s.Architecture}");
        Licenses(w);
        w.WriteEndObject();
    }

    private static void WriteDeb(Utf8JsonWriter w, DebianPackage p, string distro)
    {
        w.WriteStartObject();
        w.WriteString("SPDXID", DebId(p.Key));
        w.WriteString("name", p.Name);
        w.WriteString("versionInfo", p.Version);
        w.WriteString("packageFileName", p.DownloadUrl[(p.DownloadUrl.LastIndexOf('/') + 1)..]);
        w.WriteString("downloadLocation", p.DownloadUrl);
        w.WriteBoolean("filesAnalyzed", false);
        Checksum(w, p.DebSha256);
        Purl(w, Purls.Deb(p, distro));
        w.WriteString("primaryPackagePurpose", "INSTALL");
        w.WriteString("sourceInfo", $"built from Debian source package {p.SourceName} {p.SourceVersion}");
        Licenses(w);
        w.WriteEndObject();
    }

    private static void WritePyPi(Utf8JsonWriter w, PythonEnvironment e, PythonDistribution d)
    {
        w.WriteStartObject();
        w.WriteString("SPDXID", PyId(e.Name, d.Name));
        w.WriteString("name", d.Name);
        w.WriteString("versionInfo", d.Version);
        w.WriteString("packageFileName", d.WheelFileName);
        w.WriteString("downloadLocation", d.WheelUrl ?? NoAssertion);
        w.WriteBoolean("filesAnalyzed", false);
        Checksum(w, d.WheelSha256);
        Purl(w, Purls.PyPi(d));
        w.WriteString("primaryPackagePurpose", "LIBRARY");
        w.WriteString("comment", $"Python environment {e.Name} ({e.InstallPath})" + (d.IndexUrl is null ? "" : $"; index {d.IndexUrl}"));
        Licenses(w);
        w.WriteEndObject();
    }

    private static void Checksum(Utf8JsonWriter w, Sha256 sha)
    {
        w.WriteStartArray("checksums");
        w.WriteStartObject();
        w.WriteString("algorithm", "SHA256");
        w.WriteString("checksumValue", sha.Hex);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void Purl(Utf8JsonWriter w, string purl)
    {
        w.WriteStartArray("externalRefs");
        w.WriteStartObject();
        w.WriteString("referenceCategory", "PACKAGE-MANAGER");
        w.WriteString("referenceType", "purl");
        w.WriteString("referenceLocator", purl);
        w.WriteEndObject();
        w.WriteEndArray();
    }

    private static void Licenses(Utf8JsonWriter w)
    {
        w.WriteString("licenseConcluded", NoAssertion);
        w.WriteString("licenseDeclared", NoAssertion);
        w.WriteString("copyrightText", NoAssertion);
    }

    private static void Relationship(Utf8JsonWriter w, string from, string type, string to)
    {
        w.WriteStartObject();
        w.WriteString("spdxElementId", from);
        w.WriteString("relationshipType", type);
        w.WriteString("relatedSpdxElement", to);
        w.WriteEndObject();
    }

    internal static string DebId(string key) => "SPDXRef-deb-" + Escape(key.Replace(':', '-'));

    internal static string PyId(string environment, string name) => $"SPDXRef-pypi-{Escape(environment)}-{Escape(name)}";

    /// <summary>SPDXIDs allow letters, digits, '.' and '-'; anything else becomes ".XX" (its UTF-8 bytes in upper-case hex).</summary>
    internal static string Escape(string value)
    {
        var sb = new StringBuilder(value.Length);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.IsAscii && (char.IsAsciiLetterOrDigit((char)rune.Value) || rune.Value is '.' or '-'))
            {
                sb.Append((char)rune.Value);
                continue;
            }
            var n = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..n]) sb.Append('.').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}

using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CamBuild.PackageIndex.Wheels;
using CamBuild.Python;

namespace CamBuild.PackageIndex.Tests.Hostile;

/// <summary>Wheels built to hurt: each is refused by <see cref="WheelInspector"/> with the wheel, the entry and the fix.</summary>
public sealed class HostileWheelTests
{
    private const string Name = "katcp-1.0-py3-none-any.whl";
    private const string DistInfo = "katcp-1.0.dist-info";
    private const string Metadata = "Metadata-Version: 2.1\nName: katcp\nVersion: 1.0\n";

    private sealed record Entry(string Path, byte[] Bytes, int? UnixMode = null, bool InRecord = true, string? RecordHash = null);

    private static Entry Text(string path, string text, int? mode = null, bool inRecord = true, string? recordHash = null) =>
        new(path, Encoding.UTF8.GetBytes(text), mode, inRecord, recordHash);

    private static MemoryStream Wheel(params Entry[] extra)
    {
        List<Entry> entries = [Text("katcp/__init__.py", "VERSION = '1.0'\n"), Text($"{DistInfo}/METADATA", Metadata), .. extra];
        var record = new StringBuilder();
        foreach (var e in entries.Where(e => e.InRecord))
            record.Append(e.Path).Append(",sha256=").Append(e.RecordHash ?? Hash(e.Bytes)).Append(',').Append(e.Bytes.Length).Append('\n');
        record.Append(DistInfo).Append("/RECORD,,\n");
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var e in entries.Append(Text($"{DistInfo}/RECORD", record.ToString())))
            {
                var entry = zip.CreateEntry(e.Path);
                if (e.UnixMode is { } mode) entry.ExternalAttributes = mode << 16;
                using var content = entry.Open();
                content.Write(e.Bytes);
            }
        }
        stream.Position = 0;
        return stream;
    }

    private static string Hash(byte[] bytes) => Convert.ToBase64String(SHA256.HashData(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Refusal(MemoryStream wheel)
    {
        var error = Assert.Throws<WheelFormatException>(() => WheelInspector.Check(wheel, Name));
        Assert.Contains(Name, error.Message, StringComparison.Ordinal);
        Assert.Contains("ask the package's owner to rebuild", error.Message, StringComparison.Ordinal);
        return error.Message;
    }

    [Fact]
    public void A_well_formed_wheel_passes() => WheelInspector.Check(Wheel(), Name);

    [Theory]
    [InlineData("../../evil.py", "'..'")]
    [InlineData("katcp/../../../etc/cron.d/evil", "'..'")]
    [InlineData("/etc/cron.d/evil", "an absolute path")]
    [InlineData("C:/evil.py", "an absolute path")]
    [InlineData("katcp\\..\\..\\evil.py", "a backslash")]
    public void A_zip_slip_entry_is_refused(string path, string problem) =>
        Assert.Contains($"has {problem}", Refusal(Wheel(Text(path, "import os"))), StringComparison.Ordinal);

    [Fact]
    public void A_symbolic_link_entry_is_refused() =>
        Assert.Contains("'katcp/passwd' is a symbolic link", Refusal(Wheel(Text("katcp/passwd", "/etc/passwd", mode: 0xA1FF))), StringComparison.Ordinal);

    [Fact]
    public void A_record_that_lies_about_a_hash_is_refused()
    {
        var message = Refusal(Wheel(Text("katcp/core.py", "print('trojan')", recordHash: Hash("print('honest')"u8.ToArray()))));
        Assert.Contains("RECORD:", message, StringComparison.Ordinal);
        Assert.Contains("'katcp/core.py'", message, StringComparison.Ordinal);
        Assert.Contains("altered after it was built", message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_the_record_does_not_list_is_refused() =>
        Assert.Contains("'katcp/extra.py' is not listed", Refusal(Wheel(Text("katcp/extra.py", "x", inRecord: false))), StringComparison.Ordinal);

    [Fact]
    public void Ten_thousand_requires_dist_lines_are_refused_by_the_inspector_and_by_the_metadata_parser()
    {
        var metadata = Metadata + string.Concat(Enumerable.Range(0, 10_000).Select(i => $"Requires-Dist: dep{i}>=1\n"));
        var wheel = BuildWithMetadata(metadata);
        Assert.Contains("more than 1000 Requires-Dist lines", Refusal(wheel), StringComparison.Ordinal);

        var error = Assert.Throws<PythonPackagingException>(() => CamBuild.Python.Metadata.CoreMetadata.Parse(metadata, Name + ".metadata"));
        Assert.Contains($"{Name}.metadata:1004: more than 1000 Requires-Dist lines", error.Message, StringComparison.Ordinal);
    }

    private static MemoryStream BuildWithMetadata(string metadata)
    {
        var stream = new MemoryStream();
        var meta = Encoding.UTF8.GetBytes(metadata);
        var record = $"{DistInfo}/METADATA,sha256={Hash(meta)},{meta.Length}\n{DistInfo}/RECORD,,\n";
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, bytes) in new[] { ($"{DistInfo}/METADATA", meta), ($"{DistInfo}/RECORD", Encoding.UTF8.GetBytes(record)) })
            {
                using var content = zip.CreateEntry(path).Open();
                content.Write(bytes);
            }
        }
        stream.Position = 0;
        return stream;
    }

    [Fact]
    public void Bytes_that_are_not_a_zip_are_refused() =>
        Assert.Contains("not a readable zip archive", Assert.Throws<WheelFormatException>(() => WheelInspector.Check(new MemoryStream("PK\u0003\u0004garbage"u8.ToArray()), Name)).Message, StringComparison.Ordinal);

    [Fact]
    public void The_fixture_wheels_the_embedded_index_serves_pass()
    {
        using var dir = new TempDirectory();
        var path = WheelWriter.WritePure(dir.Path, new CoreMetadata("2.1", "katcp", "1.0", ">=3.8", ["tornado>=4"], []), new Dictionary<string, string> { ["katcp/__init__.py"] = "" });
        WheelInspector.Check(path);
    }
}

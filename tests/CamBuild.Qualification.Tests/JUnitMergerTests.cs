using System.Xml.Linq;
using CamBuild.Qualification.JUnit;

namespace CamBuild.Qualification.Tests;

public sealed class JUnitMergerTests
{
    [Fact]
    public void MergesSuitesRenamesThemAndRecomputesTotals()
    {
        var health = XDocument.Parse("""
            <testsuites name="cam-acceptance" tests="1"><testsuite name="acceptance-health" tests="7">
              <testcase name="ping" classname="h" time="0.5"><system-out>ok</system-out></testcase>
              <testcase name="version" classname="h" time="0.25"><failure message="1.0.1 != 1.0.0">diff</failure></testcase>
            </testsuite></testsuites>
            """);
        var system = XDocument.Parse("""
            <testsuite name="system"><testcase name="a" classname="s" time="1"><skipped/></testcase>
            <testcase name="b" classname="s" time="2"><error message="boom"/></testcase></testsuite>
            """);

        var merged = JUnitMerger.Merge("qualification", [("node-health@m000", health), ("system", system)]);
        var root = merged.Root!;

        Assert.Equal("testsuites", root.Name.LocalName);
        Assert.Equal(["4", "1", "1", "1", "3.750"], new[] { "tests", "failures", "errors", "skipped", "time" }.Select(name => root.Attribute(name)!.Value));
        var suites = root.Elements("testsuite").ToList();
        Assert.Equal(["node-health@m000/acceptance-health", "system"], suites.Select(suite => suite.Attribute("name")!.Value));
        Assert.Equal("2", suites[0].Attribute("tests")!.Value);
        Assert.Equal("ok", suites[0].Descendants("system-out").Single().Value);

        var reparsed = JUnitParser.Parse(JUnitMerger.ToText(merged), "merged.xml");
        Assert.Equal((1, 2, 1), (reparsed.Passed, reparsed.Failed, reparsed.Skipped));
    }

    [Fact]
    public void NestedSuitesAreFlattened()
    {
        var nested = XDocument.Parse("""
            <testsuites><testsuite name="outer"><testcase name="x" classname="o"/>
            <testsuite name="inner"><testcase name="y" classname="i"/></testsuite></testsuite></testsuites>
            """);

        var merged = JUnitMerger.Merge("q", [("s", nested)]);

        Assert.Equal(["s/outer", "s/inner"], merged.Root!.Elements("testsuite").Select(suite => suite.Attribute("name")!.Value));
        Assert.Equal(2, merged.Root.Descendants("testcase").Count());
    }

    [Fact]
    public void MergeFilesWritesUtf8XmlAtomically()
    {
        using var directory = new TempDirectory();
        var a = directory.Write("a.xml", "<testsuite name=\"a\"><testcase name=\"é\" classname=\"c\"/></testsuite>");
        var output = Path.Combine(directory.Path, "out", JUnitMerger.MergedFileName);

        JUnitMerger.MergeFiles(output, [("suite-a", a)]);

        var text = File.ReadAllText(output);
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", text, StringComparison.Ordinal);
        Assert.Contains("name=\"é\"", text, StringComparison.Ordinal);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(output)!));
    }
}

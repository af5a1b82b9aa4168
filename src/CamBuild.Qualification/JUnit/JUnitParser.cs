using System.Xml.Linq;

namespace CamBuild.Qualification.JUnit;

/// <summary>
/// Parses JUnit XML as written by common tools: a <c>testsuites</c> or a single <c>testsuite</c> root, nested suites,
/// <c>failure</c>/<c>error</c> with or without a message, <c>skipped</c>, times with thousands separators. Counts come
/// from the test cases, not from the (often stale) summary attributes.
/// </summary>
internal static class JUnitParser
{
    public static JUnitResult ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Parse(File.ReadAllText(path), path);
    }

    public static JUnitResult Parse(string xml, string source)
    {
        ArgumentNullException.ThrowIfNull(xml);
        return Parse(JUnitXml.Load(xml, source));
    }

    internal static JUnitResult Parse(XDocument document)
    {
        var root = document.Root!;
        var cases = JUnitXml.Cases(root).Select(item => ReadCase(item.Case, item.Suite)).ToList();
        var seconds = root.Attribute("time") is not null ? JUnitXml.Seconds(root) : cases.Sum(testCase => testCase.Seconds);
        return new JUnitResult(cases, seconds);
    }

    private static TestCaseResult ReadCase(XElement testCase, string suite)
    {
        var children = testCase.Elements().ToList();
        var outcome = TestOutcome.Passed;
        XElement? detail = null;
        foreach (var (name, candidate) in new[] { ("error", TestOutcome.Error), ("failure", TestOutcome.Failed), ("skipped", TestOutcome.Skipped) })
        {
            if (children.FirstOrDefault(child => child.Name.LocalName == name) is { } found)
            {
                outcome = candidate;
                detail = found;
                break;
            }
        }
        var text = detail?.Value.Trim() ?? "";
        var message = detail?.Attribute("message")?.Value.Trim() is { Length: > 0 } attribute
            ? attribute
            : text.Split('\n', 2)[0].Trim();
        return new TestCaseResult(suite, testCase.Attribute("classname")?.Value ?? "", testCase.Attribute("name")?.Value ?? "",
            JUnitXml.Seconds(testCase), outcome, message, text);
    }
}

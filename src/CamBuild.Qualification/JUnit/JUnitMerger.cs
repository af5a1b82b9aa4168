using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CamBuild.Qualification.JUnit;

/// <summary>Writes JUnit XML: synthetic failures for suites that gave none, and the merge of all suites into one file.</summary>
internal static class JUnitMerger
{
    public const string MergedFileName = "qualification.junit.xml";

    /// <summary>A testsuite element with one failed testcase, used when a suite timed out or gave no usable JUnit.</summary>
    public static XElement FailedSuite(string suiteName, string caseName, string message, string details, double seconds) =>
        Totals(new XElement("testsuite", new XAttribute("name", suiteName),
            new XElement("testcase", new XAttribute("classname", "cambuild." + suiteName), new XAttribute("name", caseName),
                new XAttribute("time", JUnitXml.FormatSeconds(seconds)),
                new XElement("failure", new XAttribute("message", message), new XAttribute("type", caseName), details))));

    /// <summary>One document whose testsuites are the given suite documents' test suites, each named after its suite.</summary>
    public static XDocument Merge(string name, IEnumerable<(string Suite, XDocument JUnit)> suites)
    {
        ArgumentNullException.ThrowIfNull(suites);
        var root = new XElement("testsuites", new XAttribute("name", name));
        foreach (var (suite, document) in suites)
        {
            foreach (var element in LeafSuites(document.Root!))
            {
                var copy = new XElement(element);
                copy.Elements().Where(child => child.Name.LocalName == "testsuite").Remove();
                var original = element.Attribute("name")?.Value;
                copy.SetAttributeValue("name", string.IsNullOrEmpty(original) || original == suite ? suite : $"{suite}/{original}");
                root.Add(Totals(copy));
            }
        }
        return new XDocument(new XDeclaration("1.0", "utf-8", null), Totals(root));
    }

    /// <summary>Reads each suite's JUnit file and writes the merged document atomically.</summary>
    public static void MergeFiles(string outputPath, IEnumerable<(string Suite, string JUnitPath)> suites)
    {
        ArgumentNullException.ThrowIfNull(suites);
        var documents = suites.Select(suite => (suite.Suite, JUnitXml.Load(File.ReadAllText(suite.JUnitPath), suite.JUnitPath))).ToList();
        AtomicFile.WriteAllText(outputPath, Secrets.MaskText(ToText(Merge("qualification", documents))));
    }

    public static string ToText(XDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
        using var buffer = new MemoryStream();
        using (var writer = XmlWriter.Create(buffer, settings))
        {
            document.Save(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    /// <summary>Test suites that hold test cases directly (nested suites flatten to these).</summary>
    private static IEnumerable<XElement> LeafSuites(XElement root)
    {
        var suites = root.DescendantsAndSelf().Where(element => element.Name.LocalName == "testsuite"
            && element.Elements().Any(child => child.Name.LocalName == "testcase")).ToList();
        if (root.Name.LocalName == "testsuites" && root.Elements().Any(child => child.Name.LocalName == "testcase"))
        {
            suites.Add(new XElement("testsuite", root.Elements().Where(child => child.Name.LocalName == "testcase")));
        }
        return suites;
    }

    /// <summary>Recomputes tests/failures/errors/skipped/time of a suite or suites element from its test cases.</summary>
    private static XElement Totals(XElement element)
    {
        var cases = element.Descendants().Where(child => child.Name.LocalName == "testcase").ToList();
        int Count(string outcome) => cases.Count(testCase => testCase.Elements().Any(child => child.Name.LocalName == outcome));
        element.SetAttributeValue("tests", cases.Count);
        element.SetAttributeValue("failures", cases.Count(testCase => testCase.Elements().Any(child => child.Name.LocalName == "failure")
            && !testCase.Elements().Any(child => child.Name.LocalName == "error")));
        element.SetAttributeValue("errors", Count("error"));
        element.SetAttributeValue("skipped", cases.Count(testCase => testCase.Elements().Any(child => child.Name.LocalName == "skipped")
            && !testCase.Elements().Any(child => child.Name.LocalName is "error" or "failure")));
        element.SetAttributeValue("time", JUnitXml.FormatSeconds(cases.Sum(JUnitXml.Seconds)));
        return element;
    }
}

using System.Globalization;
using System.Xml;
using System.Xml.Linq;

namespace CamBuild.Qualification.JUnit;

/// <summary>Reads JUnit XML safely (no DTDs, no external entities) and walks its test cases.</summary>
internal static class JUnitXml
{
    public static XDocument Load(string xml, string source)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var document = XDocument.Load(reader, LoadOptions.None);
            var root = document.Root?.Name.LocalName;
            if (root is not ("testsuites" or "testsuite"))
            {
                throw new JUnitFormatException(
                    $"{source}: the root element is <{root}>, not <testsuites> or <testsuite>; the suite must write JUnit XML");
            }
            return document;
        }
        catch (XmlException exception)
        {
            throw new JUnitFormatException($"{source}:{exception.LineNumber}:{exception.LinePosition}: not well-formed XML: {exception.Message}", exception);
        }
    }

    /// <summary>Every testcase with the name of its nearest enclosing testsuite (suites may nest).</summary>
    public static IEnumerable<(XElement Case, string Suite)> Cases(XElement root) =>
        root.Descendants().Where(element => element.Name.LocalName == "testcase").Select(testCase => (testCase,
            testCase.Ancestors().FirstOrDefault(ancestor => ancestor.Name.LocalName == "testsuite")?.Attribute("name")?.Value ?? ""));

    public static double Seconds(XElement element)
    {
        var text = element.Attribute("time")?.Value?.Replace(",", "", StringComparison.Ordinal).Trim();
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0 ? seconds : 0;
    }

    public static string FormatSeconds(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);
}

using System.Globalization;
using System.Xml.Linq;
using CamBuild.Qualification.JUnit;

namespace CamBuild.Qualification.Running;

/// <summary>
/// Turns what a suite's command produced into its final JUnit document: the suite's own XML, plus a synthetic failed
/// test case (quoting the last lines of output) when it timed out, could not start, wrote no or unreadable JUnit, ran
/// no test, or exited non-zero although no test failed.
/// </summary>
internal static class SuiteVerdict
{
    public static XDocument Judge(SuiteInvocation invocation, SuiteExecution execution, double seconds, int tailLines, string junitName)
    {
        var name = invocation.Name;
        var tail = Tail(execution.Output, tailLines);
        XDocument? own = null;
        string? problem = null;
        if (execution.JUnitXml is not null)
        {
            try
            {
                own = JUnitXml.Load(execution.JUnitXml, junitName);
            }
            catch (JUnitFormatException exception)
            {
                problem = $"unreadable JUnit XML: {exception.Message}";
            }
        }
        var ownResult = own is null ? null : JUnitParser.Parse(own);
        var (caseName, message) = execution switch
        {
            { StartError: { } error } => ("start", error),
            { TimedOut: true } => ("timeout", $"did not finish within {invocation.Suite.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s and was killed"),
            _ when problem is not null => ("junit", problem),
            _ when own is null => ("junit", $"wrote no JUnit XML to {{junit}} ({junitName}); exit code {execution.ExitCode}"),
            _ when ownResult!.Cases.Count == 0 => ("no-tests", $"its JUnit XML has no test case; exit code {execution.ExitCode}"),
            _ when execution.ExitCode != 0 && ownResult!.Failed == 0 => ("exit-code", $"exited with code {execution.ExitCode} although no test failed"),
            _ => ((string?)null, (string?)null),
        };
        var document = own ?? new XDocument(new XElement("testsuites"));
        if (caseName is not null)
        {
            var details = tail.Length > 0 ? $"{message}\nlast lines of output:\n{tail}" : message!;
            var synthetic = JUnitMerger.FailedSuite(name, caseName, message!, details, seconds);
            if (document.Root!.Name.LocalName == "testsuite")
            {
                document = new XDocument(new XElement("testsuites", document.Root));
            }
            document.Root!.Add(synthetic);
        }
        return document;
    }

    public static string Tail(string output, int lines)
    {
        var all = output.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
        return string.Join('\n', all.TakeLast(lines)).Trim('\n');
    }
}

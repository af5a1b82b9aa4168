using System.Globalization;
using System.Xml.Linq;

namespace CamBuild.Targets.Tooling;

/// <summary>Totals of one or more test runs, read from the TRX files that <c>dotnet test --logger trx</c> writes.</summary>
public sealed record TestRunSummary(int Passed, int Failed, int Skipped, IReadOnlyList<string> FailedTests)
{
    public static readonly TestRunSummary Empty = new(0, 0, 0, []);

    /// <summary>The plain line CI reads: <c>N passed, N failed, N skipped</c>.</summary>
    public string Line => $"{Passed} passed, {Failed} failed, {Skipped} skipped";

    public static TestRunSummary operator +(TestRunSummary a, TestRunSummary b) => Add(a, b);

    public static TestRunSummary Add(TestRunSummary a, TestRunSummary b) =>
        new(a.Passed + b.Passed, a.Failed + b.Failed, a.Skipped + b.Skipped, [.. a.FailedTests, .. b.FailedTests]);

    public static TestRunSummary FromTrx(string path)
    {
        var doc = XDocument.Load(path);
        XNamespace ns = doc.Root!.Name.Namespace;
        var results = doc.Descendants(ns + "UnitTestResult").ToList();
        int Count(string outcome) => results.Count(r => (string?)r.Attribute("outcome") == outcome);
        var failed = results.Where(r => (string?)r.Attribute("outcome") == "Failed")
            .Select(r => (string?)r.Attribute("testName") ?? "?").Order(StringComparer.Ordinal).ToList();
        var skipped = Count("NotExecuted");
        if (results.Count == 0 && doc.Descendants(ns + "Counters").FirstOrDefault() is { } counters)
        {
            int Attr(string n) => int.Parse((string?)counters.Attribute(n) ?? "0", CultureInfo.InvariantCulture);
            return new(Attr("passed"), Attr("failed") + Attr("error") + Attr("timeout") + Attr("aborted"), Attr("notExecuted"), []);
        }

        return new(Count("Passed"), failed.Count, skipped, failed);
    }
}

using System.Globalization;
using System.Text;

namespace CamBuild.Qualification.Reporting;

/// <summary>The plain-text summary printed at the end of Qualify: verdict, identity, one line per suite, failing tests.</summary>
public static class QualificationSummary
{
    public const string FileName = "summary.txt";

    public static string Render(QualificationReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var record = model.Record;
        var text = new StringBuilder();
        var failed = model.Suites.Sum(suite => suite.Failed);
        text.Append(CultureInfo.InvariantCulture, $"Qualification {(record.Passed ? "PASSED" : "FAILED")}: {record.Candidate.File} on environment '{record.Environment}'\n")
            .Append(CultureInfo.InvariantCulture, $"  candidate      {record.Candidate.Id}\n")
            .Append(CultureInfo.InvariantCulture, $"  configuration  {record.ConfigurationHash}\n")
            .Append(CultureInfo.InvariantCulture, $"  suites         {record.SuitesHash}\n")
            .Append(CultureInfo.InvariantCulture, $"  duration       {TimelineSvg.Seconds((record.Finished - record.Started).TotalSeconds)}\n\n");
        var width = Math.Max(5, model.Suites.Select(suite => suite.Name.Length).DefaultIfEmpty(0).Max());
        var whereWidth = Math.Max(5, model.Suites.Select(suite => suite.Where.Length).DefaultIfEmpty(0).Max());
        text.Append(CultureInfo.InvariantCulture, $"  {"suite".PadRight(width)}  {"where".PadRight(whereWidth)}  {"kind",-11}  {"passed",6}  {"failed",6}  {"skipped",7}  {"seconds",7}\n");
        foreach (var suite in model.Suites)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"  {suite.Name.PadRight(width)}  {suite.Where.PadRight(whereWidth)}  {suite.Kind,-11}  {suite.Passed,6}  {suite.Failed,6}  {suite.Skipped,7}  {suite.Seconds,7:0.0}\n");
        }
        if (failed > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nFailing tests ({failed}):\n");
            foreach (var suite in model.Suites)
            {
                foreach (var failure in suite.Failures)
                {
                    var message = failure.Message.Split('\n', 2)[0].Trim();
                    text.Append(CultureInfo.InvariantCulture, $"  {suite.Name}: {failure.Test}{(message.Length > 0 ? " - " + message : "")}\n")
                        .Append(CultureInfo.InvariantCulture, $"      log: {suite.LogLink}\n");
                }
            }
        }
        if (model.MergedJUnitLink is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nJUnit: {model.MergedJUnitLink}\n");
        }
        return text.ToString();
    }
}

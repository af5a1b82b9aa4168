using CamBuild.Common;
namespace CamBuild.Qualification.Suites;

/// <summary>The suites configuration is invalid (an <see cref="ArgumentException"/>: InvalidDataException is sealed); the message lists every problem with file:line:column and its fix.</summary>
internal sealed class SuiteConfigurationException : InputException
{
    public SuiteConfigurationException(string file, IReadOnlyList<Diagnostic> problems)
        : base(Describe(file, problems)) => Problems = problems;

    public SuiteConfigurationException() : base("invalid qualification suites configuration") => Problems = [];

    public SuiteConfigurationException(string message) : base(message) => Problems = [];

    public SuiteConfigurationException(string message, Exception innerException) : base(message, innerException) => Problems = [];

    public IReadOnlyList<Diagnostic> Problems { get; }

    private static string Describe(string file, IReadOnlyList<Diagnostic> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var noun = problems.Count == 1 ? "problem" : "problems";
        return $"{file}: {problems.Count} {noun} in the qualification suites:\n"
            + string.Join("\n", problems.OrderBy(problem => problem.Location.Line).ThenBy(problem => problem.Location.Column)
                .Select(problem => "  " + problem));
    }
}

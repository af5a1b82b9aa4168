namespace CamBuild.Qualification.Suites;

/// <summary>One problem in a suites file, with where it is and how to fix it.</summary>
public sealed record SuiteProblem(SourceLocation Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

namespace CamBuild.Qualification.Suites;

/// <summary>A file that belongs to the suites (staged into nodes and part of <see cref="SuiteSet.Hash"/>).</summary>
/// <param name="RelativePath">Path relative to the repository root, with <c>/</c> separators.</param>
public sealed record SuiteFile(string RelativePath, string Sha256);

/// <summary>The loaded suites with the hash that binds a qualification record to them.</summary>
/// <param name="Root">Repository root the suites' file globs are relative to.</param>
/// <param name="Hash">sha256 (64 hex) over the canonical suites and the content of every referenced file.</param>
public sealed record SuiteSet(
    string SourceFile,
    string Root,
    IReadOnlyList<SuiteDefinition> Suites,
    IReadOnlyList<SuiteFile> Files,
    string Hash)
{
    /// <summary>Files (from <see cref="Files"/>) that one suite's globs select.</summary>
    internal IReadOnlyList<SuiteFile> FilesOf(SuiteDefinition suite)
    {
        ArgumentNullException.ThrowIfNull(suite);
        return Files.Where(file => suite.Files.Any(glob => Glob.IsMatch(glob, file.RelativePath, Glob.PythonByteCode))).ToList();
    }
}

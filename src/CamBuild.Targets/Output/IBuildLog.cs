namespace CamBuild.Targets.Output;

internal enum Verbosity { Quiet, Minimal, Normal, Verbose }

/// <summary>The build's log. Every implementation masks secrets before anything is written.</summary>
public interface IBuildLog
{
    void Section(string target, string? note);
    void Debug(string message);
    void Info(string message);
    void Warn(string message);
    void Error(string message);
    void Progress(int done, int total, string message);
}

namespace CamBuild.Common;

/// <summary>
/// An external tool (mmdebstrap, tar, zstd, apt, pip, lxc-*, ssh) failed, crashed or did not finish in time: exit code 1,
/// never the usage/input exit code 2. The message names the command line (secrets masked) and the tail of its output.
/// </summary>
public class ToolFailedException : Exception
{
    public ToolFailedException(string message) : base(message) { }

    public ToolFailedException(string message, Exception? inner) : base(message, inner) { }

    public ToolFailedException() : base("A tool failed.") { }
}

using CamBuild.Common;
namespace CamBuild.Qualification.JUnit;

/// <summary>A file is not JUnit XML this library can read; the message names the file and what is wrong.</summary>
internal sealed class JUnitFormatException : InputException
{
    public JUnitFormatException() : base("not JUnit XML")
    {
    }

    public JUnitFormatException(string message) : base(message)
    {
    }

    public JUnitFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

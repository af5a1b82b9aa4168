using System.Text;

namespace CamBuild.Python.Versions;

/// <summary>PEP 503 project name normalisation and PEP 508 name validation.</summary>
public static class PackageName
{
    /// <summary>Lower-cases and collapses runs of '-', '_' and '.' into one '-'.</summary>
    public static string Normalize(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var builder = new StringBuilder(name.Length);
        var previousWasSeparator = false;
        foreach (var c in name.Trim())
        {
            if (c is '-' or '_' or '.')
            {
                if (!previousWasSeparator)
                {
                    builder.Append('-');
                }

                previousWasSeparator = true;
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
            previousWasSeparator = false;
        }

        return builder.ToString();
    }

    public static bool IsNormalized(string name) => name == Normalize(name);

    /// <summary>True for a valid PEP 508 distribution name: ASCII letters/digits, inner '.', '-', '_'.</summary>
    public static bool IsValid(string name)
    {
        if (string.IsNullOrEmpty(name) || !char.IsAsciiLetterOrDigit(name[0]) || !char.IsAsciiLetterOrDigit(name[^1]))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '-' or '_'))
            {
                return false;
            }
        }

        return true;
    }
}

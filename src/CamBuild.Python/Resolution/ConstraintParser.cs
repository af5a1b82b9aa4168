using CamBuild.Python.Requirements;

namespace CamBuild.Python.Resolution;

/// <summary>Reads requirements-style constraint lines: one PEP 508 requirement per line, '#' comments, blank lines.</summary>
public static class ConstraintParser
{
    public static IReadOnlyList<ConstraintRequirement> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<ConstraintRequirement>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = StripComment(lines[i]).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('-'))
            {
                throw new PythonPackagingException(
                    $"{fileName}:{i + 1}: option '{line}' is not supported in constraints; write one requirement per line (e.g. tornado<6).");
            }

            Requirement requirement;
            try
            {
                requirement = Requirement.Parse(line);
            }
            catch (PythonPackagingException ex)
            {
                throw new PythonPackagingException($"{fileName}:{i + 1}: {ex.Message}", ex);
            }

            if (requirement.Extras.Count > 0)
            {
                throw new PythonPackagingException(
                    $"{fileName}:{i + 1}: constraints cannot have extras ('{line}'); write '{requirement.Name}{requirement.Specifier}' instead.");
            }

            result.Add(new ConstraintRequirement(requirement, fileName, i + 1));
        }

        return result;
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash == 0 ? string.Empty : hash > 0 && char.IsWhiteSpace(line[hash - 1]) ? line[..hash] : line;
    }
}

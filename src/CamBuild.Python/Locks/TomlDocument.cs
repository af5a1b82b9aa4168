using Tomlyn;
using Tomlyn.Model;
using Tomlyn.Parsing;

namespace CamBuild.Python.Locks;

/// <summary>Reads a TOML file with Tomlyn, strictly (duplicate keys are errors); a bad file names file, line and cause.</summary>
internal static class TomlDocument
{
    public static TomlTable Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            // Tomlyn's model reader lets a later duplicate key win; the validating syntax pass refuses it, as TOML requires.
            SyntaxParser.ParseStrict(text, fileName, validate: true);
            return TomlSerializer.Deserialize<TomlTable>(text, new TomlSerializerOptions { SourceName = fileName })
                ?? throw new PythonPackagingException($"{fileName}: the file is empty.");
        }
        catch (TomlException e)
        {
            var cause = e.Diagnostics is { Count: > 0 } diagnostics ? diagnostics[0].Message : e.Message;
            throw new PythonPackagingException($"{fileName}:{e.Line}: invalid TOML: {cause}; fix the file or regenerate it with the Pin target.", e);
        }
        catch (ArgumentOutOfRangeException e)
        {
            // Tomlyn 2.10 throws this for a \U escape naming a surrogate or a value above U+10FFFF (found by fuzzing).
            throw new PythonPackagingException($"{fileName}: invalid TOML: an escape names a code point that is not a Unicode scalar value; fix the file or regenerate it with the Pin target.", e);
        }
    }
}

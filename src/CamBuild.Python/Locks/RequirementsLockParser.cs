using CamBuild.Python.Requirements;
using CamBuild.Python.Versions;

namespace CamBuild.Python.Locks;

/// <summary>Reads a hashed requirements lock (as written by <see cref="RequirementsLockWriter"/> or pip-compile).</summary>
public static class RequirementsLockParser
{
    /// <summary>Reads a lock back from disk through the one guarded reader (size limit, strict UTF-8).</summary>
    public static IReadOnlyList<LockedPackage> Load(string path, string fileName) => Parse(CamBuild.Common.InputText.Read(path, fileName), fileName);

    public static IReadOnlyList<LockedPackage> Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var packages = new List<LockedPackage>();
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var startLine = i + 1;
            var logical = lines[i].TrimEnd();
            while (logical.EndsWith('\\') && i + 1 < lines.Length)
            {
                logical = logical[..^1] + " " + lines[++i].Trim();
            }

            logical = StripComment(logical).Trim();
            if (logical.Length == 0)
            {
                continue;
            }

            packages.Add(ParseEntry(logical, fileName, startLine));
        }

        var duplicate = packages.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null
            ? packages
            : throw new PythonPackagingException($"{fileName}: '{duplicate.Key}' is pinned more than once; regenerate the lock.");
    }

    private static LockedPackage ParseEntry(string logical, string fileName, int line)
    {
        var tokens = logical.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hashes = new List<string>();
        var requirementParts = new List<string>();
        foreach (var token in tokens)
        {
            if (token.StartsWith("--hash=", StringComparison.Ordinal))
            {
                var value = token["--hash=".Length..];
                if (!value.StartsWith("sha256:", StringComparison.Ordinal))
                {
                    throw new PythonPackagingException($"{fileName}:{line}: only sha256 hashes are supported, found '{token}'.");
                }

                var digest = value["sha256:".Length..].ToLowerInvariant();
                if (digest.Length != 64 || !digest.All(char.IsAsciiHexDigit))
                {
                    throw new PythonPackagingException($"{fileName}:{line}: '{token}' is not a sha256 digest (64 hexadecimal digits); regenerate the lock with the Pin target.");
                }

                hashes.Add(digest);
            }
            else if (token.StartsWith('-'))
            {
                throw new PythonPackagingException($"{fileName}:{line}: option '{token}' is not supported in a lock; regenerate it with the Pin target.");
            }
            else
            {
                requirementParts.Add(token);
            }
        }

        Requirement requirement;
        try
        {
            requirement = Requirement.Parse(string.Join(' ', requirementParts));
        }
        catch (PythonPackagingException ex)
        {
            throw new PythonPackagingException($"{fileName}:{line}: {ex.Message}", ex);
        }

        var pin = requirement.Specifier.Specifiers.Count == 1 ? requirement.Specifier.Specifiers[0] : null;
        if (pin is not { Operator: SpecifierOperator.Equal or SpecifierOperator.ArbitraryEqual, IsWildcard: false, Version: not null })
        {
            throw new PythonPackagingException(
                $"{fileName}:{line}: '{requirement.Text}' is not pinned to one version with ==; a lock needs name==version lines.");
        }

        return new LockedPackage(requirement.Name, pin.Version, hashes.Order(StringComparer.Ordinal).ToArray());
    }

    private static string StripComment(string line)
    {
        var hash = line.IndexOf('#', StringComparison.Ordinal);
        return hash == 0 ? string.Empty : hash > 0 && char.IsWhiteSpace(line[hash - 1]) ? line[..hash] : line;
    }
}

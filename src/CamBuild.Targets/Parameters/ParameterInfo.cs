using System.Reflection;

namespace CamBuild.Targets.Parameters;

/// <summary>A parameter as help, schema and binder see it.</summary>
public sealed record ParameterInfo(
    string Name,
    string Description,
    Type Type,
    bool IsSecret,
    string? DefaultText,
    MemberInfo? Member)
{
    public string Kebab => ToKebab(Name);

    public IReadOnlyList<string> AllowedValues =>
        (Nullable.GetUnderlyingType(Type) ?? Type) is { IsEnum: true } e ? Enum.GetNames(e) : [];

    public static string ToKebab(string name)
    {
        var chars = new List<char>();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                chars.Add('-');
            chars.Add(char.ToLowerInvariant(c));
        }

        return new string(chars.ToArray());
    }
}

using System.Reflection;
using CamBuild.Targets.Parameters;
using ParameterInfo = CamBuild.Targets.Parameters.ParameterInfo;

namespace CamBuild.Targets.Hosting;

/// <summary>The reflection edge: turns a build object's <see cref="Target"/> properties and [Parameter] members into plain data.</summary>
public static class TargetDiscovery
{
    private const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;

    public static IReadOnlyList<TargetSpec> Targets(object build)
    {
        var properties = build.GetType().GetProperties(Instance)
            .Where(p => p.PropertyType == typeof(Target))
            .OrderBy(p => p.MetadataToken)
            .ToList();
        var delegates = properties.ToDictionary(p => p.Name, p => (Target)p.GetValue(build)!);
        var names = delegates.ToDictionary(kv => kv.Value.Method, kv => kv.Key);
        string NameOf(Target t) => names.TryGetValue(t.Method, out var n)
            ? n : throw new BuildUsageException($"A target refers to a delegate that is not a Target property of {build.GetType().Name}.");

        return properties.Select(p =>
        {
            var definition = new TargetDefinition(p.Name, NameOf);
            delegates[p.Name](definition);
            return definition.ToSpec();
        }).ToList();
    }

    public static IReadOnlyList<ParameterInfo> Parameters(object build)
    {
        var members = new List<MemberInfo>();
        for (var type = build.GetType(); type is not null; type = type.BaseType)
            members.AddRange(type.GetMembers(Instance | BindingFlags.DeclaredOnly)
                .Where(m => m is FieldInfo or PropertyInfo && m.GetCustomAttribute<ParameterAttribute>() is not null));

        return members.OrderBy(m => m.Name, StringComparer.Ordinal).Select(m =>
        {
            var type = m is FieldInfo f ? f.FieldType : ((PropertyInfo)m).PropertyType;
            var isSecret = m.GetCustomAttribute<SecretAttribute>() is not null;
            var current = GetValue(build, m);
            var defaultText = current switch
            {
                null => null,
                Array a => string.Join(" ", a.Cast<object>()),
                bool b => b ? "true" : "false",
                _ => current.ToString(),
            };
            return new ParameterInfo(m.Name, m.GetCustomAttribute<ParameterAttribute>()!.Description, type, isSecret,
                string.IsNullOrEmpty(defaultText) ? null : defaultText, m);
        }).ToList();
    }

    public static object? GetValue(object build, MemberInfo member) =>
        member is FieldInfo f ? f.GetValue(build) : ((PropertyInfo)member).GetValue(build);

    public static void SetValue(object build, MemberInfo member, object? value)
    {
        if (member is FieldInfo f) f.SetValue(build, value);
        else if (member is PropertyInfo { CanWrite: true } p) p.SetValue(build, value);
        else
        {
            var backing = member.DeclaringType!.GetField($"<{member.Name}>k__BackingField", Instance)
                ?? throw new BuildUsageException($"Parameter property '{member.Name}' has no setter; make it settable or a field.");
            backing.SetValue(build, value);
        }
    }
}

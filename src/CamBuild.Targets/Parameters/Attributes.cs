namespace CamBuild.Targets;

/// <summary>Marks a field or property of the build as a parameter bound from the command line, environment or parameter files.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class ParameterAttribute(string description) : Attribute
{
    public string Description => description;
}

/// <summary>Marks a parameter whose value is masked in every output.</summary>
[AttributeUsage(AttributeTargets.Field | AttributeTargets.Property)]
public sealed class SecretAttribute : Attribute;

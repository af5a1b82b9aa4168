namespace CamBuild.Targets;

/// <summary>A target: a property of the build whose lambda records its definition. The property name is the target name.</summary>
public delegate ITargetDefinition Target(ITargetDefinition definition);

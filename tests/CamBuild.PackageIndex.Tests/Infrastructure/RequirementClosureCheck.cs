namespace CamBuild.PackageIndex.Tests.Infrastructure;

/// <summary>
/// Stricter than <c>pip check</c>, which ignores extras: inside the venv, walks the root requirements (with their
/// extras) through the installed distributions' Requires-Dist, evaluating markers with each requested extra, and
/// reports every requirement that is not installed or not satisfied. Uses the venv's own pip-vendored packaging.
/// </summary>
internal static class RequirementClosureCheck
{
    public const string Satisfied = "closure satisfied";

    private const string Script = """
        import sys
        from importlib import metadata
        from pip._vendor.packaging.requirements import Requirement
        from pip._vendor.packaging.utils import canonicalize_name

        def show(requirement):
            extras = f"[{','.join(sorted(requirement.extras))}]" if requirement.extras else ""
            return f"{requirement.name}{extras}{requirement.specifier}"

        problems, seen, checked = [], set(), 0
        pending = [(Requirement(text), "root") for text in sys.argv[1:]]
        while pending:
            requirement, needed_by = pending.pop()
            try:
                dist = metadata.distribution(requirement.name)
            except metadata.PackageNotFoundError:
                problems.append(f"{needed_by} requires {show(requirement)}, which is not installed")
                continue
            checked += 1
            if not requirement.specifier.contains(dist.version, prereleases=True):
                problems.append(f"{needed_by} requires {show(requirement)}, but {dist.version} is installed")
            name = canonicalize_name(dist.metadata["Name"])
            for extra in [""] + sorted(requirement.extras):
                if (name, extra) in seen:
                    continue
                seen.add((name, extra))
                label = f"{name}[{extra}]" if extra else name
                for text in dist.requires or []:
                    child = Requirement(text)
                    if child.marker is None:
                        applies = extra == ""
                    else:
                        applies = child.marker.evaluate({"extra": extra}) and (extra == "" or not child.marker.evaluate({"extra": ""}))
                    if applies:
                        pending.append((child, label))
        print("\n".join(problems) if problems else f"closure satisfied ({checked} requirements, {len(seen)} nodes)")
        sys.exit(1 if problems else 0)
        """;

    public static Task<ProcessResult> RunAsync(FreshVenv venv, params string[] roots) =>
        venv.PythonAsync(["-I", "-c", Script, .. roots]);
}

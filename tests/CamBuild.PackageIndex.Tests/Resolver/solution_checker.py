"""Checks resolver solutions with Debian's python3-packaging, independently of CamBuild.

stdin: one JSON line per solution: {"id", "roots": [requirement], "pins": {name: wheel path}, "yanked": [wheel path]}.
stdout: one JSON line per solution: {"id", "problems": [text]} (empty when the solution is valid).
Valid means: every root and every active Requires-Dist of every pinned wheel (with the extras asked of it) is
satisfied by a pin (pre-releases allowed: the constraint, not the preference); every pinned wheel's
Requires-Python admits this interpreter; a yanked file is pinned only by an == / === requirement; every pinned
project is needed by something.
"""
import json
import sys
import zipfile
from email.parser import HeaderParser

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

ENV = default_environment()
PYTHON = Version(ENV["python_full_version"])


def metadata(path):
    with zipfile.ZipFile(path) as wheel:
        name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
        return HeaderParser().parsestr(wheel.read(name).decode("utf-8"))


def applies(requirement, extra):
    if requirement.marker is None:
        return True
    environment = dict(ENV)
    environment["extra"] = extra
    return requirement.marker.evaluate(environment)


def check(solution):
    problems = []
    pins = {canonicalize_name(k): v for k, v in solution["pins"].items()}
    yanked = set(solution.get("yanked", []))
    versions, metas = {}, {}
    for name, path in pins.items():
        meta = metadata(path)
        metas[name] = meta
        versions[name] = Version(meta["Version"])
        if canonicalize_name(meta["Name"]) != name:
            problems.append(f"{path} is {meta['Name']}, pinned as {name}")
        requires_python = meta.get("Requires-Python")
        if requires_python and not SpecifierSet(requires_python).contains(PYTHON, prereleases=True):
            problems.append(f"{name} {versions[name]} requires Python {requires_python}, interpreter is {PYTHON}")

    needed = set()
    exact = set()
    queue = [(Requirement(r), "root") for r in solution["roots"]]
    queue = [(r, why) for r, why in queue if applies(r, "")]
    seen = set()
    while queue:
        requirement, why = queue.pop()
        name = canonicalize_name(requirement.name)
        extras = {canonicalize_name(e) for e in requirement.extras}
        key = (name, str(requirement.specifier), tuple(sorted(extras)))
        if key in seen:
            continue
        seen.add(key)
        needed.add(name)
        if any(s.operator in ("==", "===") and not s.version.endswith(".*") for s in requirement.specifier):
            exact.add(name)
        if name not in versions:
            problems.append(f"{why} requires {requirement}, which is not pinned")
            continue
        if not requirement.specifier.contains(versions[name], prereleases=True):
            problems.append(f"{why} requires {requirement}, pinned {name} {versions[name]}")
        for text in metas[name].get_all("Requires-Dist") or []:
            dependency = Requirement(text)
            if applies(dependency, "") or any(applies(dependency, extra) for extra in extras):
                queue.append((dependency, f"{name} {versions[name]}"))
    for name, path in pins.items():
        if name not in needed:
            problems.append(f"{name} is pinned but nothing requires it")
        if path in yanked and name not in exact:
            problems.append(f"{name} {versions[name]} is yanked and no requirement pins it with == or ===")
    return problems


for line in sys.stdin:
    solution = json.loads(line)
    try:
        problems = check(solution)
    except Exception as error:  # a checker failure is a finding too
        problems = [f"checker: {type(error).__name__}: {error}"]
    sys.stdout.write(json.dumps({"id": solution["id"], "problems": problems}) + "\n")
    sys.stdout.flush()

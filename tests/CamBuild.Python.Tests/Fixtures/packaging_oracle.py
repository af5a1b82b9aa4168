"""Answers CamBuild's differential test from the `packaging` library, one JSON line per case on stdin.

The first line is {"envs": [marker environment dicts]}; every later line is a case. Each answer is one JSON line.
Run with Debian's /usr/bin/python3 (python3-packaging), never a pyenv one.
"""
import json
import sys

import packaging
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.specifiers import Specifier, SpecifierSet
from packaging.utils import canonicalize_name, parse_wheel_filename
from packaging.version import Version


def version(case):
    v = Version(case["t"])
    return {"n": str(v), "pre": v.is_prerelease, "post": v.is_postrelease, "dev": v.is_devrelease}


def order(case):
    a, b = Version(case["a"]), Version(case["b"])
    return {"c": (a > b) - (a < b)}


def specifier(case):
    text = case["t"]
    whole = SpecifierSet(text)
    clauses = [Specifier(s.strip()) for s in text.split(",") if s.strip()]
    versions = [Version(v) for v in case["v"]]
    return {
        "clauses": [[c.contains(v, prereleases=True) for c in clauses] for v in versions],
        "policy": [whole.contains(v) for v in versions],
    }


def evaluate(marker, env, extra):
    environment = dict(env)
    environment["extra"] = extra
    try:
        return marker.evaluate(environment)
    except Exception as error:  # a reference bug the test classifies: report its type
        return "error:" + type(error).__name__


def requirement(case):
    r = Requirement(case["t"])
    return {
        "name": canonicalize_name(r.name),
        "extras": sorted({canonicalize_name(e) for e in r.extras}),
        "spec": sorted(str(s) for s in r.specifier),
        "url": r.url,
        "marker": None if r.marker is None else evaluate(r.marker, ENVS[case["e"]], ""),
    }


def marker(case):
    return {"r": evaluate(Marker(case["t"]), ENVS[case["e"]], case["x"])}


def wheel(case):
    name, v, build, tags = parse_wheel_filename(case["t"])
    return {
        "name": str(name),
        "ver": str(v),
        "build": [build[0], build[1]] if build else None,
        "tags": sorted(f"{t.interpreter}-{t.abi}-{t.platform}" for t in tags),
    }


KINDS = {"v": version, "o": order, "s": specifier, "r": requirement, "m": marker, "w": wheel}
ENVS = json.loads(sys.stdin.readline())["envs"]
out = sys.stdout
out.write(json.dumps({"packaging": packaging.__version__}) + "\n")
out.flush()
for line in sys.stdin:
    case = json.loads(line)
    try:
        answer = KINDS[case["k"]](case)
        answer["ok"] = True
    except Exception as error:
        answer = {"ok": False, "error": type(error).__name__}
    out.write(json.dumps(answer) + "\n")

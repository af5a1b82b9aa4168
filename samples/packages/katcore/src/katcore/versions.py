"""Versions of a service's own distribution and of the kat* distributions it depends on."""
from __future__ import annotations

import re
from importlib import metadata

_REQ_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def distribution_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "0+unknown"  # running from a source tree, not installed


def component_versions(distribution: str, family_prefix: str = "kat") -> dict[str, str]:
    """``{name: version}`` for ``distribution`` and, transitively, its installed ``kat*`` requirements."""
    result: dict[str, str] = {}
    pending = [normalize(distribution)]
    while pending:
        name = pending.pop()
        if name in result:
            continue
        result[name] = distribution_version(name)
        try:
            requires = metadata.requires(name) or []
        except metadata.PackageNotFoundError:
            requires = []
        for requirement in requires:
            if "extra ==" in requirement:
                continue
            match = _REQ_NAME.match(requirement)
            if match and normalize(match.group(1)).startswith(family_prefix):
                pending.append(normalize(match.group(1)))
    return result

"""Check every role instance of a site: is it healthy, which version does it run?"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field

from katconf import Placement, Site
from katcore import RequestError
from katuilib import PortalError, ping, versions


@dataclass
class ComponentStatus:
    ref: str
    hostname: str
    address: str
    port: int
    package: str
    healthy: bool
    version: str | None = None
    components: dict[str, str] = field(default_factory=dict)
    error: str | None = None

    def to_dict(self) -> dict[str, object]:
        return asdict(self)


def check(placement: Placement, timeout: float = 3.0) -> ComponentStatus:
    status = ComponentStatus(placement.ref, placement.hostname, placement.address, placement.port,
                             placement.spec.package, healthy=False)
    try:
        ping(placement, timeout)
        name, version, components = versions(placement, timeout)
        if name != placement.spec.package:
            raise ValueError(f"answers as {name}, expected {placement.spec.package}")
        status.healthy, status.version, status.components = True, version, components
    except (OSError, RequestError, PortalError, ValueError, KeyError) as exc:
        status.error = f"{type(exc).__name__}: {exc}"
    return status


def check_all(site: Site, placements: list[Placement] | None = None, timeout: float = 3.0) -> list[ComponentStatus]:
    chosen = site.placements if placements is None else placements
    with ThreadPoolExecutor(max_workers=8) as pool:
        return list(pool.map(lambda p: check(p, timeout), chosen))


def version_mismatches(statuses: list[ComponentStatus], expected: dict[str, str]) -> list[str]:
    """Differences between reported component versions and ``expected`` ({distribution: version})."""
    problems = []
    for s in statuses:
        for name, version in sorted(s.components.items()):
            if name in expected and expected[name] != version:
                problems.append(f"{s.ref} runs {name} {version}, expected {expected[name]}")
    return problems

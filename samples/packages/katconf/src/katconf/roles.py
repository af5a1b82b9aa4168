"""The roles a site can place on its nodes, with their defaults.

The default ports here are the ones in samples/site/roles.json; a test keeps the two equal.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RoleSpec:
    name: str
    package: str
    port: int
    protocol: str  # "line" (the katcore protocol) or "http"
    settings: dict[str, type | tuple[type, ...]]
    is_device: bool = False


_COMMON: dict[str, type | tuple[type, ...]] = {"port": int}

ROLES: dict[str, RoleSpec] = {
    spec.name: spec for spec in (
        RoleSpec("antenna", "katsim", 7201, "line", {**_COMMON, "slew_rate": (int, float)}, is_device=True),
        RoleSpec("weather", "katsim", 7202, "line", {**_COMMON, "update_interval": (int, float)}, is_device=True),
        RoleSpec("proxy", "katproxy", 7300, "line", {**_COMMON, "devices": list, "poll_interval": (int, float)}),
        RoleSpec("portal", "katportal", 8080, "http", {**_COMMON, "proxies": list}),
        RoleSpec("monitor", "katcomp", 7400, "line", {**_COMMON, "check_interval": (int, float)}),
    )
}

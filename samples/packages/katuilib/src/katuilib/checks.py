"""Health and version checks of any role instance in a site."""
from __future__ import annotations

from katconf import Placement

from .clients import PortalClient, ServiceClient


def ping(placement: Placement, timeout: float = 3.0) -> str:
    """Returns a short description when the service is healthy; raises otherwise."""
    if placement.spec.protocol == "http":
        health = PortalClient.to(placement, timeout).health()
        if health.get("status") != "ok":
            raise ConnectionError(f"{placement.ref} reports status {health.get('status')!r}")
        return f"{placement.ref} ok"
    with ServiceClient.to(placement, timeout) as client:
        client.request("watchdog", timeout=timeout).check()
    return f"{placement.ref} ok"


def versions(placement: Placement, timeout: float = 3.0) -> tuple[str, str, dict[str, str]]:
    """(distribution, version, {component: version}) reported by the service."""
    if placement.spec.protocol == "http":
        v = PortalClient.to(placement, timeout).version()
        return v["name"], v["version"], dict(v.get("components", {}))
    with ServiceClient.to(placement, timeout) as client:
        name, version = client.request("version", timeout=timeout).check().args[:2]
        components = {i.args[0]: i.args[1] for i in client.request("version-list", timeout=timeout).check().informs}
    return name, version, components

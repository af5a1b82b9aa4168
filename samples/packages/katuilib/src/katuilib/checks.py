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


def forwarding(placement: Placement, timeout: float = 3.0) -> str:
    """A proxy forwards: at least one of its devices is connected, and ``?forward <device> version`` to every connected
    device comes back with the device's own reply (its package and version). Deeper than ping: a proxy that answers but
    drops what it should forward fails here. Raises otherwise."""
    if placement.role != "proxy":
        raise ValueError(f"{placement.ref} is not a proxy; the forwarding check is for proxies")
    with ServiceClient.to(placement, timeout) as client:
        devices = [(i.args[0], i.args[3]) for i in client.request("devices", timeout=timeout).check().informs]
        connected = [name for name, up in devices if up in ("1", "True", "true")]
        if not connected:
            raise ConnectionError(f"{placement.ref} has none of its {len(devices)} device(s) connected")
        for name in connected:
            reply = client.request("forward", name, "version", timeout=timeout).check()
            if len(reply.args) < 2:
                raise ConnectionError(f"{placement.ref}: ?forward {name} version answered {reply.message} without the device's reply")
    return f"{placement.ref} ok, forwards to {', '.join(connected)}"


def versions(placement: Placement, timeout: float = 3.0) -> tuple[str, str, dict[str, str]]:
    """(distribution, version, {component: version}) reported by the service."""
    if placement.spec.protocol == "http":
        v = PortalClient.to(placement, timeout).version()
        return v["name"], v["version"], dict(v.get("components", {}))
    with ServiceClient.to(placement, timeout) as client:
        name, version = client.request("version", timeout=timeout).check().args[:2]
        components = {i.args[0]: i.args[1] for i in client.request("version-list", timeout=timeout).check().informs}
    return name, version, components

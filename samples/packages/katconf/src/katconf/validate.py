"""Structural and semantic checks of a site document. Every error names the file, the JSON path and the fix."""
from __future__ import annotations

from typing import Any

from .roles import ROLES
from .site import Placement, SiteError, is_address, is_name

SUPPORTED_FORMAT = 1


def validate(data: Any, source: str) -> tuple[str, list[dict[str, Any]], list[Placement]]:
    def fail(where: str, problem: str, fix: str) -> SiteError:
        return SiteError(f"{source}: {where}: {problem}; {fix}")

    if not isinstance(data, dict):
        raise fail("top level", "expected a JSON object", 'write {"site": ..., "nodes": [...], "roles": {...}}')
    unknown = sorted(set(data) - {"format", "site", "nodes", "roles"})
    if unknown:
        raise fail("top level", f"unknown key(s) {', '.join(unknown)}", "allowed keys are format, site, nodes, roles")
    if data.get("format", SUPPORTED_FORMAT) != SUPPORTED_FORMAT:
        raise fail("format", f"unsupported format {data.get('format')!r}", f"this katconf reads format {SUPPORTED_FORMAT}")
    name = data.get("site")
    if not is_name(name):
        raise fail("site", f"{name!r} is not a site name", "use lower-case letters, digits and dashes, e.g. \"lab\"")
    settings = _role_settings(data.get("roles", {}), fail)
    nodes = data.get("nodes")
    if not isinstance(nodes, list) or not nodes:
        raise fail("nodes", "expected a non-empty list of nodes", 'add {"hostname": ..., "address": ..., "roles": [...]}')

    placements: list[Placement] = []
    seen_hosts: set[str] = set()
    for n, node in enumerate(nodes):
        where = f"nodes[{n}]"
        if not isinstance(node, dict):
            raise fail(where, "expected an object", "give hostname, address and roles")
        extra = sorted(set(node) - {"hostname", "address", "roles"})
        if extra:
            raise fail(where, f"unknown key(s) {', '.join(extra)}", "allowed keys are hostname, address, roles")
        host, address, roles = node.get("hostname"), node.get("address"), node.get("roles", [])
        if not is_name(host):
            raise fail(f"{where}.hostname", f"{host!r} is not a host name", "use lower-case letters, digits, dashes")
        if host in seen_hosts:
            raise fail(f"{where}.hostname", f"hostname {host!r} appears twice", "give each node its own hostname")
        seen_hosts.add(host)
        if not is_address(address):
            raise fail(f"{where}.address", f"{address!r} is not an IP address", "write the node's address, e.g. \"10.0.3.11\"")
        if not isinstance(roles, list):
            raise fail(f"{where}.roles", "expected a list of role references", 'e.g. ["antenna:m000"]')
        for r, ref in enumerate(roles):
            placements.append(_placement(ref, host, address, settings, f"{where}.roles[{r}]", fail))

    _check_unique(placements, fail)
    _check_references(placements, settings, fail)
    return name, nodes, placements


def _role_settings(roles: Any, fail: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(roles, dict):
        raise fail("roles", "expected an object keyed by role or role:instance", 'e.g. {"proxy:p1": {"port": 7301}}')
    for key, values in roles.items():
        role, _, instance = key.partition(":")
        if role not in ROLES:
            raise fail(f"roles.{key}", f"unknown role {role!r}", f"roles are {', '.join(ROLES)}")
        if instance and not is_name(instance):
            raise fail(f"roles.{key}", f"{instance!r} is not an instance name", "use lower-case letters, digits, dashes")
        if not isinstance(values, dict):
            raise fail(f"roles.{key}", "expected an object of settings", f"allowed: {', '.join(ROLES[role].settings)}")
        for setting, value in values.items():
            allowed = ROLES[role].settings
            if setting not in allowed:
                raise fail(f"roles.{key}.{setting}", "unknown setting", f"settings of {role} are {', '.join(allowed)}")
            if isinstance(value, bool) or not isinstance(value, allowed[setting]):
                raise fail(f"roles.{key}.{setting}", f"wrong type {type(value).__name__}", "see samples/README.md for the type")
            if setting == "port" and not 1 <= value <= 65535:
                raise fail(f"roles.{key}.port", f"{value} is out of range", "use a TCP port between 1 and 65535")
            if isinstance(value, (int, float)) and setting != "port" and value <= 0:
                raise fail(f"roles.{key}.{setting}", f"{value} is not positive", "use a number greater than 0")
    return roles


def _placement(ref: Any, host: str, address: str, settings: dict[str, Any], where: str, fail: Any) -> Placement:
    if not isinstance(ref, str):
        raise fail(where, f"{ref!r} is not a role reference", 'write "role" or "role:instance"')
    role, _, instance = ref.partition(":")
    instance = instance or role
    if role not in ROLES:
        raise fail(where, f"unknown role {role!r}", f"roles are {', '.join(ROLES)}")
    if not is_name(instance):
        raise fail(where, f"{instance!r} is not an instance name", "use lower-case letters, digits, dashes")
    merged = {**settings.get(role, {}), **settings.get(f"{role}:{instance}", {})}
    return Placement(role, instance, host, address, int(merged.get("port", ROLES[role].port)), merged)


def _check_unique(placements: list[Placement], fail: Any) -> None:
    refs: set[str] = set()
    device_names: set[str] = set()
    endpoints: dict[tuple[str, int], str] = {}
    for p in placements:
        if p.ref in refs:
            raise fail("nodes", f"{p.ref} is placed twice", "give every instance of a role its own name")
        refs.add(p.ref)
        if p.spec.is_device:
            if p.instance in device_names:
                raise fail("nodes", f"device name {p.instance!r} is used twice", "device instances must be unique")
            device_names.add(p.instance)
        other = endpoints.setdefault((p.address, p.port), p.ref)
        if other != p.ref:
            raise fail("nodes", f"{p.ref} and {other} both listen on {p.address}:{p.port}",
                       f'set a different port with "roles": {{"{p.ref}": {{"port": N}}}}')


def _check_references(placements: list[Placement], settings: dict[str, Any], fail: Any) -> None:
    by_ref = {p.ref: p for p in placements}
    for key in settings:
        if ":" in key and key not in by_ref:
            raise fail(f"roles.{key}", "settings for an instance that no node runs", "add it to a node's roles or remove it")
    for p in placements:
        for setting, wanted_role in (("devices", None), ("proxies", "proxy")):
            for i, ref in enumerate(p.setting(setting, []) or []):
                target = by_ref.get(ref)
                if target is None or (wanted_role and target.role != wanted_role) or (
                        wanted_role is None and not target.spec.is_device):
                    kind = "a proxy" if wanted_role else "a device (antenna or weather)"
                    raise fail(f"roles.{p.ref}.{setting}[{i}]", f"{ref!r} is not {kind} placed on a node",
                               "use role:instance of a placed instance")

"""Load and validate a site file (``/etc/cam/site.json``); answer "where does this role run?"."""
from __future__ import annotations

import ipaddress
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from katcore import KatError

from .roles import ROLES, RoleSpec

DEFAULT_SITE_PATH = "/etc/cam/site.json"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]{0,62}$")


class SiteError(KatError, ValueError):
    """The site file is missing, not JSON or not valid; the message says where and how to fix it."""


@dataclass(frozen=True)
class Placement:
    role: str
    instance: str
    hostname: str
    address: str
    port: int
    settings: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    @property
    def ref(self) -> str:
        return f"{self.role}:{self.instance}"

    @property
    def spec(self) -> RoleSpec:
        return ROLES[self.role]

    def setting(self, key: str, default: Any = None) -> Any:
        return self.settings.get(key, default)


@dataclass
class Site:
    name: str
    source: str
    nodes: list[dict[str, Any]]
    placements: list[Placement]

    @classmethod
    def load(cls, path: str | Path = DEFAULT_SITE_PATH) -> "Site":
        path = Path(path)
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise SiteError(f"{path}: cannot read site file ({exc.strerror}); pass --site with the path of site.json") from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SiteError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}); fix the syntax") from None
        return cls.parse(data, str(path))

    @classmethod
    def parse(cls, data: Any, source: str = "<site>") -> "Site":
        from .validate import validate
        name, nodes, placements = validate(data, source)
        return cls(name, source, nodes, placements)

    def instances(self, role: str) -> list[Placement]:
        return [p for p in self.placements if p.role == role]

    def devices(self) -> list[Placement]:
        return [p for p in self.placements if p.spec.is_device]

    def find(self, ref: str) -> Placement:
        """``role:instance``, a role with a single instance, or an instance name that is unique."""
        role, _, instance = ref.partition(":")
        if instance:
            matches = [p for p in self.placements if p.role == role and p.instance == instance]
        elif role in ROLES:
            matches = self.instances(role)
        else:
            matches = [p for p in self.placements if p.instance == role]
        if len(matches) == 1:
            return matches[0]
        known = ", ".join(p.ref for p in self.placements)
        if not matches:
            raise SiteError(f"{self.source}: no role instance {ref!r} in site {self.name!r}; known: {known}")
        raise SiteError(f"{self.source}: {ref!r} is ambiguous, name one of: {', '.join(p.ref for p in matches)}")

    def on_node(self, hostname: str) -> list[Placement]:
        return [p for p in self.placements if p.hostname == hostname]

    def proxy_devices(self, proxy: Placement) -> list[Placement]:
        refs = proxy.setting("devices")
        return self.devices() if refs is None else [self.find(r) for r in refs]

    def portal_proxies(self, portal: Placement) -> list[Placement]:
        refs = portal.setting("proxies")
        return self.instances("proxy") if refs is None else [self.find(r) for r in refs]

    def device_proxy(self, device: str) -> Placement:
        """The first proxy that serves the device with instance name ``device``."""
        for proxy in self.instances("proxy"):
            if any(d.instance == device for d in self.proxy_devices(proxy)):
                return proxy
        raise SiteError(f"{self.source}: no proxy in site {self.name!r} serves device {device!r}")


def is_name(value: Any) -> bool:
    return isinstance(value, str) and bool(_NAME.match(value))


def is_address(value: Any) -> bool:
    try:
        ipaddress.ip_address(value)
        return True
    except (ValueError, TypeError):
        return False

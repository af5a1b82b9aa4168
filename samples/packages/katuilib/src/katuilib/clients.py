"""Clients for operators and tests: line-protocol services and the HTTP portal."""
from __future__ import annotations

import json
import threading
import urllib.error
import urllib.request
from typing import Any

from katconf import Placement
from katcore import Client, Reply


class ServiceClient:
    """A line-protocol client that connects on first use and reconnects after a drop."""

    def __init__(self, host: str, port: int, connect_timeout: float = 2.0) -> None:
        self.host, self.port, self.connect_timeout = host, port, connect_timeout
        self._client: Client | None = None
        self._lock = threading.Lock()

    @classmethod
    def to(cls, placement: Placement, connect_timeout: float = 2.0) -> "ServiceClient":
        if placement.spec.protocol != "line":
            raise ValueError(f"{placement.ref} speaks {placement.spec.protocol}, not the line protocol")
        return cls(placement.address, placement.port, connect_timeout)

    def _connected(self) -> Client:
        with self._lock:
            if self._client is None or not self._client.connected:
                self._client = Client(self.host, self.port, self.connect_timeout).connect()
            return self._client

    def request(self, name: str, *args: object, timeout: float = 5.0) -> Reply:
        try:
            return self._connected().request(name, *args, timeout=timeout)
        except ConnectionError:
            self.close()  # the peer may have restarted since the last request: try once on a fresh link
            return self._connected().request(name, *args, timeout=timeout)

    def close(self) -> None:
        with self._lock:
            client, self._client = self._client, None
        if client is not None:
            client.close()

    def __enter__(self) -> "ServiceClient":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class PortalError(Exception):
    def __init__(self, status: int, body: Any) -> None:
        super().__init__(f"portal answered HTTP {status}: {body}")
        self.status, self.body = status, body


class PortalClient:
    def __init__(self, base_url: str, timeout: float = 5.0) -> None:
        self.base_url, self.timeout = base_url.rstrip("/"), timeout

    @classmethod
    def to(cls, placement: Placement, timeout: float = 5.0) -> "PortalClient":
        return cls(f"http://{placement.address}:{placement.port}", timeout)

    def _call(self, method: str, path: str, body: Any = None) -> Any:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.base_url + path, data=data, method=method,
                                         headers={"Content-Type": "application/json", "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read() or b"null")
        except urllib.error.HTTPError as exc:
            raw = exc.read()
            try:
                detail = json.loads(raw)
            except ValueError:
                detail = raw.decode(errors="replace")
            raise PortalError(exc.code, detail) from None

    def health(self) -> dict[str, Any]:
        return self._call("GET", "/health")

    def version(self) -> dict[str, Any]:
        return self._call("GET", "/version")

    def sensors(self) -> dict[str, dict[str, Any]]:
        """All sensors from all proxies, keyed by ``<device>.<sensor>``."""
        return {s["name"]: s for s in self._call("GET", "/sensors")["sensors"]}

    def request(self, device: str, request: str, *args: object) -> dict[str, Any]:
        """Forward ``?request args`` to a device through its proxy; raises PortalError unless it succeeded."""
        return self._call("POST", f"/request/{device}/{request}", {"args": [str(a) for a in args]})

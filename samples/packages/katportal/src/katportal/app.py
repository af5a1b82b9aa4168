"""HTTP/JSON portal: health, version, every proxy's sensors, and requests forwarded through proxies."""
from __future__ import annotations

import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

from katconf import Placement, Site
from katcore import RequestError, component_versions, decode_value
from katuilib import ServiceClient

log = logging.getLogger(__name__)
MAX_BODY = 64 * 1024


class Portal:
    def __init__(self, site: Site, me: Placement, host: str, port: int, timeout: float = 5.0) -> None:
        self.site, self.timeout = site, timeout
        self.proxies = {p.ref: (p, ServiceClient.to(p)) for p in site.portal_proxies(me)}
        portal = self

        class Handler(_Handler):
            app = portal

        self.httpd = ThreadingHTTPServer((host, port), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="http", daemon=True)
        self._thread.start()
        log.info("serving HTTP on port %d for %d prox(ies)", self.port, len(self.proxies))

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        for _, client in self.proxies.values():
            client.close()

    def health(self) -> tuple[int, dict[str, Any]]:
        states = {}
        for ref, (_, client) in self.proxies.items():
            try:
                client.request("watchdog", timeout=self.timeout).check()
                states[ref] = "ok"
            except (OSError, RequestError) as exc:
                states[ref] = f"error: {exc}"
        return 200, {"status": "ok", "service": "katportal", "site": self.site.name, "proxies": states}

    def version(self) -> tuple[int, dict[str, Any]]:
        components = component_versions("katportal")
        return 200, {"name": "katportal", "version": components["katportal"], "components": components}

    def sensors(self) -> tuple[int, dict[str, Any]]:
        sensors: list[dict[str, Any]] = []
        errors: dict[str, str] = {}
        for ref, (_, client) in self.proxies.items():
            try:
                kinds = {i.args[0]: i.args[1] for i in client.request("sensor-list", timeout=self.timeout).check().informs}
                for inform in client.request("sensor-value", timeout=self.timeout).check().informs:
                    name, status, stamp, text = inform.args[:4]
                    sensors.append({"name": name, "status": status, "timestamp": float(stamp), "proxy": ref,
                                    "type": kinds.get(name, "string"), "value": decode_value(kinds.get(name, "string"), text)})
            except (OSError, RequestError, ValueError) as exc:
                errors[ref] = str(exc)
        sensors.sort(key=lambda s: s["name"])
        return 200, {"sensors": sensors, "errors": errors}

    def forward(self, device: str, request: str, args: list[str]) -> tuple[int, dict[str, Any]]:
        proxy = next((ref for ref, (p, _) in self.proxies.items()
                      if any(d.instance == device for d in self.site.proxy_devices(p))), None)
        if proxy is None:
            return 404, {"ok": False, "error": f"no proxy of this portal serves device {device!r}"}
        client = self.proxies[proxy][1]
        try:
            reply = client.request("forward", device, request, *args, timeout=self.timeout + 1)
        except OSError as exc:
            return 502, {"ok": False, "proxy": proxy, "error": f"proxy unreachable: {exc}"}
        body = {"ok": reply.ok, "proxy": proxy, "device": device, "request": request, "reply": list(reply.args),
                "informs": [list(i.args) for i in reply.informs]}
        if not reply.ok:
            body["error"] = " ".join(reply.message.args[1:])
        return (200 if reply.ok else 502), body


class _Handler(BaseHTTPRequestHandler):
    app: Portal
    server_version = "katportal"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature of the base class
        log.debug("%s %s", self.address_string(), format % args)

    def _send(self, status: int, body: Any) -> None:
        data = json.dumps(body, sort_keys=True).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:  # noqa: N802 - name fixed by http.server
        routes = {"/health": self.app.health, "/version": self.app.version, "/sensors": self.app.sensors}
        route = routes.get(urlsplit(self.path).path.rstrip("/"))
        if route is None:
            self._send(404, {"error": f"no such path {self.path}; try /health, /version, /sensors"})
            return
        self._send(*route())

    def do_POST(self) -> None:  # noqa: N802 - name fixed by http.server
        parts = [unquote(p) for p in urlsplit(self.path).path.strip("/").split("/")]
        if len(parts) != 3 or parts[0] != "request":
            self._send(404, {"error": "POST /request/<device>/<request> with body {\"args\": [...]}"})
            return
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            self._send(413, {"error": f"body larger than {MAX_BODY} bytes"})
            return
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
            args = body.get("args", [])
            if not isinstance(args, list):
                raise ValueError("args must be a list")
        except (ValueError, AttributeError) as exc:
            self._send(400, {"error": f"body must be JSON like {{\"args\": [\"30\", \"45\"]}}: {exc}"})
            return
        self._send(*self.app.forward(parts[1], parts[2], [str(a) for a in args]))

"""``katcli``: the operator's command line (and the health check of every role)."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from katconf import DEFAULT_SITE_PATH, Site, SiteError
from katcore import RequestError, decode_value

from .checks import forwarding, ping, versions
from .clients import PortalClient, PortalError, ServiceClient
from .wait import value_matches, wait_for


def _sensors(site: Site, via: str | None, timeout: float) -> dict[str, dict[str, Any]]:
    target = site.find(via) if via else site.find("portal")
    if target.spec.protocol == "http":
        return PortalClient.to(target, timeout).sensors()
    with ServiceClient.to(target, timeout) as client:
        kinds = {i.args[0]: i.args[1] for i in client.request("sensor-list", timeout=timeout).check().informs}
        result = {}
        for inform in client.request("sensor-value", timeout=timeout).check().informs:
            name, status, stamp, text = inform.args[:4]
            result[name] = {"name": name, "status": status, "timestamp": float(stamp),
                            "value": decode_value(kinds.get(name, "string"), text)}
        return result


def _cmd_ping(site: Site, a: argparse.Namespace) -> int:
    placement = site.find(a.ref)
    print(forwarding(placement, a.timeout) if a.forwarding else ping(placement, a.timeout))
    return 0


def _cmd_version(site: Site, a: argparse.Namespace) -> int:
    name, version, components = versions(site.find(a.ref), a.timeout)
    if a.json:
        print(json.dumps({"name": name, "version": version, "components": components}, indent=2, sort_keys=True))
    else:
        print(f"{name} {version}")
    return 0


def _cmd_sensors(site: Site, a: argparse.Namespace) -> int:
    sensors = _sensors(site, a.via, a.timeout)
    chosen = {n: s for n, s in sorted(sensors.items()) if not a.pattern or n.startswith(a.pattern.rstrip("*"))}
    if a.json:
        print(json.dumps(list(chosen.values()), indent=2))
    else:
        for name, s in chosen.items():
            print(f"{name:32} {s['status']:12} {s['value']}")
    return 0


def _cmd_request(site: Site, a: argparse.Namespace) -> int:
    with ServiceClient.to(site.find(a.ref), a.timeout) as client:
        reply = client.request(a.name, *a.args, timeout=a.timeout)
    for inform in reply.informs:
        print(inform)
    print(reply.message)
    return 0 if reply.ok else 1


def _cmd_command(site: Site, a: argparse.Namespace) -> int:
    result = PortalClient.to(site.find("portal"), a.timeout).request(a.device, a.request, *a.args)
    print(json.dumps(result))
    return 0


def _cmd_wait(site: Site, a: argparse.Namespace) -> int:
    def satisfied(sensors: dict[str, dict[str, Any]]) -> bool:
        s = sensors.get(a.sensor)
        return s is not None and (a.status is None or s["status"] == a.status) and (
            a.value is None or value_matches(s["value"], a.value, a.tolerance))

    sensors = wait_for(lambda: _sensors(site, a.via, a.timeout), satisfied, a.wait_timeout,
                       what=f"{a.sensor} == {a.value} (status {a.status or 'any'})")
    s = sensors[a.sensor]
    print(f"{a.sensor} {s['status']} {s['value']}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="katcli", description="Operate the sample CAM system.")
    p.add_argument("--site", default=DEFAULT_SITE_PATH, help="path of site.json (default %(default)s)")
    p.add_argument("--timeout", type=float, default=5.0, help="per-request timeout in seconds")
    sub = p.add_subparsers(dest="command", required=True)
    s = sub.add_parser("ping", help="exit 0 when the role instance is healthy")
    s.add_argument("ref", help="role, role:instance or instance name")
    s.add_argument("--forwarding", action="store_true",
                   help="proxies: also require a connected device and a forwarded ?version that reaches it")
    s.set_defaults(run=_cmd_ping)
    s = sub.add_parser("version", help="package name and version a service reports")
    s.add_argument("ref")
    s.add_argument("--json", action="store_true", help="also list the kat* components")
    s.set_defaults(run=_cmd_version)
    s = sub.add_parser("sensors", help="list sensors (default: all, through the portal)")
    s.add_argument("pattern", nargs="?", help="name prefix, e.g. m000.")
    s.add_argument("--via", help="read from this role instance instead of the portal")
    s.add_argument("--json", action="store_true")
    s.set_defaults(run=_cmd_sensors)
    s = sub.add_parser("request", help="send a raw request to a line-protocol service")
    s.add_argument("ref")
    s.add_argument("name")
    s.add_argument("args", nargs="*")
    s.set_defaults(run=_cmd_request)
    s = sub.add_parser("command", help="send a request to a device through the portal and its proxy")
    s.add_argument("device")
    s.add_argument("request")
    s.add_argument("args", nargs="*")
    s.set_defaults(run=_cmd_command)
    s = sub.add_parser("wait", help="wait until a sensor has a value and/or status")
    s.add_argument("sensor")
    s.add_argument("value", nargs="?")
    s.add_argument("--status")
    s.add_argument("--tolerance", type=float, default=1e-6)
    s.add_argument("--wait-timeout", type=float, default=10.0)
    s.add_argument("--via")
    s.set_defaults(run=_cmd_wait)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(Site.load(args.site), args)
    except SiteError as exc:
        print(f"katcli: {exc}", file=sys.stderr)
        return 2
    except (OSError, TimeoutError, RequestError, PortalError, ValueError) as exc:
        print(f"katcli: {args.command} failed: {exc}", file=sys.stderr)
        return 1

"""``katcomp``: component status of a site (one-shot) or the long-running monitor service."""
from __future__ import annotations

import argparse
import json
import sys

from katconf import DEFAULT_SITE_PATH, Site, SiteError
from katcore import run_until_signalled, setup_logging

from .monitor import check_all, version_mismatches
from .service import Monitor


def _status(site: Site, args: argparse.Namespace) -> int:
    placements = site.on_node(args.node) if args.node else site.placements
    statuses = check_all(site, placements, args.timeout)
    expected: dict[str, str] = {}
    if args.expect_versions:
        with open(args.expect_versions, encoding="utf-8") as f:
            expected = json.load(f)
    problems = version_mismatches(statuses, expected)
    healthy = all(s.healthy for s in statuses)
    if args.json:
        print(json.dumps({"site": site.name, "healthy": healthy, "version_problems": problems,
                          "components": [s.to_dict() for s in statuses]}, indent=2, sort_keys=True))
    else:
        for s in statuses:
            state = "ok" if s.healthy else f"DOWN ({s.error})"
            print(f"{s.ref:20} {s.hostname:12} {s.address}:{s.port:<6} {s.package} {s.version or '-'} {state}")
        for problem in problems:
            print(f"version mismatch: {problem}")
    return 0 if healthy and not problems and statuses else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="katcomp", description="Component manager / monitor of a CAM site.")
    parser.add_argument("--site", default=DEFAULT_SITE_PATH, help="path of site.json (default %(default)s)")
    sub = parser.add_subparsers(dest="command", required=True)
    status = sub.add_parser("status", help="check every service once; exit 0 when all are healthy")
    status.add_argument("--json", action="store_true")
    status.add_argument("--node", help="only the role instances placed on this hostname")
    status.add_argument("--expect-versions", help="JSON file {distribution: version}; mismatches fail")
    status.add_argument("--timeout", type=float, default=3.0)
    serve = sub.add_parser("serve", help="run the monitor service")
    serve.add_argument("--instance", default="monitor")
    serve.add_argument("--bind", default="0.0.0.0")
    serve.add_argument("--port", type=int)
    serve.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    try:
        site = Site.load(args.site)
        if args.command == "status":
            return _status(site, args)
        setup_logging(f"katcomp[{args.instance}]", args.verbose)
        me = site.find(f"monitor:{args.instance}")
        monitor = Monitor(site, args.bind, args.port if args.port is not None else me.port,
                          float(me.setting("check_interval", 5.0)))
        return run_until_signalled(monitor.start, monitor.stop, "katcomp")
    except SiteError as exc:
        print(f"katcomp: {exc}", file=sys.stderr)
        return 2
    except (OSError, ValueError) as exc:
        print(f"katcomp: {exc}", file=sys.stderr)
        return 1

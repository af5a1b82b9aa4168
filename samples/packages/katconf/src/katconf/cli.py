"""``katconf``: validate a site file and show where roles run."""
from __future__ import annotations

import argparse
import json
import sys

from .site import DEFAULT_SITE_PATH, Site, SiteError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="katconf", description="Inspect a CAM site file.")
    parser.add_argument("--site", default=DEFAULT_SITE_PATH, help="path of site.json (default %(default)s)")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check the site file; exit 0 when valid")
    where = sub.add_parser("where", help="where a role (or role:instance) runs")
    where.add_argument("ref")
    where.add_argument("--json", action="store_true")
    node = sub.add_parser("node", help="role instances placed on a node")
    node.add_argument("hostname")
    args = parser.parse_args(argv)
    try:
        site = Site.load(args.site)
        if args.command == "validate":
            print(f"{args.site}: site {site.name!r}, {len(site.nodes)} node(s), {len(site.placements)} role instance(s)")
        elif args.command == "where":
            role, _, instance = args.ref.partition(":")
            found = [p for p in site.placements if p.role == role and (not instance or p.instance == instance)]
            if not found:
                found = [site.find(args.ref)]
            rows = [{"ref": p.ref, "hostname": p.hostname, "address": p.address, "port": p.port} for p in found]
            if args.json:
                print(json.dumps(rows, indent=2))
            else:
                for r in rows:
                    print(f"{r['ref']} {r['hostname']} {r['address']} {r['port']}")
        else:
            for p in site.on_node(args.hostname):
                print(f"{p.ref} {p.port}")
    except SiteError as exc:
        print(f"katconf: {exc}", file=sys.stderr)
        return 2
    return 0

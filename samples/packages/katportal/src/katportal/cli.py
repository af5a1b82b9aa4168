"""Console entry point ``katportal``."""
from __future__ import annotations

import argparse
import sys

from katconf import DEFAULT_SITE_PATH, Site, SiteError
from katcore import run_until_signalled, setup_logging

from .app import Portal


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="katportal", description="HTTP/JSON portal to the site's proxies.")
    parser.add_argument("--site", default=DEFAULT_SITE_PATH, help="path of site.json (default %(default)s)")
    parser.add_argument("--instance", default="portal", help="instance name of this portal in site.json")
    parser.add_argument("--bind", default="0.0.0.0", help="address to listen on (default %(default)s)")
    parser.add_argument("--port", type=int, help="override the port from site.json")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    setup_logging(f"katportal[{args.instance}]", args.verbose)
    try:
        site = Site.load(args.site)
        me = site.find(f"portal:{args.instance}")
        portal = Portal(site, me, args.bind, args.port if args.port is not None else me.port)
    except SiteError as exc:
        print(f"katportal: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"katportal: cannot listen: {exc}", file=sys.stderr)
        return 1
    return run_until_signalled(portal.start, portal.stop, "katportal")

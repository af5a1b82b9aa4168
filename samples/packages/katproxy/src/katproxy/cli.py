"""Console entry point ``katproxy``."""
from __future__ import annotations

import argparse
import sys

from katconf import DEFAULT_SITE_PATH, Site, SiteError
from katcore import run_until_signalled, setup_logging

from .proxy import Proxy


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="katproxy", description="Aggregate and control the site's devices.")
    parser.add_argument("--site", default=DEFAULT_SITE_PATH, help="path of site.json (default %(default)s)")
    parser.add_argument("--instance", required=True, help="instance name of this proxy in site.json")
    parser.add_argument("--bind", default="0.0.0.0", help="address to listen on (default %(default)s)")
    parser.add_argument("--port", type=int, help="override the port from site.json")
    parser.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    setup_logging(f"katproxy[{args.instance}]", args.verbose)
    try:
        site = Site.load(args.site)
        me = site.find(f"proxy:{args.instance}")
        devices = site.proxy_devices(me)
    except SiteError as exc:
        print(f"katproxy: {exc}", file=sys.stderr)
        return 2
    proxy = Proxy(devices, args.bind, args.port if args.port is not None else me.port,
                  float(me.setting("poll_interval", 0.5)))
    return run_until_signalled(proxy.start, proxy.stop, "katproxy")

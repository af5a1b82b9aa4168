"""Console entry points ``katsim-antenna`` and ``katsim-weather``."""
from __future__ import annotations

import argparse
import sys

from katconf import DEFAULT_SITE_PATH, Site, SiteError
from katcore import run_until_signalled, setup_logging

from .antenna import Antenna
from .weather import WeatherStation


def _parse(role: str, argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=f"katsim-{role}", description=f"Simulated {role} device.")
    parser.add_argument("--site", default=DEFAULT_SITE_PATH, help="path of site.json (default %(default)s)")
    parser.add_argument("--instance", required=True, help=f"instance name of this {role}, as placed in site.json")
    parser.add_argument("--bind", default="0.0.0.0", help="address to listen on (default %(default)s)")
    parser.add_argument("--port", type=int, help="override the port from site.json")
    parser.add_argument("-v", "--verbose", action="store_true")
    return parser.parse_args(argv)


def _run(role: str, argv: list[str] | None) -> int:
    args = _parse(role, argv)
    setup_logging(f"katsim-{role}[{args.instance}]", args.verbose)
    try:
        placement = Site.load(args.site).find(f"{role}:{args.instance}")
    except SiteError as exc:
        print(f"katsim-{role}: {exc}", file=sys.stderr)
        return 2
    port = args.port if args.port is not None else placement.port
    if role == "antenna":
        device = Antenna(args.instance, args.bind, port, float(placement.setting("slew_rate", 20.0)))
    else:
        device = WeatherStation(args.instance, args.bind, port, float(placement.setting("update_interval", 0.5)))
    return run_until_signalled(device.start, device.stop, f"katsim-{role}")


def antenna_main(argv: list[str] | None = None) -> int:
    return _run("antenna", argv)


def weather_main(argv: list[str] | None = None) -> int:
    return _run("weather", argv)

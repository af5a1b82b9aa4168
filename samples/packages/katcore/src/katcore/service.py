"""Process plumbing shared by every service: logging to stdout and SIGTERM/SIGINT shutdown."""
from __future__ import annotations

import logging
import signal
import sys
import threading
from typing import Callable


def setup_logging(service: str, verbose: bool = False) -> None:
    logging.basicConfig(
        stream=sys.stdout, level=logging.DEBUG if verbose else logging.INFO, force=True,
        format=f"%(asctime)s {service} %(levelname)s %(name)s: %(message)s")


def run_until_signalled(start: Callable[[], None], stop: Callable[[], None], service: str) -> int:
    """Start, block until SIGTERM or SIGINT, then stop. Returns the process exit code."""
    log = logging.getLogger(service)
    stopping = threading.Event()

    def on_signal(signum: int, _frame: object) -> None:
        log.info("received %s, shutting down", signal.Signals(signum).name)
        stopping.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    try:
        start()
    except OSError as exc:
        log.error("could not start: %s", exc)
        return 1
    log.info("started")
    while not stopping.wait(1.0):
        pass
    stop()
    log.info("stopped")
    return 0

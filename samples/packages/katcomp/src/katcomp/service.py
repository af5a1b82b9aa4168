"""The monitor service: checks the site periodically and serves the results as sensors and ``?status``."""
from __future__ import annotations

import logging
import threading
from typing import Iterable

from katconf import Site
from katcore import ERROR, NOMINAL, DeviceServer, Message, Sensor
from katcore.transport import Connection

from .monitor import ComponentStatus, check_all

log = logging.getLogger(__name__)


class Monitor(DeviceServer):
    def __init__(self, site: Site, host: str, port: int, interval: float = 5.0) -> None:
        super().__init__("katcomp", host, port)
        self.site, self.interval = site, interval
        self.latest: list[ComponentStatus] = []
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="monitor", daemon=True)
        self.all_healthy = self.add_sensor(Sensor("all-healthy", "boolean", "every role instance is healthy", False,
                                                  lambda ok: NOMINAL if ok else ERROR))

    def start(self) -> None:
        super().start()
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        self._thread.join(timeout=5)
        super().stop()

    def _run(self) -> None:
        while True:
            statuses = check_all(self.site)
            for s in statuses:
                name = s.ref.replace(":", ".")
                healthy = self.sensors.get(f"{name}.healthy") or self.add_sensor(
                    Sensor(f"{name}.healthy", "boolean", f"{s.ref} answers", False, lambda ok: NOMINAL if ok else ERROR))
                version = self.sensors.get(f"{name}.version") or self.add_sensor(
                    Sensor(f"{name}.version", "string", f"version {s.ref} reports", ""))
                if healthy.value != s.healthy:
                    log.log(logging.INFO if s.healthy else logging.WARNING, "%s %s", s.ref,
                            "healthy" if s.healthy else f"unhealthy: {s.error}")
                healthy.set(s.healthy)
                version.set(s.version or "", NOMINAL if s.version else ERROR)
            self.latest = statuses
            self.all_healthy.set(all(s.healthy for s in statuses))
            if self._stopping.wait(self.interval):
                return

    def request_status(self, conn: Connection, msg: Message) -> Iterable[object]:
        """``?status``: one inform per role instance: ref, healthy (1/0), package, version, error."""
        for s in self.latest:
            self.inform(conn, msg, s.ref, s.healthy, s.package, s.version or "", s.error or "")
        return (len(self.latest),)

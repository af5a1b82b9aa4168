"""Base of the simulated devices: a device server with a simulation tick and ``?halt``."""
from __future__ import annotations

import logging
import threading
import time
from typing import Iterable

from katcore import ALREADY_REPLIED, DeviceServer, Message, RequestFailed
from katcore.transport import Connection

log = logging.getLogger(__name__)
MAX_HALT_SECONDS = 300.0


class SimDevice(DeviceServer):
    def __init__(self, name: str, host: str, port: int, tick: float = 0.1) -> None:
        super().__init__("katsim", host, port)
        self.name, self.tick_interval = name, tick
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        super().start()
        self._thread = threading.Thread(target=self._run, name="simulate", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
        super().stop()

    def _run(self) -> None:
        last = time.monotonic()
        while not self._stopping.wait(self.tick_interval):
            now = time.monotonic()
            with self._lock:
                self.tick(now - last)
            last = now

    def tick(self, dt: float) -> None:
        """Advance the simulation by ``dt`` seconds (called with the device lock held)."""

    def request_halt(self, conn: Connection, msg: Message) -> Iterable[object] | object:
        """``?halt <seconds>``: close the listener and all connections, come back after that time."""
        if len(msg.args) != 1:
            raise RequestFailed("usage: ?halt <seconds>")
        seconds = float(msg.args[0])
        if not 0 < seconds <= MAX_HALT_SECONDS:
            raise RequestFailed(f"seconds must be in (0, {MAX_HALT_SECONDS:g}]")
        self.transport.halt(seconds, lambda: conn.send(Message.reply(msg.name, "ok", seconds, mid=msg.mid)))
        return ALREADY_REPLIED

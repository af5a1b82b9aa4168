"""The proxy: aggregates device sensors as ``<device>.<sensor>`` and forwards requests to devices."""
from __future__ import annotations

import logging
from typing import Iterable

from katconf import Placement
from katcore import DeviceServer, Message, RequestFailed
from katcore.transport import Connection

from ._build import DEFECTS
from .link import DeviceLink

log = logging.getLogger(__name__)
FORWARD_TIMEOUT = 5.0


class Proxy(DeviceServer):
    def __init__(self, devices: list[Placement], host: str, port: int, poll_interval: float = 0.5) -> None:
        super().__init__("katproxy", host, port)
        self.links = {d.instance: DeviceLink(d, self.sensors, poll_interval) for d in devices}

    def start(self) -> None:
        super().start()
        for link in self.links.values():
            link.start()

    def stop(self) -> None:
        for link in self.links.values():
            link.stop()
        super().stop()

    def request_devices(self, conn: Connection, msg: Message) -> Iterable[object]:
        """``?devices``: one inform per device: name, role, address:port, connected (1/0)."""
        for name, link in sorted(self.links.items()):
            d = link.device
            self.inform(conn, msg, name, d.role, f"{d.address}:{d.port}", bool(link.connected.value))
        return (len(self.links),)

    def request_forward(self, conn: Connection, msg: Message) -> Iterable[object]:
        """``?forward <device> <request> [args...]``: send the request to the device, relay its reply."""
        if len(msg.args) < 2:
            raise RequestFailed("usage: ?forward <device> <request> [args...]")
        device, request, args = msg.args[0], msg.args[1], msg.args[2:]
        link = self.links.get(device)
        if link is None:
            raise RequestFailed(f"unknown device {device}; devices are {', '.join(sorted(self.links))}")
        if "forwarding" in DEFECTS:
            log.info("forward %s ?%s (dropped)", device, request)
            return ()
        try:
            reply = link.forward(request, args, FORWARD_TIMEOUT)
        except (ConnectionError, TimeoutError) as exc:
            raise RequestFailed(str(exc)) from None
        log.info("forward %s ?%s %s -> %s", device, request, " ".join(args), " ".join(reply.message.args))
        for inform in reply.informs:
            self.inform(conn, msg, inform.name, *inform.args)
        if not reply.ok:
            raise RequestFailed(f"{device} replied {' '.join(reply.message.args)}")
        return reply.args

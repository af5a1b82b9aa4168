"""A device server: sensors plus requests, answered over the line protocol.

Subclasses add requests as methods ``request_<name>`` (dashes in the request name become
underscores). A method receives the connection and the request message and returns the
reply arguments that follow ``ok``; it raises ``RequestFailed`` to reply ``fail``. Informs
that belong to the request are sent with ``self.inform(conn, msg, ...)``.
"""
from __future__ import annotations

import logging
import time
from typing import Iterable

from .protocol import REQUEST, Message
from .sensor import Sensor
from .transport import Connection, LineServer
from .versions import component_versions

log = logging.getLogger(__name__)
ALREADY_REPLIED = object()


class RequestFailed(Exception):
    """Raised by a request handler; the message becomes the reply's reason."""


class DeviceServer:
    def __init__(self, distribution: str, host: str, port: int) -> None:
        self.distribution = distribution
        self.sensors: dict[str, Sensor] = {}
        self.transport = LineServer(host, port, self._dispatch)
        self.started_at = time.time()

    @property
    def port(self) -> int:
        return self.transport.port

    def add_sensor(self, sensor: Sensor) -> Sensor:
        self.sensors[sensor.name] = sensor
        return sensor

    def start(self) -> None:
        self.transport.start()

    def stop(self) -> None:
        self.transport.stop()

    def inform(self, conn: Connection, request: Message, *args: object) -> None:
        conn.send(Message.inform(request.name, *args, mid=request.mid))

    def _dispatch(self, conn: Connection, msg: Message) -> None:
        if msg.kind != REQUEST:
            return
        handler = getattr(self, "request_" + msg.name.replace("-", "_"), None)
        if handler is None:
            conn.send(Message.reply(msg.name, "invalid", f"unknown request {msg.name}", mid=msg.mid))
            return
        try:
            result = handler(conn, msg)
        except RequestFailed as exc:
            conn.send(Message.reply(msg.name, "fail", str(exc), mid=msg.mid))
            return
        except (TypeError, ValueError) as exc:
            conn.send(Message.reply(msg.name, "fail", f"bad arguments: {exc}", mid=msg.mid))
            return
        except Exception as exc:  # a bug must not kill the connection thread silently
            log.exception("request %s failed", msg)
            conn.send(Message.reply(msg.name, "fail", f"internal error: {exc}", mid=msg.mid))
            return
        if result is ALREADY_REPLIED:
            return
        conn.send(Message.reply(msg.name, "ok", *(result or ()), mid=msg.mid))

    def _select(self, pattern: str | None) -> list[Sensor]:
        """Sensors named exactly ``pattern``, or starting with it when it ends in ``.`` or ``*``."""
        sensors = dict(self.sensors)  # a snapshot: other threads may add sensors meanwhile
        names = sorted(sensors)
        if pattern is None or pattern in ("", "*"):
            return [sensors[n] for n in names]
        if pattern.endswith("*"):
            return [sensors[n] for n in names if n.startswith(pattern[:-1])]
        if pattern in sensors:
            return [sensors[pattern]]
        raise RequestFailed(f"unknown sensor {pattern}")

    # Built-in requests -------------------------------------------------------------------
    def request_help(self, conn: Connection, msg: Message) -> Iterable[object]:
        names = sorted(n[len("request_"):].replace("_", "-") for n in dir(self) if n.startswith("request_"))
        for name in names:
            self.inform(conn, msg, name)
        return (len(names),)

    def request_watchdog(self, conn: Connection, msg: Message) -> Iterable[object]:
        return ()

    def request_version(self, conn: Connection, msg: Message) -> Iterable[object]:
        versions = component_versions(self.distribution)
        return (self.distribution, versions[self.distribution])

    def request_version_list(self, conn: Connection, msg: Message) -> Iterable[object]:
        versions = component_versions(self.distribution)
        for name in sorted(versions):
            self.inform(conn, msg, name, versions[name])
        return (len(versions),)

    def request_sensor_list(self, conn: Connection, msg: Message) -> Iterable[object]:
        sensors = self._select(msg.args[0] if msg.args else None)
        for sensor in sensors:
            self.inform(conn, msg, *sensor.list_args())
        return (len(sensors),)

    def request_sensor_value(self, conn: Connection, msg: Message) -> Iterable[object]:
        sensors = self._select(msg.args[0] if msg.args else None)
        for sensor in sensors:
            self.inform(conn, msg, *sensor.value_args())
        return (len(sensors),)

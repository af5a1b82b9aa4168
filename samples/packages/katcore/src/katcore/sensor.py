"""Sensors: a named, typed value with a status and the time it was last set."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Callable

NOMINAL, WARN, ERROR, UNREACHABLE = "nominal", "warn", "error", "unreachable"
STATUSES = (NOMINAL, WARN, ERROR, UNREACHABLE)
TYPES = ("float", "integer", "boolean", "string")


def encode_value(kind: str, value: object) -> str:
    if value is None:
        return ""  # never read yet (a proxy's mirror before the first poll)
    if kind == "boolean":
        return "1" if value else "0"
    if kind == "float":
        return repr(float(value))  # type: ignore[arg-type]
    if kind == "integer":
        return str(int(value))  # type: ignore[call-overload]
    return str(value)


def decode_value(kind: str, text: str) -> object:
    if text == "" and kind != "string":
        return None
    if kind == "boolean":
        if text not in ("0", "1"):
            raise ValueError(f"boolean sensor value must be 0 or 1, got {text!r}")
        return text == "1"
    if kind == "float":
        return float(text)
    if kind == "integer":
        return int(text)
    return text


@dataclass(frozen=True)
class Reading:
    value: object
    status: str
    timestamp: float


class Sensor:
    """Thread-safe sensor. ``status_of`` derives the status from a new value unless one is given."""

    def __init__(self, name: str, kind: str, description: str, initial: object,
                 status_of: Callable[[object], str] | None = None, units: str = "") -> None:
        if kind not in TYPES:
            raise ValueError(f"sensor {name}: type {kind!r} is not one of {', '.join(TYPES)}")
        self.name, self.kind, self.description, self.units = name, kind, description, units
        self._status_of = status_of
        self._lock = threading.Lock()
        self._reading = Reading(initial, self._derive(initial, None), time.time())

    def _derive(self, value: object, status: str | None) -> str:
        if status is not None:
            if status not in STATUSES:
                raise ValueError(f"sensor {self.name}: status {status!r} is not one of {', '.join(STATUSES)}")
            return status
        return self._status_of(value) if self._status_of else NOMINAL

    def set(self, value: object, status: str | None = None, timestamp: float | None = None) -> None:
        reading = Reading(value, self._derive(value, status), time.time() if timestamp is None else timestamp)
        with self._lock:
            self._reading = reading

    def set_status(self, status: str) -> None:
        with self._lock:
            current = self._reading
        self.set(current.value, status, time.time())

    def read(self) -> Reading:
        with self._lock:
            return self._reading

    @property
    def value(self) -> object:
        return self.read().value

    @property
    def status(self) -> str:
        return self.read().status

    def value_args(self) -> tuple[str, str, str, str]:
        """Arguments of a ``#sensor-value`` inform: name, status, timestamp, value."""
        r = self.read()
        return (self.name, r.status, f"{r.timestamp:.3f}", encode_value(self.kind, r.value))

    def list_args(self) -> tuple[str, str, str, str]:
        """Arguments of a ``#sensor-list`` inform: name, type, units, description."""
        return (self.name, self.kind, self.units, self.description)

    def to_dict(self) -> dict[str, object]:
        r = self.read()
        return {"name": self.name, "type": self.kind, "value": r.value, "status": r.status,
                "timestamp": r.timestamp, "units": self.units, "description": self.description}

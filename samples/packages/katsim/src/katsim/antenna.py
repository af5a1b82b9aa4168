"""A simulated antenna: azimuth/elevation drives that slew towards a target or stow."""
from __future__ import annotations

from typing import Iterable

from katcore import Message, RequestFailed, Sensor
from katcore.transport import Connection

from .device import SimDevice

AZ_LIMITS = (-185.0, 275.0)
EL_LIMITS = (15.0, 90.0)
STOW_EL = 90.0
ON_TARGET = 0.01  # degrees


def _move(current: float, target: float, step: float) -> float:
    if abs(target - current) <= step:
        return target
    return current + step if target > current else current - step


class Antenna(SimDevice):
    def __init__(self, name: str, host: str, port: int, slew_rate: float = 20.0) -> None:
        super().__init__(name, host, port)
        self.slew_rate = slew_rate
        self.az = self.add_sensor(Sensor("az", "float", "azimuth position", 0.0, units="deg"))
        self.el = self.add_sensor(Sensor("el", "float", "elevation position", STOW_EL, units="deg"))
        self.target_az = self.add_sensor(Sensor("target-az", "float", "requested azimuth", 0.0, units="deg"))
        self.target_el = self.add_sensor(Sensor("target-el", "float", "requested elevation", STOW_EL, units="deg"))
        self.mode = self.add_sensor(Sensor("mode", "string", "stow, stowing, slew or track", "stow"))
        self.on_target = self.add_sensor(Sensor("on-target", "boolean", "position equals the target", True))

    def tick(self, dt: float) -> None:
        step = self.slew_rate * dt
        az = _move(float(self.az.value), float(self.target_az.value), step)
        el = _move(float(self.el.value), float(self.target_el.value), step)
        self.az.set(az)
        self.el.set(el)
        arrived = abs(az - float(self.target_az.value)) < ON_TARGET and abs(el - float(self.target_el.value)) < ON_TARGET
        self.on_target.set(arrived)
        mode = self.mode.value
        if arrived and mode == "slew":
            self.mode.set("track")
        elif arrived and mode == "stowing":
            self.mode.set("stow")

    def request_target(self, conn: Connection, msg: Message) -> Iterable[object]:
        """``?target <az> <el>``: slew to the position and track it."""
        if len(msg.args) != 2:
            raise RequestFailed("usage: ?target <az-deg> <el-deg>")
        az, el = float(msg.args[0]), float(msg.args[1])
        if not AZ_LIMITS[0] <= az <= AZ_LIMITS[1]:
            raise RequestFailed(f"azimuth {az:g} outside {AZ_LIMITS[0]:g}..{AZ_LIMITS[1]:g}")
        if not EL_LIMITS[0] <= el <= EL_LIMITS[1]:
            raise RequestFailed(f"elevation {el:g} outside {EL_LIMITS[0]:g}..{EL_LIMITS[1]:g}")
        with self._lock:
            self.target_az.set(az)
            self.target_el.set(el)
            self.on_target.set(False)
            self.mode.set("slew")
        return (az, el)

    def request_stow(self, conn: Connection, msg: Message) -> Iterable[object]:
        """``?stow``: drive to the stow elevation, keep azimuth."""
        with self._lock:
            self.target_az.set(float(self.az.value))
            self.target_el.set(STOW_EL)
            self.on_target.set(False)
            self.mode.set("stowing")
        return ()

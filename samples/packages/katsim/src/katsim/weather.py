"""A simulated weather station: wind speed and direction, air temperature."""
from __future__ import annotations

import random
import zlib

from katcore import ERROR, NOMINAL, WARN, Sensor

from .device import SimDevice

WIND_WARN, WIND_ERROR = 11.0, 15.0  # m/s; the telescope stows above the error limit


def wind_status(speed: object) -> str:
    value = float(speed)  # type: ignore[arg-type]
    return ERROR if value >= WIND_ERROR else WARN if value >= WIND_WARN else NOMINAL


class WeatherStation(SimDevice):
    def __init__(self, name: str, host: str, port: int, update_interval: float = 0.5) -> None:
        super().__init__(name, host, port, tick=update_interval)
        self._random = random.Random(zlib.crc32(name.encode()))  # same weather for the same station
        self.wind_speed = self.add_sensor(Sensor("wind-speed", "float", "mean wind speed", 4.0, wind_status, "m/s"))
        self.wind_direction = self.add_sensor(Sensor("wind-direction", "float", "wind from", 180.0, units="deg"))
        self.temperature = self.add_sensor(Sensor("temperature", "float", "air temperature", 21.0, units="degC"))

    def tick(self, dt: float) -> None:
        r = self._random
        speed = float(self.wind_speed.value)
        speed = min(20.0, max(0.0, speed + 0.05 * (5.0 - speed) + r.gauss(0, 0.3)))
        self.wind_speed.set(round(speed, 2))
        self.wind_direction.set(round((float(self.wind_direction.value) + r.gauss(0, 2.0)) % 360.0, 1))
        self.temperature.set(round(float(self.temperature.value) + r.gauss(0, 0.05), 2))

"""One proxy-to-device link: connect, mirror the device's sensors, reconnect after a drop."""
from __future__ import annotations

import logging
import threading

from katconf import Placement
from katcore import UNREACHABLE, Client, Reply, RequestError, Sensor, decode_value

log = logging.getLogger(__name__)
RECONNECT_DELAY = 0.5
CONNECT_TIMEOUT = 2.0
POLL_TIMEOUT = 3.0


class DeviceLink:
    """Mirrors ``<device>.<sensor>`` into ``sensors`` and keeps ``<device>.connected`` current."""

    def __init__(self, device: Placement, sensors: dict[str, Sensor], poll_interval: float) -> None:
        self.device, self.name = device, device.instance
        self.sensors, self.poll_interval = sensors, poll_interval
        self.connected = Sensor(f"{self.name}.connected", "boolean", f"proxy is connected to {device.ref}", False,
                                lambda up: "nominal" if up else UNREACHABLE)
        sensors[self.connected.name] = self.connected
        self._mirrored: dict[str, Sensor] = {}
        self._client: Client | None = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"link-{self.name}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stopping.set()
        client = self._client
        if client is not None:
            client.close()
        self._thread.join(timeout=3)

    def forward(self, request: str, args: tuple[str, ...], timeout: float) -> Reply:
        client = self._client
        if client is None or not client.connected:
            raise ConnectionError(f"device {self.name} is unreachable")
        return client.request(request, *args, timeout=timeout)

    def _run(self) -> None:
        was_up = None
        while not self._stopping.is_set():
            address = f"{self.device.address}:{self.device.port}"
            try:
                client = Client(self.device.address, self.device.port, connect_timeout=CONNECT_TIMEOUT).connect()
            except OSError as exc:
                if was_up is not False:
                    log.warning("device %s at %s unreachable: %s", self.name, address, exc)
                was_up = False
                self._mark_unreachable()
                self._stopping.wait(RECONNECT_DELAY)
                continue
            self._client = client
            try:
                self._mirror_list(client)
                self.connected.set(True)
                log.info("device %s connected at %s", self.name, address)
                was_up = True
                while not self._stopping.is_set() and client.connected:
                    self._poll(client)
                    self._stopping.wait(self.poll_interval)
            except (ConnectionError, TimeoutError, RequestError, ValueError) as exc:
                log.warning("device %s link lost: %s", self.name, exc)
            finally:
                self._client = None
                client.close()
                self._mark_unreachable()
            self._stopping.wait(RECONNECT_DELAY)

    def _mirror_list(self, client: Client) -> None:
        for inform in client.request("sensor-list", timeout=POLL_TIMEOUT).check().informs:
            name, kind, units, description = inform.args[:4]
            full = f"{self.name}.{name}"
            if full not in self._mirrored:
                sensor = Sensor(full, kind, description, None, units=units)
                sensor.set(None, UNREACHABLE)
                self._mirrored[full] = sensor
                self.sensors[full] = sensor
        self._poll(client)

    def _poll(self, client: Client) -> None:
        for inform in client.request("sensor-value", timeout=POLL_TIMEOUT).check().informs:
            name, status, timestamp, value = inform.args[:4]
            sensor = self._mirrored.get(f"{self.name}.{name}")
            if sensor is not None:
                sensor.set(decode_value(sensor.kind, value), status, float(timestamp))

    def _mark_unreachable(self) -> None:
        self.connected.set(False)
        for sensor in self._mirrored.values():
            if sensor.status != UNREACHABLE:
                sensor.set_status(UNREACHABLE)

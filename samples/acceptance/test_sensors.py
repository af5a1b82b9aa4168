"""Every device's sensors are visible through the portal, and agree with the device itself."""
from __future__ import annotations

import unittest

import camtest
from katcore import UNREACHABLE

EXPECTED = {"antenna": ("az", "el", "mode", "target-az", "target-el", "on-target"),
            "weather": ("wind-speed", "wind-direction", "temperature")}


class SensorsThroughPortal(unittest.TestCase):
    def test_every_device_sensor_is_visible_and_reachable(self) -> None:
        devices = camtest.site().devices()
        self.assertTrue(devices, "the site places no antenna or weather device")
        for device in devices:
            with self.subTest(device=device.ref):
                camtest.wait_sensor(f"{device.instance}.connected", lambda s: s["value"] is True, 10.0, "connected")
                sensors = camtest.portal().sensors()
                for name in EXPECTED[device.role]:
                    full = f"{device.instance}.{name}"
                    self.assertIn(full, sensors, f"portal does not show {full}")
                    self.assertNotEqual(sensors[full]["status"], UNREACHABLE, f"{full} is unreachable")

    def test_portal_agrees_with_the_device(self) -> None:
        for device in camtest.site().instances("antenna"):
            with self.subTest(device=device.ref):
                direct = camtest.read_device_sensor(device, "target-el")
                camtest.wait_sensor(f"{device.instance}.target-el", lambda s: abs(s["value"] - float(direct)) < 1e-6,
                                    5.0, f"equals {direct} read from the device at {device.address}:{device.port}")

    def test_every_proxy_is_reported_healthy_by_the_portal(self) -> None:
        health = camtest.portal().health()
        self.assertEqual(health["status"], "ok")
        for proxy in camtest.site().instances("proxy"):
            self.assertEqual(health["proxies"].get(proxy.ref), "ok", f"portal cannot reach {proxy.ref}")

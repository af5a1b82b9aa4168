"""Commands sent through the portal and through each proxy change the devices' sensors."""
from __future__ import annotations

import random
import unittest

import camtest
from katuilib import PortalError, ServiceClient


def _fresh_target(current: float) -> tuple[float, float]:
    """A target that differs from the current one, so a stale value cannot pass."""
    az = round(random.uniform(10.0, 60.0), 1)
    if abs(az - current) < 1.0:
        az += 5.0
    return az, round(random.uniform(40.0, 70.0), 1)


class Commands(unittest.TestCase):
    def setUp(self) -> None:
        self.antennas = camtest.site().instances("antenna")
        if not self.antennas:
            self.skipTest("the site places no antenna")

    def test_target_through_portal_moves_the_antenna(self) -> None:
        antenna = self.antennas[0].instance
        current = camtest.wait_sensor(f"{antenna}.target-az", lambda s: s["value"] is not None, 10.0, "known")
        az, el = _fresh_target(current["value"])
        reply = camtest.portal().request(antenna, "target", az, el)
        self.assertTrue(reply["ok"], reply)
        camtest.wait_sensor(f"{antenna}.target-az", lambda s: abs(s["value"] - az) < 1e-6, 5.0, f"becomes {az}")
        camtest.wait_sensor(f"{antenna}.az", lambda s: abs(s["value"] - az) < 0.01, camtest.COMMAND_TIMEOUT, f"reaches {az}")
        camtest.wait_sensor(f"{antenna}.mode", lambda s: s["value"] == "track", 5.0, "is track")
        camtest.portal().request(antenna, "stow")
        camtest.wait_sensor(f"{antenna}.mode", lambda s: s["value"] == "stow", camtest.COMMAND_TIMEOUT, "is stow")

    def test_request_through_each_proxy_reaches_the_device(self) -> None:
        site = camtest.site()
        for proxy in site.instances("proxy"):
            antennas = [d for d in site.proxy_devices(proxy) if d.role == "antenna"]
            if not antennas:
                continue
            device = antennas[0]
            with self.subTest(proxy=proxy.ref, device=device.ref):
                az, el = _fresh_target(float(camtest.read_device_sensor(device, "target-az")))
                with ServiceClient.to(proxy) as client:
                    client.request("forward", device.instance, "target", az, el, timeout=10.0).check()
                camtest.wait_for(lambda: float(camtest.read_device_sensor(device, "target-az")),
                                 lambda v: abs(v - az) < 1e-6, 5.0, what=f"{device.ref} target-az becomes {az}")

    def test_invalid_command_is_rejected_and_changes_nothing(self) -> None:
        device = self.antennas[0]
        before = camtest.read_device_sensor(device, "target-el")
        with self.assertRaises(PortalError) as caught:
            camtest.portal().request(device.instance, "target", 10, 5)  # 5 deg is below the elevation limit
        self.assertIn("elevation", str(caught.exception))
        self.assertEqual(camtest.read_device_sensor(device, "target-el"), before)

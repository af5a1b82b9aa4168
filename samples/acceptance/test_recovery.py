"""A device that goes away is reported unreachable, then recovers by itself when it comes back.

The device is taken away with its ``?halt <seconds>`` request: it closes its listener and every
connection for that long, then listens again, as a restarted process would.
"""
from __future__ import annotations

import unittest

import camtest
from katcore import UNREACHABLE
from katuilib import ServiceClient

HALT_SECONDS = 3.0


class Recovery(unittest.TestCase):
    def test_halted_device_is_unreachable_then_recovers(self) -> None:
        devices = camtest.site().instances("antenna") or camtest.site().devices()
        if not devices:
            self.skipTest("the site places no device")
        device = devices[-1]
        name, probe = device.instance, "mode" if device.role == "antenna" else "wind-speed"
        camtest.wait_sensor(f"{name}.connected", lambda s: s["value"] is True, 10.0, "connected before the halt")
        with ServiceClient.to(device) as client:
            client.request("halt", HALT_SECONDS).check()
        camtest.wait_sensor(f"{name}.connected", lambda s: s["value"] is False, HALT_SECONDS + 2, "drops")
        camtest.wait_sensor(f"{name}.{probe}", lambda s: s["status"] == UNREACHABLE, 3.0, "is unreachable")
        camtest.wait_sensor(f"{name}.connected", lambda s: s["value"] is True, HALT_SECONDS + 15, "reconnects")
        camtest.wait_sensor(f"{name}.{probe}", lambda s: s["status"] != UNREACHABLE, 5.0, "is reachable again")
        if device.role == "antenna":  # commands work again over the new link
            reply = camtest.portal().request(name, "stow")
            self.assertTrue(reply["ok"], reply)
            camtest.wait_sensor(f"{name}.mode", lambda s: s["value"] in ("stowing", "stow"), 5.0, "stows")

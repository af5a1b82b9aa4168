"""Unit tests of the sources (no install needed): protocol, sensors, site validation, role catalogue."""
from __future__ import annotations

import json
import socket
import unittest

import harness  # noqa: F401 - puts the package sources on sys.path
from katconf import ROLES, Site, SiteError
from katcore import Client, Message, ProtocolError, Sensor, parse
from katsim.antenna import Antenna

from harness import SAMPLES


class Protocol(unittest.TestCase):
    def test_arguments_round_trip_through_escaping(self) -> None:
        args = ("plain", "with space", "", "back\\slash", "tab\tnew\nline", "ünï")
        message = Message.request("set", *args, mid=7)
        self.assertEqual(parse(message.encode()), message)
        self.assertEqual(message.encode(), "?set[7] plain with\\_space \\@ back\\\\slash tab\\tnew\\nline ünï\n".encode())

    def test_bad_lines_are_rejected_with_the_reason(self) -> None:
        for line, reason in (("hello", "bad message head"), ("?x bad\\q", "invalid escape"), ("   ", "empty line"),
                             ("?9abc", "bad message head")):
            with self.subTest(line=line), self.assertRaisesRegex(ProtocolError, reason):
                parse(line)

    def test_sensor_status_is_derived_and_validated(self) -> None:
        sensor = Sensor("wind", "float", "wind", 1.0, lambda v: "warn" if v > 10 else "nominal")
        sensor.set(12.5)
        self.assertEqual(sensor.value_args()[1], "warn")
        with self.assertRaisesRegex(ValueError, "status 'fine' is not one of"):
            sensor.set(1.0, "fine")


class DeviceOverTcp(unittest.TestCase):
    def test_antenna_accepts_target_and_rejects_out_of_range(self) -> None:
        antenna = Antenna("m000", "127.0.0.1", 0, slew_rate=1000.0)
        antenna.start()
        self.addCleanup(antenna.stop)
        with Client("127.0.0.1", antenna.port) as client:
            self.assertEqual(client.request("target", 12.5, 45).check().args, ("12.5", "45.0"))
            self.assertFalse(client.request("target", 12.5, 95).ok)
            self.assertEqual(client.request("nope").message.args[0], "invalid")
            informs = client.request("sensor-value", "mode").check().informs
            self.assertIn(informs[0].args[3], ("slew", "track"))

    def test_halt_closes_the_port_and_comes_back(self) -> None:
        antenna = Antenna("m000", "127.0.0.1", 0)
        antenna.start()
        self.addCleanup(antenna.stop)
        with Client("127.0.0.1", antenna.port) as client:
            self.assertTrue(client.request("halt", 0.5).ok)
        with self.assertRaises(OSError):
            socket.create_connection(("127.0.0.1", antenna.port), timeout=1).close()
        import time
        time.sleep(1.0)
        with Client("127.0.0.1", antenna.port) as client:
            self.assertTrue(client.request("watchdog").ok)


class SiteValidation(unittest.TestCase):
    def site(self, **changes: object) -> dict:
        base = json.loads((SAMPLES / "site" / "example-site.json").read_text())
        base.update(changes)
        return base

    def test_example_site_is_valid_and_answers_where_roles_run(self) -> None:
        site = Site.parse(self.site(), "example-site.json")
        self.assertEqual(site.find("proxy:p2").port, 7301)
        self.assertEqual(site.find("portal").address, "10.0.3.30")
        self.assertEqual([d.ref for d in site.proxy_devices(site.find("p1"))], ["antenna:m000", "weather:wx"])
        self.assertEqual(site.device_proxy("m001").ref, "proxy:p2")

    def test_errors_name_the_file_the_place_and_the_fix(self) -> None:
        cases = [
            (self.site(nodes=[{"hostname": "a", "address": "10.0.0.300", "roles": []}]), "nodes[0].address", "e.g."),
            (self.site(nodes=[{"hostname": "a", "address": "10.0.0.1", "roles": ["telescope"]}]), "unknown role", "roles are"),
            (self.site(roles={"proxy": {"devcies": []}}), "roles.proxy.devcies", "settings of proxy are"),
            (self.site(nodes=[{"hostname": "a", "address": "10.0.0.1", "roles": ["proxy:p1", "proxy:p2"]}], roles={}),
             "both listen on 10.0.0.1:7300", "set a different port"),
        ]
        for data, where, fix in cases:
            with self.subTest(where=where), self.assertRaises(SiteError) as caught:
                Site.parse(data, "/etc/cam/site.json")
            message = str(caught.exception)
            self.assertTrue(message.startswith("/etc/cam/site.json: "), message)
            self.assertIn(where, message)
            self.assertIn(fix, message)

    def test_role_catalogue_matches_katconf(self) -> None:
        catalogue = json.loads((SAMPLES / "site" / "roles.json").read_text())["roles"]
        self.assertEqual(sorted(catalogue), sorted(ROLES))
        for name, role in catalogue.items():
            with self.subTest(role=name):
                self.assertEqual(role["port"], ROLES[name].port)
                self.assertEqual(role["protocol"], ROLES[name].protocol)
                self.assertEqual(role["packages"], [ROLES[name].package])
                self.assertIn("{site}", role["command"])
                self.assertIn(f"{name}:{{instance}}", role["health"])


if __name__ == "__main__":
    unittest.main()

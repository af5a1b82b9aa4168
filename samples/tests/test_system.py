"""The whole sample system on loopback, installed from published wheels, checked by the acceptance runner."""
from __future__ import annotations

import json
import shutil
import tempfile
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

from harness import SAMPLES, System, loopback_site, make_venv, publish, run

RUNNER = SAMPLES / "acceptance" / "run.py"


def junit(path: Path) -> tuple[ET.Element, dict[str, str]]:
    root = ET.parse(path).getroot()
    outcomes = {}
    for case in root.iter("testcase"):
        name = f"{case.get('classname')}.{case.get('name')}"
        failed = case.find("failure") is not None or case.find("error") is not None
        outcomes[name] = "failed" if failed else "skipped" if case.find("skipped") is not None else "passed"
    return root, outcomes


class _SystemCase(unittest.TestCase):
    publish_args: tuple[str, ...] = ()

    @classmethod
    def setUpClass(cls) -> None:
        cls.tmp = Path(tempfile.mkdtemp(prefix="cam-system-"))
        cls.versions = publish(cls.tmp / "index")
        if cls.publish_args:
            cls.versions.update(publish(cls.tmp / "index", *cls.publish_args))
        cls.bin = make_venv(cls.tmp / "venv", cls.tmp / "index")
        cls.site = loopback_site(cls.tmp / "site.json")
        cls.expect = cls.tmp / "expect.json"
        cls.expect.write_text(json.dumps(cls.versions))
        cls.system = System(cls.bin, cls.site, cls.tmp / "logs")
        cls.system.start()

    @classmethod
    def tearDownClass(cls) -> None:
        codes = cls.system.stop()
        shutil.rmtree(cls.tmp, ignore_errors=True)
        bad = {ref: code for ref, code in codes.items() if code != 0}
        if bad:
            raise AssertionError(f"services did not exit 0 on SIGTERM: {bad}")

    def accept(self, *args: str) -> tuple[int, dict[str, str], str]:
        out = self.tmp / "junit.xml"
        result = run([str(self.bin / "python"), str(RUNNER), "--site", str(self.site), "--junit", str(out), *args], timeout=120)
        _, outcomes = junit(out)
        return result.returncode, outcomes, result.stdout + result.stderr


class GoodCandidate(_SystemCase):
    def test_acceptance_passes_with_the_published_versions(self) -> None:
        code, outcomes, output = self.accept("--expect-versions", str(self.expect))
        self.assertEqual(code, 0, output)
        self.assertGreaterEqual(len(outcomes), 20, outcomes)
        self.assertEqual({o for o in outcomes.values()}, {"passed"}, output)
        self.assertIn("test_recovery.Recovery.test_halted_device_is_unreachable_then_recovers", outcomes)
        self.assertIn("version.proxy:p2@services", outcomes)

    def test_a_wrong_expected_version_fails_only_that_check(self) -> None:
        wrong = self.tmp / "wrong.json"
        wrong.write_text(json.dumps({**self.versions, "katsim": "9.9.9"}))
        code, outcomes, output = self.accept("--suite", "health", "--expect-versions", str(wrong))
        self.assertEqual(code, 1, output)
        failed = sorted(n for n, o in outcomes.items() if o == "failed")
        self.assertEqual(failed, ["version.antenna:m000@dishes", "version.antenna:m001@dishes", "version.weather:wx@services"])
        self.assertIn("katsim 1.0.0 (expected 9.9.9)", output)

    def test_per_node_checks_cover_only_that_node(self) -> None:
        code, outcomes, output = self.accept("--suite", "health", "--node", "dishes")
        self.assertEqual(code, 0, output)
        self.assertEqual(sorted(outcomes), ["health.antenna:m000@dishes", "health.antenna:m001@dishes"])

    def test_katcomp_reports_every_service_and_version(self) -> None:
        result = run([str(self.bin / "katcomp"), "--site", str(self.site), "status", "--json",
                      "--expect-versions", str(self.expect)])
        self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
        report = json.loads(result.stdout)
        self.assertTrue(report["healthy"])
        self.assertEqual({c["ref"]: c["version"] for c in report["components"]}["proxy:p1"], self.versions["katproxy"])
        self.assertEqual(len(report["components"]), 7)

    def test_every_proxy_passes_the_forwarding_check(self) -> None:
        for ref in ("proxy:p1", "proxy:p2"):
            result = run([str(self.bin / "katcli"), "--site", str(self.site), "ping", ref, "--forwarding"])
            self.assertEqual(result.returncode, 0, result.stdout + result.stderr)
            self.assertIn(f"{ref} ok, forwards to ", result.stdout)


class BrokenLeaf(_SystemCase):
    """katproxy 1.0.1 built with --break katproxy: requests are acknowledged but never reach the device."""

    publish_args = ("--only", "katproxy", "--break", "katproxy")

    def test_broken_proxy_is_installed_and_fails_acceptance(self) -> None:
        self.assertEqual(self.versions["katproxy"], "1.0.1")
        code, outcomes, output = self.accept("--expect-versions", str(self.expect))
        self.assertEqual(code, 1, output)
        failed = {n for n, o in outcomes.items() if o == "failed"}
        self.assertIn("test_commands.Commands.test_target_through_portal_moves_the_antenna", failed)
        self.assertTrue(any("test_request_through_each_proxy_reaches_the_device" in n for n in failed), failed)
        self.assertFalse([n for n in failed if n.startswith(("health.", "version."))], failed)

    def test_broken_proxy_passes_ping_but_fails_the_forwarding_check(self) -> None:
        # The health check (ping) cannot see this defect; the forwarding check Deliver runs (roles.json "verify") does.
        ping = run([str(self.bin / "katcli"), "--site", str(self.site), "ping", "proxy:p1"])
        self.assertEqual(ping.returncode, 0, ping.stdout + ping.stderr)
        deep = run([str(self.bin / "katcli"), "--site", str(self.site), "ping", "proxy:p1", "--forwarding"])
        self.assertEqual(deep.returncode, 1, deep.stdout + deep.stderr)
        self.assertIn("without the device's reply", deep.stderr)


if __name__ == "__main__":
    unittest.main()

"""Per-node integration checks: every role instance (of CAM_NODE, or all) is healthy and is what it should be."""
from __future__ import annotations

import unittest

import camtest
from katuilib import ping, versions


def _health_case(placement):  # type: ignore[no-untyped-def]
    def check() -> None:
        ping(placement, timeout=5.0)
        name, version, _ = versions(placement, timeout=5.0)
        if name != placement.spec.package:
            raise AssertionError(f"{placement.ref} answers as {name}, expected {placement.spec.package}")
        if not version or version == "0+unknown":
            raise AssertionError(f"{placement.ref} reports no installed version ({version!r})")

    return unittest.FunctionTestCase(check, description=f"health.{placement.ref}@{placement.hostname}")


def load_tests(loader: unittest.TestLoader, tests: unittest.TestSuite, pattern: str | None) -> unittest.TestSuite:
    suite = unittest.TestSuite()
    for placement in camtest.placements_under_test():
        suite.addTest(_health_case(placement))
    return suite

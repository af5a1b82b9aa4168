"""Every service reports the package versions the candidate was built with (--expect-versions)."""
from __future__ import annotations

import unittest

import camtest
from katuilib import versions


def _version_case(placement, expected):  # type: ignore[no-untyped-def]
    def check() -> None:
        name, version, components = versions(placement, timeout=5.0)
        if name not in expected:
            raise AssertionError(f"{placement.ref} runs {name} {version}, but the expected versions name no {name}")
        wrong = {c: v for c, v in components.items() if c in expected and expected[c] != v}
        if expected[name] != version or wrong:
            details = ", ".join(f"{c} {v} (expected {expected[c]})" for c, v in sorted({name: version, **wrong}.items()))
            raise AssertionError(f"{placement.ref} runs {details}")

    return unittest.FunctionTestCase(check, description=f"version.{placement.ref}@{placement.hostname}")


def load_tests(loader: unittest.TestLoader, tests: unittest.TestSuite, pattern: str | None) -> unittest.TestSuite:
    suite = unittest.TestSuite()
    expected = camtest.expected_versions()
    if expected is None:
        return suite  # nothing to compare with; health checks still prove a version is reported
    for placement in camtest.placements_under_test():
        suite.addTest(_version_case(placement, expected))
    return suite

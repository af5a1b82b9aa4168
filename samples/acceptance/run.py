#!/usr/bin/env python3
"""Run the acceptance tests against a deployed site and write JUnit XML.

  run.py --site /etc/cam/site.json --junit out.xml [--expect-versions versions.json]
         [--suite all|health|system|recovery] [--node HOSTNAME]

Needs an interpreter with katuilib (and so katconf, katcore) installed: the candidate's venv
on any node, or a venv made from the same wheels. Exit code 0 when every test passed, 1 when
one failed, 2 on bad options. Standard library only.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
import unittest
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
SUITES = {"health": ["test_health.py", "test_versions.py"],
          "system": ["test_sensors.py", "test_commands.py"],
          "recovery": ["test_recovery.py"]}
SUITES["all"] = SUITES["health"] + SUITES["system"] + SUITES["recovery"]


class RecordingResult(unittest.TextTestResult):
    """Keeps (name, classname, seconds, outcome, message, details) for every test and sub-test failure."""

    def __init__(self, *args, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.records: list[tuple[str, str, float, str, str, str]] = []
        self._started: dict[str, float] = {}
        self._subtest_failed: set[str] = set()

    @staticmethod
    def _names(test: unittest.TestCase) -> tuple[str, str]:
        if isinstance(test, unittest.FunctionTestCase):
            description = test.shortDescription() or str(test)
            classname, _, name = description.partition(".")
            return (classname, name) if name else ("acceptance", description)
        parts = test.id().split(".")
        return ".".join(parts[:-1]) or "acceptance", parts[-1]

    def startTest(self, test: unittest.TestCase) -> None:  # noqa: N802
        self._started[test.id()] = time.monotonic()
        super().startTest(test)

    def _record(self, test: unittest.TestCase, outcome: str, err=None, message: str = "") -> None:  # type: ignore[no-untyped-def]
        classname, name = self._names(test)
        seconds = time.monotonic() - self._started.get(test.id(), time.monotonic())
        details = "".join(traceback.format_exception(*err)) if err else ""
        if err and not message:
            message = f"{err[0].__name__}: {err[1]}"
        self.records.append((name, classname, seconds, outcome, message, details))

    def addSuccess(self, test: unittest.TestCase) -> None:  # noqa: N802
        super().addSuccess(test)
        if test.id() not in self._subtest_failed:
            self._record(test, "passed")

    def addFailure(self, test, err) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().addFailure(test, err)
        self._record(test, "failure", err)

    def addError(self, test, err) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().addError(test, err)
        self._record(test, "error", err)

    def addSkip(self, test, reason) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().addSkip(test, reason)
        self._record(test, "skipped", message=reason)

    def addSubTest(self, test, subtest, err) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        super().addSubTest(test, subtest, err)
        if err is not None:
            self._subtest_failed.add(test.id())
            classname, name = self._names(test)
            outcome = "failure" if issubclass(err[0], test.failureException) else "error"
            self.records.append((f"{name} {subtest._subDescription()}", classname,
                                 time.monotonic() - self._started.get(test.id(), time.monotonic()), outcome,
                                 f"{err[0].__name__}: {err[1]}", "".join(traceback.format_exception(*err))))


def junit_xml(records: list[tuple[str, str, float, str, str, str]], suite_name: str, seconds: float) -> bytes:
    count = lambda outcome: sum(1 for r in records if r[3] == outcome)  # noqa: E731
    totals = {"tests": str(len(records)), "failures": str(count("failure")), "errors": str(count("error")),
              "skipped": str(count("skipped")), "time": f"{seconds:.3f}"}
    root = ET.Element("testsuites", {"name": "cam-acceptance", **totals})
    suite = ET.SubElement(root, "testsuite", {"name": suite_name, **totals})
    for name, classname, elapsed, outcome, message, details in records:
        case = ET.SubElement(suite, "testcase", {"name": name, "classname": classname, "time": f"{elapsed:.3f}"})
        if outcome in ("failure", "error"):
            ET.SubElement(case, outcome, {"message": message[:1000], "type": message.split(":")[0]}).text = details
        elif outcome == "skipped":
            ET.SubElement(case, "skipped", {"message": message})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", required=True, help="site.json of the environment under test")
    parser.add_argument("--junit", type=Path, help="write JUnit XML here")
    parser.add_argument("--expect-versions", help="JSON file {distribution: version} the services must report")
    parser.add_argument("--suite", choices=sorted(SUITES), default="all")
    parser.add_argument("--node", help="per-node checks of this hostname only")
    args = parser.parse_args(argv)
    if not Path(args.site).is_file():
        parser.error(f"--site {args.site}: no such file")
    if args.expect_versions and not Path(args.expect_versions).is_file():
        parser.error(f"--expect-versions {args.expect_versions}: no such file")
    os.environ["CAM_SITE"] = str(Path(args.site).resolve())
    os.environ["CAM_EXPECT_VERSIONS"] = str(Path(args.expect_versions).resolve()) if args.expect_versions else ""
    os.environ["CAM_NODE"] = args.node or ""
    sys.path.insert(0, str(HERE))

    loader = unittest.TestLoader()
    suite = unittest.TestSuite(loader.discover(str(HERE), pattern=p, top_level_dir=str(HERE)) for p in SUITES[args.suite])
    runner = unittest.TextTestRunner(stream=sys.stdout, verbosity=2, resultclass=RecordingResult)
    started = time.monotonic()
    result = runner.run(suite)
    if args.junit:
        args.junit.parent.mkdir(parents=True, exist_ok=True)
        tmp = args.junit.with_name(f".{args.junit.name}.tmp")
        tmp.write_bytes(junit_xml(result.records, f"acceptance-{args.suite}", time.monotonic() - started))
        os.replace(tmp, args.junit)
    return 0 if result.wasSuccessful() and result.testsRun > 0 else 1


if __name__ == "__main__":
    sys.exit(main())

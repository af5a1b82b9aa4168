"""publish.py: reproducible bytes, index layout, several versions, yank markers, the broken build."""
from __future__ import annotations

import hashlib
import shutil
import tempfile
import unittest
import zipfile
from pathlib import Path

from harness import PACKAGES, SAMPLES, SYSTEM_PYTHON, publish, run


def digests(index: Path) -> dict[str, str]:
    return {str(p.relative_to(index)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(index.rglob("*")) if p.is_file()}


class Publish(unittest.TestCase):
    def setUp(self) -> None:
        self.tmp = Path(tempfile.mkdtemp(prefix="cam-publish-"))
        self.addCleanup(shutil.rmtree, self.tmp, True)

    def test_two_builds_give_the_same_bytes_in_the_index_layout(self) -> None:
        publish(self.tmp / "a")
        publish(self.tmp / "b")
        first, second = digests(self.tmp / "a"), digests(self.tmp / "b")
        self.assertEqual(first, second)
        self.assertEqual(sorted(first), [f"{p}/{p}-1.0.0-py3-none-any.whl" for p in PACKAGES])
        self.assertEqual(sorted(d.name for d in (self.tmp / "a").iterdir()), PACKAGES)  # nothing else in the index

    def test_wheels_declare_the_dependency_tree_and_entry_points(self) -> None:
        publish(self.tmp / "idx", "--only", "katportal")
        with zipfile.ZipFile(self.tmp / "idx/katportal/katportal-1.0.0-py3-none-any.whl") as whl:
            metadata = whl.read("katportal-1.0.0.dist-info/METADATA").decode()
            entry_points = whl.read("katportal-1.0.0.dist-info/entry_points.txt").decode()
            self.assertEqual({i.date_time for i in whl.infolist()}, {(2023, 11, 14, 22, 13, 20)})  # SOURCE_DATE_EPOCH
        self.assertIn("Requires-Dist: katuilib", metadata)
        self.assertIn("katportal = katportal.cli:main", entry_points)

    def test_several_versions_and_a_yanked_one(self) -> None:
        idx = self.tmp / "idx"
        publish(idx, "--only", "katcore")
        built = publish(idx, "--only", "katcore", "--set-version", "katcore=1.1.0")
        self.assertEqual(built, {"katcore": "1.1.0"})
        publish(idx, "--no-build", "--yank", "katcore==1.0.0", "--yank-reason", "wire protocol bug")
        self.assertEqual(sorted(p.name for p in (idx / "katcore").iterdir()),
                         ["katcore-1.0.0-py3-none-any.whl", "katcore-1.0.0-py3-none-any.whl.yanked",
                          "katcore-1.1.0-py3-none-any.whl"])
        self.assertEqual((idx / "katcore/katcore-1.0.0-py3-none-any.whl.yanked").read_text(), "wire protocol bug\n")

    def test_broken_build_is_the_next_patch_and_carries_the_defect(self) -> None:
        built = publish(self.tmp / "idx", "--only", "katproxy", "--break", "katproxy")
        self.assertEqual(built, {"katproxy": "1.0.1"})
        with zipfile.ZipFile(self.tmp / "idx/katproxy/katproxy-1.0.1-py3-none-any.whl") as whl:
            self.assertIn('frozenset({"forwarding"})', whl.read("katproxy/_build.py").decode())
        self.assertIn("frozenset()", (SAMPLES / "packages/katproxy/src/katproxy/_build.py").read_text())  # source untouched

    def test_published_files_are_immutable_and_bad_input_is_named(self) -> None:
        idx = self.tmp / "idx"
        publish(idx, "--only", "katcore")
        script = [SYSTEM_PYTHON, str(SAMPLES / "publish.py"), "--out", str(idx)]
        clash = run([*script, "--only", "katcore", "--source-date-epoch", "1600000000"])
        self.assertEqual(clash.returncode, 2)
        self.assertIn("exists with different content", clash.stderr)
        self.assertIn("not a PEP 440 version", run([*script, "--only", "katcore", "--set-version", "katcore=one"]).stderr)
        self.assertIn("no wheel of katsim 1.0.0", run([*script, "--no-build", "--yank", "katsim==1.0.0"]).stderr)


if __name__ == "__main__":
    unittest.main()

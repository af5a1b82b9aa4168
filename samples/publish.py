#!/usr/bin/python3
"""Build reproducible wheels of the sample packages into an index directory.

Layout written: ``<out>/<normalized-project>/<wheel file>`` and, for yanked files,
``<wheel file>.yanked`` holding the reason. Nothing else is written into ``<out>``.

Standard library plus Debian's setuptools and wheel (python3-setuptools, python3-wheel);
offline: the PEP 517 hook of setuptools is called directly, no build isolation.

  /usr/bin/python3 samples/publish.py --out IDX                              # every package at its own version
  /usr/bin/python3 samples/publish.py --out IDX --only katcore --set-version katcore=1.1.0
  /usr/bin/python3 samples/publish.py --out IDX --no-build --yank katcore==1.0.0 --yank-reason "bad protocol"
  /usr/bin/python3 samples/publish.py --out IDX --only katproxy --break katproxy   # broken katproxy 1.0.1
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PACKAGES_DIR = HERE / "packages"
DEFAULT_SDE = 1700000000
# The defect each breakable package gets: the value written into its _build.DEFECTS.
DEFECTS = {"katproxy": "forwarding"}
_VERSION = re.compile(r"^(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))*((a|b|rc)(0|[1-9][0-9]*))?(\.post(0|[1-9][0-9]*))?(\.dev(0|[1-9][0-9]*))?$")
_VERSION_LINE = re.compile(r'^version = "([^"]+)"$', re.M)


class PublishError(Exception):
    pass


def normalize(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def source_version(package: str) -> str:
    match = _VERSION_LINE.search((PACKAGES_DIR / package / "pyproject.toml").read_text(encoding="utf-8"))
    if not match:
        raise PublishError(f"{PACKAGES_DIR / package / 'pyproject.toml'}: no line 'version = \"X.Y.Z\"' under [project]")
    return match.group(1)


def bump_patch(version: str) -> str:
    parts = version.split(".")
    return ".".join(parts[:-1] + [str(int(parts[-1]) + 1)]) if parts[-1].isdigit() else version + ".post1"


def _copy_tree(src: Path, dst: Path, sde: int) -> None:
    """Copy with fixed modes and mtimes so nothing of this checkout leaks into the wheel."""
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if any(p in ("__pycache__", "build", "dist") or p.endswith(".egg-info") for p in rel.parts):
            continue
        target = dst / rel
        if path.is_dir():
            target.mkdir(mode=0o755, parents=True, exist_ok=True)
        elif path.is_file():
            target.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
            os.chmod(target, 0o644)
    for path in [dst, *dst.rglob("*")]:
        os.utime(path, (sde, sde))


def build_wheel(package: str, version: str, defect: str | None, sde: int, work: Path) -> Path:
    src = work / "src" / package
    _copy_tree(PACKAGES_DIR / package, src, sde)
    pyproject = src / "pyproject.toml"
    pyproject.write_text(_VERSION_LINE.sub(f'version = "{version}"', pyproject.read_text(encoding="utf-8"), count=1),
                         encoding="utf-8")
    if defect:
        build_py = src / "src" / package / "_build.py"
        text = build_py.read_text(encoding="utf-8")
        new = re.sub(r"^DEFECTS: frozenset\[str\] = .*$", f'DEFECTS: frozenset[str] = frozenset({{"{defect}"}})', text, flags=re.M)
        if new == text:
            raise PublishError(f"{build_py}: no 'DEFECTS: frozenset[str] = ...' line to rewrite")
        build_py.write_text(new, encoding="utf-8")
        os.utime(build_py, (sde, sde))
    out = work / "out" / package
    out.mkdir(parents=True)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "SOURCE_DATE_EPOCH": str(sde), "PYTHONHASHSEED": "0",
           "LC_ALL": "C.UTF-8", "TZ": "UTC", "HOME": str(work), "PYTHONDONTWRITEBYTECODE": "1"}
    hook = "import sys; from setuptools import build_meta as b; print(b.build_wheel(sys.argv[1]))"
    result = subprocess.run([sys.executable, "-c", hook, str(out)], cwd=src, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise PublishError(f"building {package} {version} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    wheels = list(out.glob("*.whl"))
    if len(wheels) != 1:
        raise PublishError(f"building {package} produced {len(wheels)} wheels, expected 1")
    return wheels[0]


def place(wheel: Path, out_dir: Path, force: bool) -> Path:
    project_dir = out_dir / normalize(wheel.name.split("-")[0])
    project_dir.mkdir(parents=True, exist_ok=True)
    target = project_dir / wheel.name
    data = wheel.read_bytes()
    if target.exists() and target.read_bytes() != data and not force:
        raise PublishError(f"{target} exists with different content; published files are immutable "
                           "(publish a new version, or pass --force to overwrite)")
    tmp = project_dir / f".{wheel.name}.tmp"
    tmp.write_bytes(data)
    os.chmod(tmp, 0o644)
    os.replace(tmp, target)
    return target


def yank(out_dir: Path, spec: str, reason: str) -> list[Path]:
    name, sep, version = spec.partition("==")
    if not sep or not version:
        raise PublishError(f"--yank {spec!r}: write NAME==VERSION, e.g. katcore==1.0.0")
    project = normalize(name)
    files = sorted((out_dir / project).glob(f"{project.replace('-', '_')}-{version}-*.whl"))
    if not files:
        raise PublishError(f"--yank {spec}: no wheel of {project} {version} in {out_dir / project}")
    marks = []
    for wheel in files:
        mark = wheel.with_name(wheel.name + ".yanked")
        tmp = mark.with_name("." + mark.name + ".tmp")
        tmp.write_text(reason + "\n", encoding="utf-8")
        os.replace(tmp, mark)
        marks.append(mark)
    return marks


def main(argv: list[str] | None = None) -> int:
    all_packages = sorted(p.name for p in PACKAGES_DIR.iterdir() if (p / "pyproject.toml").is_file())
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True, type=Path, help="index directory (<out>/<project>/<file>)")
    parser.add_argument("--only", action="append", choices=all_packages, help="build only these packages (repeatable)")
    parser.add_argument("--set-version", action="append", default=[], metavar="NAME=VERSION", help="override a version")
    parser.add_argument("--version-suffix", default="", help="appended to every built version, e.g. .dev3 or .post1")
    parser.add_argument("--break", dest="broken", action="append", default=[], choices=sorted(DEFECTS),
                        help="build this package with its deliberate defect, by default as the next patch version")
    parser.add_argument("--yank", action="append", default=[], metavar="NAME==VERSION", help="mark a version yanked")
    parser.add_argument("--yank-reason", default="yanked by publish.py", help="text of the .yanked marker")
    parser.add_argument("--no-build", action="store_true", help="only apply --yank")
    parser.add_argument("--source-date-epoch", type=int, default=int(os.environ.get("SOURCE_DATE_EPOCH", DEFAULT_SDE)))
    parser.add_argument("--versions-json", type=Path, help="write {project: version} of what was built (outside --out)")
    parser.add_argument("--force", action="store_true", help="overwrite a published file whose bytes differ")
    args = parser.parse_args(argv)

    try:
        overrides = {}
        for item in args.set_version:
            name, sep, version = item.partition("=")
            if not sep or name not in all_packages:
                raise PublishError(f"--set-version {item!r}: write NAME=VERSION with NAME one of {', '.join(all_packages)}")
            overrides[name] = version
        os.umask(0o022)
        built: dict[str, str] = {}
        if not args.no_build:
            plan = {}  # every version is checked before anything is built or published
            for package in args.only or all_packages:
                version = overrides.get(package) or (
                    bump_patch(source_version(package)) if package in args.broken else source_version(package))
                version += args.version_suffix
                if not _VERSION.match(version):
                    raise PublishError(f"{package}: {version!r} is not a PEP 440 version like 1.2.0 or 1.2.0.dev1")
                plan[package] = version
            with tempfile.TemporaryDirectory(prefix="publish-") as tmp:
                for package, version in plan.items():
                    defect = DEFECTS[package] if package in args.broken else None
                    wheel = build_wheel(package, version, defect, args.source_date_epoch, Path(tmp) / package)
                    target = place(wheel, args.out, args.force)
                    digest = hashlib.sha256(target.read_bytes()).hexdigest()
                    print(f"published {target} sha256={digest}" + (f" (broken: {defect})" if defect else ""))
                    built[normalize(package)] = version
        for spec in args.yank:
            for mark in yank(args.out, spec, args.yank_reason):
                print(f"yanked {mark.with_suffix('')}")
        if args.versions_json:
            args.versions_json.write_text(json.dumps(built, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    except PublishError as exc:
        print(f"publish.py: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Real-process harness for the sample system on loopback: publish wheels, make a venv, run every role.

Nothing is mocked: publish.py builds the wheels, /usr/bin/python3 -m venv and pip --no-index install
them, and each role is started with the command of samples/site/roles.json.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent
PACKAGES = sorted(p.name for p in (SAMPLES / "packages").iterdir() if (p / "pyproject.toml").is_file())
SYSTEM_PYTHON = "/usr/bin/python3"
sys.path[:0] = [str(SAMPLES / "packages" / p / "src") for p in PACKAGES]  # for unit tests of the sources


def run(cmd: list[str], timeout: float = 60, **kwargs) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, **kwargs)


def publish(out: Path, *args: str) -> dict[str, str]:
    """Runs publish.py; returns {project: version} of what it built."""
    versions = out.parent / f"{out.name}-versions-{len(list(out.parent.glob('*-versions-*')))}.json"
    result = run([SYSTEM_PYTHON, str(SAMPLES / "publish.py"), "--out", str(out), "--versions-json", str(versions), *args])
    if result.returncode != 0:
        raise AssertionError(f"publish.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return json.loads(versions.read_text())


def make_venv(venv: Path, index: Path) -> Path:
    """A venv of the system Python with every sample package installed offline from ``index``."""
    result = run([SYSTEM_PYTHON, "-m", "venv", str(venv)])
    assert result.returncode == 0, result.stderr
    links = [arg for d in sorted(index.iterdir()) if d.is_dir() for arg in ("--find-links", str(d))]
    result = run([str(venv / "bin" / "pip"), "install", "--no-index", "--disable-pip-version-check", "-q", *links, *PACKAGES],
                 timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    return venv / "bin"


def free_ports(count: int) -> list[int]:
    sockets = []
    for _ in range(count):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def loopback_site(path: Path) -> Path:
    """Two antennas, a weather station, two proxies, a portal and a monitor, all on 127.0.0.1."""
    refs = ["antenna:m000", "antenna:m001", "weather:wx", "proxy:p1", "proxy:p2", "portal:portal", "monitor:monitor"]
    ports = dict(zip(refs, free_ports(len(refs))))
    roles = {ref: {"port": port} for ref, port in ports.items()}
    roles["proxy:p1"]["devices"] = ["antenna:m000", "weather:wx"]
    roles["proxy:p2"]["devices"] = ["antenna:m001"]
    roles["monitor:monitor"]["check_interval"] = 1
    roles["antenna"] = {"slew_rate": 30}
    site = {"format": 1, "site": "loopback", "roles": roles, "nodes": [
        {"hostname": "dishes", "address": "127.0.0.1", "roles": refs[:2]},
        {"hostname": "services", "address": "127.0.0.1", "roles": refs[2:]}]}
    # two "nodes" on one address: the ports differ, which the validator checks
    path.write_text(json.dumps(site, indent=2))
    return path


def expand(argv: list[str], site: Path, node: str, instance: str) -> list[str]:
    return [a.replace("{site}", str(site)).replace("{node}", node).replace("{instance}", instance) for a in argv]


class System:
    """Starts every placed role with its roles.json command; stop() sends SIGTERM and returns exit codes."""

    def __init__(self, bin_dir: Path, site_path: Path, logs: Path) -> None:
        self.bin, self.site_path, self.logs = bin_dir, site_path, logs
        self.catalogue = json.loads((SAMPLES / "site" / "roles.json").read_text())["roles"]
        self.site = json.loads(site_path.read_text())
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def placements(self) -> list[tuple[str, str, str]]:
        out = []
        for node in self.site["nodes"]:
            for ref in node["roles"]:
                role, _, instance = ref.partition(":")
                out.append((role, instance or role, node["hostname"]))
        return out

    def _cmd(self, argv: list[str], role: str, instance: str, node: str) -> list[str]:
        argv = expand(argv, self.site_path, node, instance)
        return [str(self.bin / argv[0]), *argv[1:]]

    def start(self, timeout: float = 20.0) -> None:
        self.logs.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        for role, instance, node in self.placements():
            with open(self.logs / f"{role}-{instance}.log", "wb") as log:  # the child keeps its own descriptor
                self.processes[f"{role}:{instance}"] = subprocess.Popen(
                    self._cmd(self.catalogue[role]["command"], role, instance, node),
                    stdout=log, stderr=subprocess.STDOUT, env=env)
        deadline = time.monotonic() + timeout
        for role, instance, node in self.placements():
            health = self._cmd(self.catalogue[role]["health"], role, instance, node)
            while run(health, timeout=10).returncode != 0:
                if time.monotonic() > deadline or self.processes[f"{role}:{instance}"].poll() is not None:
                    self.stop()
                    raise AssertionError(f"{role}:{instance} did not become healthy:\n{self.log(role, instance)}")
                time.sleep(0.2)

    def log(self, role: str, instance: str) -> str:
        path = self.logs / f"{role}-{instance}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def stop(self) -> dict[str, int | None]:
        for p in self.processes.values():
            if p.poll() is None:
                p.send_signal(signal.SIGTERM)
        codes: dict[str, int | None] = {}
        for ref, p in self.processes.items():
            try:
                codes[ref] = p.wait(timeout=10)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                codes[ref] = None  # did not stop on SIGTERM
        self.processes.clear()
        return codes

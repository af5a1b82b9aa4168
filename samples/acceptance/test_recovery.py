"""A device whose process is killed is restarted by its node's systemd; the proxy and the monitor recover by themselves.

Runs on the node of the device under test (suite ``recovery``, ``runs_on: role:antenna``, ``--node {node}``): it
finds the device's real process through systemd (the role's unit ``cam-<role>-<instance>.service``), kills it with
SIGKILL, and checks that systemd started a new process (new main PID, restart counter up by one), that the proxy
reports the device unreachable and then reconnects, and that the monitor reports it healthy again. (Commands through
the proxy are the system suite's; this suite only needs the proxy's link to recover.)
"""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import unittest

import camtest
from katcore import UNREACHABLE
from katconf import Placement
from katuilib import ServiceClient, wait_for


def unit_of(device: Placement) -> str:
    return f"cam-{device.role}-{device.instance}.service"


def unit_state(unit: str) -> dict[str, str]:
    out = subprocess.run(["systemctl", "show", unit, "-p", "MainPID,NRestarts,ActiveState,SubState"],
                         capture_output=True, text=True, check=True, timeout=10).stdout
    return dict(line.split("=", 1) for line in out.splitlines() if "=" in line)


def monitor_healthy_since(monitor: Placement, ref: str, since: float) -> bool:
    """True when the monitor's last check of ``ref`` (made after ``since``) found it healthy."""
    with ServiceClient.to(monitor) as client:
        args = client.request("sensor-value", f"{ref.replace(':', '.')}.healthy").check().informs[0].args
    return float(args[2]) > since and args[3] in ("1", "true", "True")


class Recovery(unittest.TestCase):
    def test_killed_device_is_restarted_by_systemd_and_the_proxy_recovers(self) -> None:
        node = os.environ.get("CAM_NODE") or socket.gethostname()
        devices = [p for p in camtest.site().on_node(node) if p.role in ("antenna", "weather")]
        if not devices:
            self.skipTest(f"no device runs on node {node}; run the recovery suite on a device's node (runs_on: role:antenna)")
        if shutil.which("systemctl") is None:
            self.skipTest("no systemctl on this node: the devices are not systemd units here")
        device = devices[0]
        unit, name = unit_of(device), device.instance
        probe = "mode" if device.role == "antenna" else "wind-speed"
        camtest.wait_sensor(f"{name}.connected", lambda s: s["value"] is True, 10.0, "connected before the kill")
        before = unit_state(unit)
        self.assertEqual((before["ActiveState"], before["SubState"]), ("active", "running"), before)
        pid = int(before["MainPID"])

        killed_at = time.time()
        os.kill(pid, signal.SIGKILL)

        camtest.wait_sensor(f"{name}.connected", lambda s: s["value"] is False, 5.0, "drops after SIGKILL")
        after = wait_for(lambda: unit_state(unit),
                         lambda s: s["ActiveState"] == "active" and s["SubState"] == "running" and int(s["MainPID"]) not in (0, pid),
                         20.0, interval=0.2, what=f"{unit} restarted by systemd")
        self.assertEqual(int(after["NRestarts"]), int(before["NRestarts"]) + 1, after)
        camtest.wait_sensor(f"{name}.connected", lambda s: s["value"] is True, 15.0, "proxy reconnects to the new process")
        camtest.wait_sensor(f"{name}.{probe}", lambda s: s["status"] != UNREACHABLE, 5.0, "is reachable again")
        for monitor in camtest.site().instances("monitor"):
            wait_for(lambda m=monitor: monitor_healthy_since(m, device.ref, killed_at), bool, 20.0, interval=0.5,
                     what=f"monitor {monitor.ref} reports {device.ref} healthy again")

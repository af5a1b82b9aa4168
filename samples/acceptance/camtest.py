"""What the acceptance tests share: the site under test, its portal, expectations, polling helpers.

Configured through the environment (run.py sets it from its options):
CAM_SITE (path of site.json, default /etc/cam/site.json), CAM_EXPECT_VERSIONS (JSON file
{distribution: version}), CAM_NODE (limit per-node checks to one hostname).
"""
from __future__ import annotations

import functools
import json
import os
from typing import Any, Callable

from katconf import DEFAULT_SITE_PATH, Placement, Site
from katuilib import PortalClient, ServiceClient, wait_for

COMMAND_TIMEOUT = 30.0  # slews at the default 20 deg/s finish well within this


@functools.cache
def site() -> Site:
    return Site.load(os.environ.get("CAM_SITE") or DEFAULT_SITE_PATH)


def expected_versions() -> dict[str, str] | None:
    path = os.environ.get("CAM_EXPECT_VERSIONS")
    if not path:
        return None
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise ValueError(f"{path}: expected a JSON object {{\"katsim\": \"1.0.0\", ...}}")
    return {k.lower(): v for k, v in data.items()}


def placements_under_test() -> list[Placement]:
    node = os.environ.get("CAM_NODE")
    return site().on_node(node) if node else site().placements


def portal() -> PortalClient:
    return PortalClient.to(site().instances("portal")[0], timeout=5.0)


def device_client(device: Placement) -> ServiceClient:
    return ServiceClient.to(device)


def read_device_sensor(device: Placement, name: str) -> str:
    """A sensor's value as text, read directly from the device, bypassing proxies and portal."""
    with device_client(device) as client:
        return client.request("sensor-value", name).check().informs[0].args[3]


def wait_sensor(name: str, condition: Callable[[dict[str, Any]], bool], timeout: float, what: str) -> dict[str, Any]:
    """Poll the portal until sensor ``name`` satisfies ``condition``; returns the sensor record."""
    sensors = wait_for(portal().sensors, lambda s: name in s and condition(s[name]), timeout,
                       interval=0.2, what=f"{name}: {what}")
    return sensors[name]

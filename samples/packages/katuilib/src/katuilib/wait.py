"""Polling with a deadline: wait for a value to satisfy a condition."""
from __future__ import annotations

import time
from typing import Any, Callable, TypeVar

T = TypeVar("T")


def wait_for(fetch: Callable[[], T], condition: Callable[[T], bool], timeout: float,
             interval: float = 0.2, what: str = "condition") -> T:
    """Call ``fetch`` until ``condition`` holds; TimeoutError names the last value seen (or error raised)."""
    deadline = time.monotonic() + timeout
    last: Any = "<nothing fetched>"
    while True:
        try:
            value = fetch()
            if condition(value):
                return value
            last = value
        except (OSError, KeyError, ValueError) as exc:
            last = f"error: {exc}"
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{what} not met within {timeout:.1f} s; last seen: {last}")
        time.sleep(interval)


def value_matches(actual: Any, expected: str, tolerance: float = 1e-6) -> bool:
    """Compare a decoded sensor value with its text form; numbers within ``tolerance``."""
    if isinstance(actual, bool):
        return expected.lower() in (("1", "true") if actual else ("0", "false"))
    if isinstance(actual, (int, float)):
        try:
            return abs(float(actual) - float(expected)) <= tolerance
        except ValueError:
            return False
    return str(actual) == expected

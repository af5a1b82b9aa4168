"""Shared core of the sample CAM system: line protocol, server, client, sensors."""
from .client import Client, Reply, RequestError
from .protocol import Message, ProtocolError, parse
from .sensor import ERROR, NOMINAL, STATUSES, UNREACHABLE, WARN, Sensor, decode_value, encode_value
from .server import ALREADY_REPLIED, DeviceServer, RequestFailed
from .service import run_until_signalled, setup_logging
from .versions import component_versions, distribution_version


class KatError(Exception):
    """Base of the errors the kat* packages raise for bad input."""


__all__ = [
    "ALREADY_REPLIED", "Client", "DeviceServer", "ERROR", "KatError", "Message", "NOMINAL", "ProtocolError",
    "Reply", "RequestError", "RequestFailed", "STATUSES", "Sensor", "UNREACHABLE", "WARN", "component_versions",
    "decode_value", "distribution_version", "encode_value", "parse", "run_until_signalled", "setup_logging",
]

"""Client library of the sample CAM system (used by katcli, katcomp, katportal and the acceptance tests)."""
from .checks import ping, versions
from .clients import PortalClient, PortalError, ServiceClient
from .wait import value_matches, wait_for

__all__ = ["PortalClient", "PortalError", "ServiceClient", "ping", "value_matches", "versions", "wait_for"]

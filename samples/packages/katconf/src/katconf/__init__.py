"""Site configuration of the sample CAM system."""
from .roles import ROLES, RoleSpec
from .site import DEFAULT_SITE_PATH, Placement, Site, SiteError

__all__ = ["DEFAULT_SITE_PATH", "Placement", "ROLES", "RoleSpec", "Site", "SiteError"]

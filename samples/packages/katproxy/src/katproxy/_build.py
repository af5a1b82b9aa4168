"""Build-time switches. publish.py --break katproxy rewrites DEFECTS in a deliberately broken build."""
DEFECTS: frozenset[str] = frozenset()

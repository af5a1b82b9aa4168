"""Component manager and monitor of the sample CAM system."""

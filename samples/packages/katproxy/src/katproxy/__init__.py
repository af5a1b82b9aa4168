"""Device proxy of the sample CAM system."""

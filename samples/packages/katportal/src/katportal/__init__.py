"""HTTP/JSON portal of the sample CAM system."""

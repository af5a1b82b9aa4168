"""Simulated devices of the sample CAM system: antennas and a weather station."""

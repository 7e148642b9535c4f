"""Fuzz targets, run for a bounded time: `python -m fuzz.fuzz_targets --seconds 60`."""

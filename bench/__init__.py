"""Benchmarks, run on demand (`migkg bench` / `python -m bench`), never timed in tests."""

"""Benchmarks, run on demand (`migkg bench` / `python -m migkg.bench`), never timed in tests."""

"""Benchmarks that print a table (run from the repository root: python -m bench.NAME)."""

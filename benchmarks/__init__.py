"""Benchmarks for newsclean (not part of the installed package). See ``benchmarks/quality.py``."""

"""Compiled kernels of the engine (Cython), each with its definition in pure Python beside the
code that uses it; absent when ``pip install .`` found no C compiler."""

"""Builds the optional compiled kernels (Cython) of newsclean; everything else is in
pyproject.toml.

A machine without a C compiler (or where the build fails for any reason) gets the pure-Python
package: the kernels' definitions in Python serve in their place with the same results, and
``pip install .`` never fails for want of a compiler.
"""

from __future__ import annotations

import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class OptionalBuildExt(build_ext):
    """build_ext that warns and goes on when a kernel cannot be compiled."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as exc:  # noqa: BLE001 - no compiler, no headers: pure Python it is
            print(f"newsclean: compiled kernels not built ({exc}); using pure Python", file=sys.stderr)

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as exc:  # noqa: BLE001
            print(f"newsclean: {ext.name} not built ({exc}); using pure Python", file=sys.stderr)


def extensions() -> list[Extension]:
    try:
        from Cython.Build import cythonize
    except ImportError:  # Cython is a build requirement; without it, pure Python
        return []
    kernels = [
        Extension(f"newsclean._compiled.{name}", [f"src/newsclean/_compiled/{name}.pyx"]) for name in ("lines", "keys", "scan")
    ]
    # The DOM walk reads selectolax's Lexbor structs: headers only (vendored), nothing linked.
    kernels.append(
        Extension(
            "newsclean._compiled.dom",
            ["src/newsclean/_compiled/dom.pyx"],
            include_dirs=["src/newsclean/_compiled/vendor"],
        )
    )
    try:
        return list(cythonize(kernels, language_level=3, quiet=True))
    except Exception as exc:  # noqa: BLE001
        print(f"newsclean: Cython failed ({exc}); using pure Python", file=sys.stderr)
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})

"""Per-line features of a document, computed in one pass: the reference definition in
Python, and a compiled kernel (Cython, ``newsclean._compiled.lines``) built by
``pip install .`` where a C compiler is present.

Both give the same tables (a test compares them on generated and real texts); the compiled
kernel is used unless it is missing or ``NEWSCLEAN_REFERENCE=1`` asks for the reference.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from ..document import TERMINAL_PUNCTUATION as _TERMINAL_PUNCTUATION

__all__ = ["LineTable", "line_table", "line_table_python", "COMPILED"]

#: (nonblank line numbers, word count per line, sentence end per line, stripped length per line)
LineTable = tuple[list[int], list[int], list[bool], list[int]]

_CLOSERS = "\"'”’»)]"
_TERMINALS = frozenset(".!?…。！？؟।")
assert _TERMINALS <= _TERMINAL_PUNCTUATION


def line_table_python(lines: Sequence[str]) -> LineTable:
    """The reference: which lines hold a non-space character, how many space-separated words
    each has (``len(line.split())``), whether it ends like a sentence (terminal punctuation,
    then optional closing quotes or brackets: ``filters._lines.ends_sentence``), and its
    length once stripped."""
    nonblank = [i for i, line in enumerate(lines) if line and not line.isspace()]
    words = [len(line.split()) for line in lines]
    ends = []
    for line in lines:
        core = line.rstrip().rstrip(_CLOSERS)
        ends.append(bool(core) and core[-1] in _TERMINALS)
    chars = [len(line.strip()) for line in lines]
    return nonblank, words, ends, chars


_compiled: Callable[[Sequence[str]], LineTable] | None
try:
    from .._compiled.lines import line_table as _compiled_table
except ImportError:  # no compiler at install time: the reference serves
    _compiled = None
else:
    _compiled = _compiled_table

#: True when the compiled kernel is installed.
COMPILED = _compiled is not None


def line_table(lines: Sequence[str], reference: bool = False) -> LineTable:
    if _compiled is not None and not reference:
        return _compiled(lines)
    return line_table_python(lines)

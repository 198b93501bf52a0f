"""Per-line features of a document, computed in one pass: the reference definition in
Python, and a compiled kernel (Cython, ``newsclean._compiled.lines``) built by
``pip install .`` where a C compiler is present.

Both give the same tables (a test compares them on generated and real texts); the compiled
kernel is used unless it is missing or ``NEWSCLEAN_REFERENCE=1`` asks for the reference.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

__all__ = ["LineTable", "line_table", "line_table_python", "COMPILED"]

#: (nonblank line numbers, word count per line, sentence end per line, stripped length per line)
LineTable = tuple[list[int], list[int], list[bool], list[int]]

_CLOSERS = "\"'”’»)]"
_TERMINALS = frozenset(".!?…。！？؟।")


def ends_sentence(text: str) -> bool:
    """True when the line ends like a sentence: terminal punctuation, then optional closing
    quotes or brackets (what ``filters._lines.SENTENCE_END`` finds, tested from the end of the
    line: the pattern tries every full stop of a paragraph)."""
    core = text.rstrip().rstrip(_CLOSERS)
    return bool(core) and core[-1] in _TERMINALS


#: Runs of a script written without spaces between words: Han (CJK ideographs), kana, Thai,
#: Lao, Khmer, Burmese. (Hangul is written with spaces.)
_UNSPACED_RUN = re.compile(
    "[\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\U00020000-\U0002ffff]+"
)
#: Characters per word in those scripts: a Chinese translation runs about 1.5-1.8 characters
#: per English word, and segmented Chinese words average about 1.5 characters. (Paragraphs are
#: no yardstick: daniel's gold has a median paragraph of 27 words in English and 82 characters
#: in Chinese, but the papers paragraph differently.)
CHARS_PER_WORD = 1.5


def word_count(text: str) -> int:
    """Words of a line in any script: space-separated words, where a run of characters of a
    script written without spaces (Chinese, Japanese, Thai, Burmese, ...) counts as its
    length divided by :data:`CHARS_PER_WORD` (rounded up). Every rule that judges a line's
    shape by its words uses this, so a Chinese sentence is as long as an English one.

    >>> word_count("Home | News"), word_count("国际新闻"), word_count("他说：这项研究表明吸烟者应该戒烟。")
    (3, 3, 10)
    """
    words = len(text.split())
    if text.isascii():
        return words
    for run in _UNSPACED_RUN.findall(text):
        words += -(-len(run) * 2 // 3) - 1  # ceil(len / 1.5); the run was one word already
    return words


def line_table_python(lines: Sequence[str]) -> LineTable:
    """The reference: which lines hold a non-space character, how many words each has
    (:func:`word_count`), whether it ends like a sentence (terminal punctuation, then optional
    closing quotes or brackets: :func:`ends_sentence`), and its length once stripped."""
    nonblank = [i for i, line in enumerate(lines) if line and not line.isspace()]
    words = [word_count(line) for line in lines]
    ends = [ends_sentence(line) for line in lines]
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

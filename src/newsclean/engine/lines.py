"""Per-line features of a document, computed in one pass: the reference definition in
Python, and a compiled kernel (Cython, ``newsclean._compiled.lines``) built by
``pip install .`` where a C compiler is present.

Both give the same tables (a test compares them on generated and real texts); the compiled
kernel is used unless it is missing or ``NEWSCLEAN_REFERENCE=1`` asks for the reference.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections.abc import Callable, Sequence
from itertools import repeat

__all__ = [
    "LineTable",
    "line_table",
    "line_table_python",
    "distinct_line_keys_python",
    "document_slots",
    "document_slots_python",
    "line_slot",
    "MAX_KEY_CHARS",
    "COMPILED",
]

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


def line_table(lines: Sequence[str], reference: bool = False) -> LineTable:
    if _compiled is not None and not reference:
        return _compiled(lines)
    return line_table_python(lines)


# --- the distinct line keys of a document (corpus mode's per-line cost) ----------------------

#: What a line key is trimmed of, and the whitespace run collapsed to one space in a key with
#: double spaces, tabs or no-break spaces: :func:`newsclean.document.line_key` reads these.
KEY_STRIP = " \t\r\f\v\u00a0\u200b\ufeff-–—•·*|:>›»«‹<…."
SPACE_RUN = re.compile(r"\s+")


def collapse_spaces(key: str) -> str:
    """``key`` with each run of white space made one space (what :func:`line_key` does to a
    key with two spaces, a tab or a no-break space in it)."""
    return SPACE_RUN.sub(" ", key)


def distinct_line_keys_python(text: str) -> set[str]:
    """The reference: the set of :func:`~newsclean.document.line_key` of the lines of a text,
    blank keys left out. The text is case-folded once (folding is per character and never
    makes or strips a trimmed character or a space, so the order does not matter), and the
    lines are stripped in one ``map``."""
    folded = text.lower() if text.isascii() else text.casefold()  # the same on ASCII, and faster
    keys = set(map(str.strip, folded.split("\n"), repeat(KEY_STRIP)))
    keys.discard("")
    if "  " in folded or "\t" in folded or "\u00a0" in folded:
        keys = {collapse_spaces(k) if ("  " in k or "\t" in k or "\u00a0" in k) else k for k in keys}
    return keys


#: Keys up to this long are counted as they are; longer ones by their slot (memory).
MAX_KEY_CHARS = 64


def line_slot(key: str) -> str:
    """What corpus mode counts and looks a line key up by: the key itself when it is short,
    else a space (which no key starts with), its CRC-32 and its length. Stable across
    processes and runs, so counts from several workers or tasks merge. Two long lines may
    share a slot (about one pair in 4 billion): their counts then add up, and a lookup
    compares the key text the profile keeps, so no line is ever removed for another's count.

    >>> line_slot("download the app")
    'download the app'
    >>> line_slot("x" * 100)
    ' 0x5e0e5d8f000064'
    """
    if len(key) <= MAX_KEY_CHARS:
        return key
    return " " + hex(zlib.crc32(key.encode("utf-8")) << 24 | len(key))


def document_slots_python(text: str) -> tuple[set[str], dict[str, str]]:
    """The reference: the distinct keys of a text's lines (:func:`distinct_line_keys_python`),
    split by length: the short keys (their own slot), and slot -> key for the long ones."""
    keys = distinct_line_keys_python(text)
    if max(map(len, keys), default=0) <= MAX_KEY_CHARS:
        return keys, {}
    long = {line_slot(k): k for k in keys if len(k) > MAX_KEY_CHARS}
    keys.difference_update(long.values())
    return keys, long


@functools.cache
def simple_fold_table() -> bytes:
    """Byte ``c`` is 1 when ``chr(c).casefold()`` is one character and the same as
    ``chr(c).lower()``: then the kernel may fold ``c`` by its simple lowercase mapping. Derived
    from this Python's own Unicode database once per process (a few tens of milliseconds, on
    the first profile build), so kernel and reference never disagree on a Unicode version."""
    out = bytearray(0x10000)
    for code in range(0x80, 0x10000):
        char = chr(code)
        folded = char.casefold()
        out[code] = len(folded) == 1 and folded == char.lower()
    return bytes(out)


_compiled_slots: Callable[..., tuple[set[str], dict[str, str]]] | None
try:
    from .._compiled.keys import document_slots as _compiled_slots_kernel
except ImportError:  # no compiler at install time: the reference serves
    _compiled_slots = None
else:
    _compiled_slots = _compiled_slots_kernel


def document_slots(text: str, reference: bool = False) -> tuple[set[str], dict[str, str]]:
    """:func:`document_slots_python`, by the compiled kernel when it is installed: one pass
    over the characters that folds only the lines that are not ASCII and makes the slot of a
    long line in C. This is corpus mode's per-line cost."""
    if _compiled_slots is not None and not reference:
        return _compiled_slots(text, collapse_spaces, zlib.crc32, MAX_KEY_CHARS, simple_fold_table())
    return document_slots_python(text)


#: True when the compiled kernels (the line table and the document slots) are installed.
COMPILED = _compiled is not None and _compiled_slots is not None

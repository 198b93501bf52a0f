"""Line tests on how a line ends (``newsclean.engine.endings``) and NC502's declaration built
on them: every line a pattern ending in one of the suffixes matches passes the test, and every
line NC502's whole-line credit pattern matches is among its candidates."""

from __future__ import annotations

import re
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from newsclean.engine.endings import SPACES, EndsWith, ends_with, fold_like_ignorecase
from newsclean.engine.run import candidates
from newsclean.filters.credits import _ends_in_stamp
from newsclean.phrases import load_phrases
from newsclean.registry import builtin_rules


def test_spaces_are_every_character_backslash_s_matches() -> None:
    r"""``SPACES`` is exactly what ``\s`` matches in a ``str`` pattern, over every code point."""
    space = re.compile(r"\s")
    expected = {chr(c) for c in range(sys.maxunicode + 1) if space.match(chr(c))}
    assert set(SPACES) == expected


def test_folding_equates_what_ignorecase_equates() -> None:
    """Two characters fold to the same string exactly when ``re.IGNORECASE`` matches one with
    the other (for every character whose lower case keeps its length, against a few letters
    the agencies and labels are made of)."""
    letters = "apsikσςμв"
    for c in map(chr, range(0x3000)):
        f = fold_like_ignorecase(c)
        if f is None:
            continue
        for p in letters:
            assert (f == fold_like_ignorecase(p)) == bool(re.fullmatch(re.escape(p), c, re.IGNORECASE)), (c, p)


_SUFFIXES = ("ap", "pa", "Getty Images", "ansa.", "тасс", "σ")
_TRAILING = ")]）."
_END_PIECES = [
    "AP",
    "ap",
    "Ap",
    "pA",
    "ſ",
    "ı",
    "İ",
    "K",
    "Getty ",
    "Images",
    "ımages",
    "ANSA",
    ".",
    ")",
    "]",
    "）",
    " ",
    "\u00a0",
    "\u3000",
    "\x1c",
    "ТАСС",
    "Σ",
    "ς",
    "Jane Doe/",
    "Map",
    "x",
]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_END_PIECES), max_size=8).map("".join), st.sampled_from([None, 10, 40]))
def test_an_ending_test_passes_every_line_the_pattern_matches(line: str, max_chars: int | None) -> None:
    alternation = "|".join(re.escape(s) for s in _SUFFIXES)
    pattern = re.compile(rf"(?:{alternation})[\s{re.escape(_TRAILING)}]*$", re.IGNORECASE)
    test = ends_with(_SUFFIXES, _TRAILING, max_chars)
    if pattern.search(line) and (max_chars is None or len(line) <= max_chars):
        assert test(line)
    if max_chars is not None and len(line) > max_chars:
        assert not test(line)


_DIGIT_PIECES = ["1", "12", "2024", "/", ":", "٣", "15:24", "08/11/2011"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_END_PIECES + _DIGIT_PIECES), max_size=8).map("".join), max_size=12),
    st.sampled_from([None, 10, 40]),
    st.booleans(),
)
def test_an_ending_test_over_many_lines_equals_its_call_per_line(
    lines: list[str], max_chars: int | None, stamps: bool
) -> None:
    """``EndsWith.passing`` (the compiled kernel when installed) accepts exactly the lines its
    call accepts, in order."""
    test = ends_with(_SUFFIXES, _TRAILING, max_chars, _ends_in_stamp if stamps else None)
    assert isinstance(test, EndsWith)
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    expected = [i for i in nonblank if test(lines[i])]
    assert test.passing(lines, nonblank) == expected
    assert test.passing(lines, nonblank, compiled=False) == expected


def test_an_ending_test_with_a_suffix_it_cannot_fold_passes_every_line() -> None:
    test = ends_with(("İ", "ap"), ")", 5)
    assert test("xyz") and not test("longer than five")
    assert not ends_with((), ")")("ap")
    assert ends_with((), ")", None, str.isdigit)("12)")
    assert not ends_with(("ap",), ")", None, lambda stripped: True)("abc)")  # asked of a digit end only
    assert ends_with(("ap",), ")", None, lambda stripped: True)("abc 12)")


_PHOTO_CREDIT = next(r for r in builtin_rules() if r.code == "NC502")

_CREDIT_PIECES = [
    "Photo: ",
    "Foto: ",
    "Fotoğraf: ",
    "Image source, ",
    "Credit: ",
    "© ",
    "(c) ",
    "Copyright ",
    "(",
    "[",
    "（",
    ")",
    "]",
    "）",
    ".",
    " ",
    "AP",
    "ap",
    "AA",
    "pa",
    "PA",
    "Reuters",
    "Getty Images",
    "AFP",
    " via ",
    " | ",
    " / ",
    "/",
    "Jane Doe",
    "Kowalski",
    " photo",
    " images",
    " PHOTO",
    " 08/11/11",
    " 08.11.2011",
    "-15:24",
    " 15:24",
    "ſ",
    "ı",
    "İ",
    "Map",
    "the deal was a swap",
    "x",
    "1",
]


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_CREDIT_PIECES), min_size=1, max_size=7).map("".join))
def test_every_whole_line_credit_is_a_candidate_of_nc502(line: str) -> None:
    """NC502's declaration promises that a line its whole-line pattern matches holds one of its
    patterns or passes its line test; the fast path shows it only those lines."""
    from newsclean.filters.credits import _credit_patterns

    phrases = load_phrases(None)
    whole = _credit_patterns(phrases["photo-credit"])[0]
    looks_at = _PHOTO_CREDIT.looks_at
    assert looks_at is not None and looks_at.patterns is not None and looks_at.line_test is not None
    if len(line) <= 120 and line.strip() and whole.match(line):
        test = looks_at.line_test(phrases)
        assert test(line) or any(p.search(line) for p in looks_at.patterns(phrases)), line
        doc = newsclean.Document("Intro\n" + line)
        assert 1 in candidates(doc, looks_at, phrases), line


def test_short_agencies_at_the_end_are_candidates() -> None:
    """The agencies too short for the literal prefilter: the line test finds them at the end."""
    phrases = load_phrases(None)
    looks_at = _PHOTO_CREDIT.looks_at
    assert looks_at is not None and looks_at.line_test is not None
    test = looks_at.line_test(phrases)
    for line in ("Foto: AA", "(AP)", "Jane Doe/PA.", "AP photo 08/11/11-15:24", "Jane Doe / ap images"):
        assert test(line), line
    for line in ("The deal was signed in 2019", "A long paragraph " * 10 + "AP", "Nothing to see here"):
        assert not test(line), line

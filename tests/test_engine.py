"""The engine's one switch: the fast paths find exactly what the reference path finds.

``NEWSCLEAN_REFERENCE=1`` turns every fast path off: each rule sees every non-blank line
(not only the candidates of what it declared it looks at) and every line question is answered
by testing each line. These tests compare the two on generated texts and on every fixture;
``.ci/run`` also runs the golden cases and the property tests with the switch on, and
``benchmarks/check_identical.py --reference`` compares them on every benchmark text.
"""

from __future__ import annotations

import json
import re
import sys
from itertools import accumulate

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import newsclean
from conftest import FIXTURES
from newsclean.engine import REFERENCE_ENV
from newsclean.engine.literals import required_literals
from newsclean.engine.scanner import LiteralScanner
from newsclean.engine.views import KeptLines
from newsclean.registry import builtin_rules
from test_properties import junky


def _both_ways(text: str, monkeypatch: pytest.MonkeyPatch, config: newsclean.Config | None = None) -> tuple:
    monkeypatch.delenv(REFERENCE_ENV, raising=False)
    fast = newsclean.check(text, config)
    monkeypatch.setenv(REFERENCE_ENV, "1")
    reference = newsclean.check(text, config)
    monkeypatch.delenv(REFERENCE_ENV)
    return fast, reference


def _fixture_texts() -> list[str]:
    texts = [c["input"] for p in sorted((FIXTURES / "cases").glob("*.json")) for c in json.loads(p.read_text())]
    texts += [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.txt"))]
    return [t for t in texts if not t.lstrip().startswith("<")]  # HTML cases are pages


def test_fixtures_find_the_same_both_ways(monkeypatch: pytest.MonkeyPatch) -> None:
    texts = _fixture_texts()
    assert len(texts) > 200
    for text in texts:
        fast, reference = _both_ways(text, monkeypatch)
        assert fast == reference, text[:200]


@settings(max_examples=60, deadline=None)
@given(junky)
def test_generated_texts_find_the_same_both_ways(text: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, reference = _both_ways(text, monkeypatch)
    assert fast == reference


@pytest.mark.parametrize("rule_obj", [r for r in builtin_rules() if r.looks_at is not None], ids=lambda r: r.code)
def test_each_declaring_rule_alone_finds_the_same_both_ways(
    rule_obj: newsclean.Rule, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rule alone: its declaration (what it looks at) must cover every line it reports."""
    config = newsclean.Config(select=(rule_obj.code,))
    for text in _fixture_texts():
        fast, reference = _both_ways(text, monkeypatch, config)
        assert fast == reference, text[:200]


def test_declarations_that_a_literal_screen_got_wrong() -> None:
    """Lines the old hand-written screens skipped, found since the rules only declare what they
    look at (pinned in fixtures/cases too)."""
    text = (
        "The storm hit the coast on Monday and flooded three towns, officials said.\n"
        "Produced by Jane Doe\n"
        "Graphics by Jane Doe\n"
        "Los bomberos en la zona (SOLO PARA USO EDITORIAL) EFE/Juan Pérez\n"
        "sprite-home sprite-search sprite-menu sprite-close\n"
        "Rescue teams worked through the night, and the roads reopened on Tuesday.\n"
    )
    assert [(f.line, f.code) for f in newsclean.check(text)] == [
        (2, "NC701"),
        (3, "NC701"),
        (4, "NC501"),
        (5, "NC102"),
    ]


def test_the_switch_is_read_on_every_call(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsclean.engine.finders import FastFinder, ReferenceFinder

    monkeypatch.setenv(REFERENCE_ENV, "1")
    assert isinstance(newsclean.Document("x").finder, ReferenceFinder)
    monkeypatch.setenv(REFERENCE_ENV, "0")
    assert isinstance(newsclean.Document("x").finder, FastFinder)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["our ", "cookie", "app", "ſupport", "в", "line\n", "  \n", "x"]), max_size=30),
    st.lists(st.sampled_from(["our ", "cookie", "app", "support", "в", "ne\nli"]), min_size=1, max_size=4),
)
def test_hyperscan_scan_equals_find_loops(parts: list[str], literals: list[str]) -> None:
    text = "".join(parts)
    doc = newsclean.Document(text)
    matcher, loops = LiteralScanner(), LiteralScanner(use_hyperscan=False)
    for scanner in (matcher, loops):
        scanner.add(literals)
    got = matcher.lines_by_literal(text, doc.starts, doc.lines)
    assert got == loops.lines_by_literal(text, doc.starts, doc.lines)
    for lit in set(literals):
        expected = tuple(i for i in doc.nonblank if lit in doc.lines[i] or _spans_lines(text, lit, doc, i))
        assert got.get(lit, ()) == expected


def _spans_lines(text: str, lit: str, doc: newsclean.Document, i: int) -> bool:
    """A literal holding a newline starts on line ``i`` when it is found at an offset there."""
    start, end = doc.starts[i], doc.starts[i] + len(doc.lines[i]) + 1
    return any(start <= m.start() < end for m in re.finditer(re.escape(lit), text)) and "\n" in lit


def test_required_literals_are_in_every_match() -> None:
    pattern = re.compile(r"(?:sign up|subscribe) (?:to|for) our newsletter", re.IGNORECASE)
    literals = required_literals(pattern)
    assert literals is not None
    for line in ("Sign up to our newsletter", "SUBSCRIBE FOR OUR NEWSLETTER"):
        assert any(lit in line.lower() for lit in literals)
    assert required_literals(re.compile(r"\d+")) is None  # nothing required: no prefilter


def test_kept_lines_map_back_exactly() -> None:
    doc = newsclean.Document("a\nhidden\nbc\n\nhidden too\nd")
    view = KeptLines.of(doc, {1, 4})
    assert view is not None and view.text == "a\nbc\n\nd"
    for view_offset, char in enumerate(view.text):
        assert doc.text[view.map.to_source(view_offset)] == char
    assert KeptLines.of(doc, set()) is None
    assert KeptLines.of(doc, set(range(len(doc.lines)))) is None


def test_a_view_takes_per_line_values_from_its_origin() -> None:
    """The re-check's document of kept lines reads keys and per-line values from the
    document it was cut from (they depend on a line's text alone): the same values as
    computing them afresh, without computing them again."""
    doc = newsclean.Document("  • Related:  \nhidden\nRead  MORE »\n\nhidden too\nShare")
    calls: list[str] = []

    def build(line: str) -> str:
        calls.append(line)
        return line.upper()

    assert doc.per_line("upper", build) == ["  • RELATED:  ", "HIDDEN", "READ  MORE »", None, "HIDDEN TOO", "SHARE"]
    view = KeptLines.of(doc, {1, 4})
    assert view is not None and view.kept == (0, 2, 3, 5)
    reduced = newsclean.Document(view.text, origin=(doc, view.kept))
    fresh = newsclean.Document(view.text)
    calls.clear()
    assert (
        reduced.per_line("upper", build)
        == fresh.per_line("upper", str.upper)
        == ["  • RELATED:  ", "READ  MORE »", None, "SHARE"]
    )
    assert calls == []
    assert [reduced.key(i) for i in reduced.nonblank] == [fresh.key(i) for i in fresh.nonblank]
    assert reduced.per_line("other", build) == fresh.per_line("other", build)  # not computed there: computed here


_LINE_CHARS = list("ab .!?…。”’»)]\t\u3000\u00a0\u2003x") + ["\u0085", "\x1c"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(_LINE_CHARS), max_size=12), max_size=12))
def test_compiled_line_table_is_the_definition(lines: list[str]) -> None:
    from newsclean.engine.lines import COMPILED, line_table, line_table_python
    from newsclean.filters._lines import ends_sentence

    reference = line_table_python(lines)
    assert line_table(lines) == reference
    assert reference[2] == [ends_sentence(line) for line in lines]
    assert reference[1] == [len(line.split()) for line in lines]
    if not COMPILED:
        pytest.skip("no compiled kernel in this install (no C compiler): the reference served")


_KEY_CHARS = list("aZ ..:-|*<>\t\u00a0\u2009\u3000\u2013\u2026»«•·ßİΣςǅﬁẞ\u0130x") + ["\u0085", "\x0b", "😀"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from([*_KEY_CHARS, "\n"]), max_size=120) | st.text(max_size=120))
def test_compiled_document_slots_are_the_definition(text: str) -> None:
    """Corpus mode's kernel: every line's key (trimmed, whitespace runs collapsed, folded;
    line_key) and every long key's slot, as the reference makes them."""
    from newsclean.document import line_key
    from newsclean.engine.lines import COMPILED, document_slots, document_slots_python, line_slot

    short, long = document_slots_python(text)
    keys = {line_key(line) for line in text.split("\n")} - {""}
    assert short | set(long.values()) == keys
    assert long == {line_slot(k): k for k in keys if line_slot(k) != k}
    assert document_slots(text) == (short, long)
    if not COMPILED:
        pytest.skip("no compiled kernel in this install (no C compiler): the reference served")


_LINE_CHARS = list("aZQz  \t.-|") + ["é", "Σ", "ж", "中", "\u00a0"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet=st.sampled_from(_LINE_CHARS), min_size=40, max_size=90), max_size=6),
    st.sampled_from(["", "x", "é", "ж", "😀"]),
)
def test_compiled_document_slots_on_every_storage_width(lines: list[str], widest: str) -> None:
    """Lines around the long-key length, ASCII or not, folded or already lower case, in a
    text stored 1, 2 or 4 bytes a character (``widest`` sits on a line of its own): the
    kernel's fold loop is specialised per width, and an ASCII key is made from its bytes."""
    from newsclean.engine.lines import document_slots, document_slots_python

    text = "\n".join([*lines, widest])
    assert document_slots(text) == document_slots_python(text)


def test_compiled_document_slots_fold_every_code_point_as_the_reference() -> None:
    """The kernel folds most characters by their simple lowercase (a table derived from
    Python's Unicode database); every code point, alone and among others, must fold as
    ``str.casefold`` does. Lines of 40 code points are long keys: their slots are checked too."""
    from newsclean.engine.lines import document_slots, document_slots_python

    points = [c for c in range(0x110000) if not 0xD800 <= c < 0xE000 and c != 10]
    alone = "\n".join(chr(c) + "Q" for c in points)
    assert document_slots(alone) == document_slots_python(alone)
    runs = "\n".join("Ab  " + "".join(map(chr, points[i : i + 40])) for i in range(0, len(points), 40))
    assert document_slots(runs) == document_slots_python(runs)


def test_the_compiled_kernel_is_built_where_a_compiler_is() -> None:
    """CI installs with gcc present: the kernel must be there (a silently failed build would
    leave every install on the slow path)."""
    import shutil

    from newsclean.engine.lines import COMPILED

    if shutil.which("gcc") or shutil.which("cc"):
        assert COMPILED


@settings(max_examples=100, deadline=None)
@given(junky)
def test_line_table_features_equal_the_per_line_definitions(text: str) -> None:
    from newsclean.filters._lines import text_weights as _text_weights
    from newsclean.filters._lines import weight_if_text as _weight_if_text
    from newsclean.filters.repeats import _features_of, _line_features

    doc = newsclean.Document(text)
    assert _text_weights(doc) == [_weight_if_text(doc.lines[i]) for i in doc.nonblank]
    assert _line_features(doc, 20, 3) == [(i, *_features_of(doc.lines[i], 20, 3)) for i in doc.nonblank]


def test_stub_lines_through_key_literals_equal_the_line_loop() -> None:
    """Whole-line stub patterns are cut into alternatives: those that need a literal are tried
    only on the keys holding one (a scan of the joined keys), the rest searched as one
    pattern. On every fixture text, for every phrase table, that finds exactly the lines that
    testing each key finds."""
    from newsclean.document import Document
    from newsclean.engine.finders import FastFinder, ReferenceFinder, _split_stub_pattern
    from newsclean.phrases import PHRASE_SCHEMA, load_phrases

    phrases = load_phrases(None)
    tables = [phrases[name] for name in sorted(PHRASE_SCHEMA) if "patterns" in PHRASE_SCHEMA[name]]
    assert sum(_split_stub_pattern(ps.patterns) is not None for ps in tables) >= 5  # the path is taken
    fast, reference = FastFinder(), ReferenceFinder()
    tricky = "\n".join(["ſhare", "SHARE", "  •  Share  this:  ", "İmage 3 of 12", "Σχόλια (3)", "ΣΧΌΛΙΑ (3)", ""])
    for text in [*_fixture_texts(), tricky]:
        doc = Document(text, fast)
        for ps in tables:
            for max_chars in (40, 80, 300):
                expected = reference.stub_lines(doc, ps.lines, ps.patterns, max_chars)
                assert fast.stub_lines(doc, ps.lines, ps.patterns, max_chars) == expected, ps.patterns.pattern[:80]


# ---- the compiled per-match loops (newsclean._compiled.scan) and the re-check's views --------

_SCAN_PATTERNS = [
    re.compile(r"\d"),
    re.compile(r"[:|›»>]"),
    re.compile(r"\n(?:[^\S\n]*(?:by|von)(?:[\s:]|$))", re.IGNORECASE),
    re.compile(r"menu\s+\w+|\bshare\b", re.IGNORECASE),
    re.compile(r"(?!)"),
]


def _scan_kernel() -> object:
    try:
        from newsclean._compiled import scan
    except ImportError:
        pytest.skip("no compiled kernel in this install (no C compiler): the reference served")
    return scan


@settings(max_examples=100, deadline=None)
@given(st.one_of(junky, st.text(max_size=200)), st.sampled_from(range(len(_SCAN_PATTERNS))), st.booleans())
def test_compiled_candidates_equal_the_definition(text: str, which: int, odd_only: bool) -> None:
    from itertools import accumulate

    from newsclean.engine.literals import candidates_python

    scan = _scan_kernel()
    lines = text.split("\n")
    offsets = [0, *accumulate(len(line) + 1 for line in lines[:-1])]
    numbers = [10 * i for i in range(len(lines))]
    verify = (lambda j: j % 2 == 1) if odd_only else None
    pattern = _SCAN_PATTERNS[which]
    for body, starts in ((text, offsets), ("\n" + text, offsets)):
        expected = candidates_python(pattern, body, starts, numbers, verify)
        assert scan.candidates(pattern, body, starts, numbers, verify) == expected  # type: ignore[attr-defined]


@settings(max_examples=100, deadline=None)
@given(st.one_of(junky, st.text(max_size=200), st.just("é\n😀x\n\nĀ€\n")))
def test_compiled_byte_offsets_equal_the_split_of_the_encoded_text(text: str) -> None:
    from itertools import accumulate

    from newsclean.engine.scanner import byte_offsets_python

    scan = _scan_kernel()
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: the scanner never gets that far
        return
    lines = text.split("\n")
    starts = [0, *accumulate(len(line) + 1 for line in lines[:-1])]
    assert scan.byte_offsets(text, starts) == byte_offsets_python(data)  # type: ignore[attr-defined]


@settings(max_examples=100, deadline=None)
@given(
    st.one_of(junky, st.text(max_size=200), st.just("12:30\n٣ ›\n\n a|b\n»")),
    st.sampled_from([r"\d", "[:|›»>]", ":", r"[\d:]", "»"]),
)
def test_compiled_class_lines_equal_their_definition_and_the_search(text: str, source: str) -> None:
    """The kernel's lines holding a character of a one-character pattern are its definition's
    and the lines the pattern's search over the whole text finds (what they replace)."""
    from newsclean.engine.finders import class_lines_python, single_class
    from newsclean.engine.literals import candidates_python, multiline

    scan = _scan_kernel()
    pattern = multiline(re.compile(source), False)
    assert pattern is not None
    single = single_class(pattern)
    assert single is not None
    lines = text.split("\n")
    expected = class_lines_python(lines, *single)
    assert scan.class_lines(lines, *single) == expected  # type: ignore[attr-defined]
    starts = [0, *accumulate(len(line) + 1 for line in lines[:-1])]
    assert candidates_python(pattern, text, starts, range(len(lines)), None) == expected


def test_backslash_d_is_what_isdecimal_says_on_every_code_point() -> None:
    r"""``\d`` in a ``str`` pattern matches exactly the characters ``str.isdecimal`` accepts
    (the definition of the class lines, and the kernel's ``Py_UNICODE_ISDECIMAL``)."""
    digit = re.compile(r"\d")
    for c in map(chr, range(sys.maxunicode + 1)):
        assert bool(digit.match(c)) == c.isdecimal(), hex(ord(c))


def test_single_class_refuses_what_it_cannot_answer_exactly() -> None:
    from newsclean.engine.finders import single_class

    for source, flags in [(r":\d", 0), ("[a-z]", 0), ("[^:]", 0), ("\n", 0), (":", re.I), (r"\d", re.A), (r"\w", 0)]:
        assert single_class(re.compile(source, flags)) is None, source
    assert single_class(re.compile(r"[\d›]")) == ("›", True)


@settings(max_examples=50, deadline=None)
@given(st.one_of(junky, st.just("Share this\nΣχόλια (3)\n😀 share 😀 menu\n\nBy Jane")))
def test_the_compiled_match_handler_finds_the_lines_the_python_one_finds(text: str) -> None:
    import newsclean.engine.scanner as scanner_module
    from newsclean.engine.scanner import HAVE_HYPERSCAN

    _scan_kernel()
    if not HAVE_HYPERSCAN:
        pytest.skip("no Hyperscan: the str.find loop serves")
    lowered = text.lower()
    if len(lowered) != len(text):
        return
    doc = newsclean.Document(text)
    scanner = LiteralScanner()
    scanner.add(["share", "menu", "by", "σχόλια", " ", "😀", "(3)"])
    compiled = scanner.lines_by_literal(lowered, doc.starts, doc.lines)
    handler, scanner_module._MatchLines = scanner_module._MatchLines, None
    try:
        in_python = scanner.lines_by_literal(lowered, doc.starts, doc.lines)
    finally:
        scanner_module._MatchLines = handler
    assert compiled == in_python


_VIEW_PATTERNS = [
    re.compile(r"share|menu|related", re.IGNORECASE),
    re.compile(r"\bby\b|photo|credit", re.IGNORECASE),
    re.compile(r"σχόλια|comments", re.IGNORECASE),
]


def _view_documents(
    source: newsclean.Document, hidden: set[int]
) -> tuple[newsclean.Document, newsclean.Document] | None:
    """The re-check's view of ``source`` without the ``hidden`` lines, as a document derived
    from its source and as a fresh document of the same text (``None`` when nothing is hidden)."""
    from newsclean.engine.finders import _FAST

    view = KeptLines.of(source, {i for i in hidden if i < len(source.lines)})
    if view is None:
        return None
    return newsclean.Document(view.text, _FAST, (source, view.kept)), newsclean.Document(view.text, _FAST)


@settings(max_examples=100, deadline=None)
@given(junky, st.sets(st.integers(0, 30), max_size=12))
def test_a_views_literal_indexes_equal_a_scan_of_the_view(text: str, hidden: set[int]) -> None:
    """The re-check's view renumbers its source's literal hits (a literal holds no newline,
    so it lies in one line) instead of scanning again: every line question gets the answer
    a scan of the view gives, and every literal both know has the same hits."""
    from newsclean.engine.finders import _FAST, _key_literal_index, _literal_index, _short_keys
    from newsclean.phrases import load_phrases

    source = newsclean.Document(text, _FAST)
    tables = [load_phrases(None)[name] for name in ("nav-stub", "share-bar", "image-alt-stub")]
    for ps in tables[:1]:  # the source answered before the view exists, as in the re-check
        source.stub_lines(ps.lines, ps.patterns, 80)
    source.search_lines(_VIEW_PATTERNS[0])
    documents = _view_documents(source, hidden)
    if documents is None:
        return
    derived, fresh = documents
    for ps in tables:
        assert derived.stub_lines(ps.lines, ps.patterns, 80) == fresh.stub_lines(ps.lines, ps.patterns, 80)
    for pattern in _VIEW_PATTERNS:
        assert derived.search_lines(pattern) == fresh.search_lines(pattern)
        assert derived.matching_lines(pattern) == fresh.matching_lines(pattern)
    assert _short_keys(derived) == _short_keys(fresh)
    for build in (_literal_index, _key_literal_index):
        got, want = build(derived), build(fresh)
        if got is None or want is None:
            assert got == want
            continue
        for lit in (set(got[0]) | got[1]) & (set(want[0]) | want[1]):
            assert got[0].get(lit, ()) == want[0].get(lit, ()), lit


@settings(max_examples=100, deadline=None)
@given(st.one_of(junky, st.just("  • Related Articles: \nREAD  MORE »\n\tΣΧΌΛΙΑ\u00a0 (3)\nİmage\n" + "x" * 500)))
def test_compiled_short_keys_equal_the_line_keys(text: str) -> None:
    import newsclean.engine.finders as finders

    _scan_kernel()
    compiled = newsclean.Document(text, finders._FAST)
    got = finders._short_keys(compiled)
    kernel, finders._compiled_short_keys = finders._compiled_short_keys, None
    try:
        expected = finders._short_keys(newsclean.Document(text, finders._FAST))
    finally:
        finders._compiled_short_keys = kernel
    assert got == expected
    assert all(compiled.key(i) == newsclean.document.line_key(compiled.lines[i]) for i in got[0])


def test_the_engines_sort_key_is_the_order_of_findings() -> None:
    """``check`` sorts by a key made in C; it must be the dataclass order (every field, in
    order), so that adding a field to ``Finding`` cannot leave the two apart."""
    import dataclasses

    from newsclean.engine.run import FINDING_ORDER
    from newsclean.spans import Finding

    names = tuple(f.name for f in dataclasses.fields(Finding))
    a = Finding(0, 2, "NC1", "x", "m", 1, 1)
    assert FINDING_ORDER(a) == tuple(getattr(a, n) for n in names)


@settings(max_examples=100, deadline=None)
@given(junky, st.sets(st.integers(0, 30), max_size=12), st.booleans())
def test_a_views_candidates_equal_those_of_a_fresh_document(text: str, hidden: set[int], source_first: bool) -> None:
    """Candidates are kept on the document (a stage-2 rule asks once per round) and a view
    takes the lines a line test accepts from its source: for every rule's declaration, the
    same candidates as a fresh document of the view's text, asked once or twice."""
    from newsclean.engine.finders import _FAST
    from newsclean.engine.run import candidates
    from newsclean.phrases import load_phrases

    phrases = load_phrases(None)
    declared = [r.looks_at for r in builtin_rules() if r.looks_at is not None]
    source = newsclean.Document(text, _FAST)
    if source_first:  # as in the re-check: the source answered before the view exists
        for looks_at in declared:
            candidates(source, looks_at, phrases)
    documents = _view_documents(source, hidden)
    if documents is None:
        return
    derived, fresh = documents
    for looks_at in declared:
        want = candidates(fresh, looks_at, phrases)
        assert list(candidates(derived, looks_at, phrases)) == list(want)
        assert list(candidates(derived, looks_at, phrases)) == list(candidates(fresh, looks_at, phrases))


@settings(max_examples=200, deadline=None)
@given(junky, st.integers(0, 14))
def test_nc903s_runs_are_the_runs_of_its_line_test(text: str, max_words: int) -> None:
    """NC903 keeps on the document the maximal runs of short non-sentences and how many lines
    before each position are not running text: the same as testing each line."""
    from newsclean.engine.finders import _FAST
    from newsclean.filters._lines import text_weights
    from newsclean.filters.regions import _sentence, _short_runs, _unweighted_before

    doc = newsclean.Document(text, _FAST)
    weights, nonblank = text_weights(doc), doc.nonblank
    short = [
        not weights[p] and doc.word_counts[i] <= max_words and not _sentence(doc, i) for p, i in enumerate(nonblank)
    ]
    runs = _short_runs(doc, max_words)
    assert [p for a, b in runs for p in range(a, b)] == [p for p, s in enumerate(short) if s]
    assert all(b == len(short) or not short[b] for _, b in runs)  # maximal: ends before a long line
    assert all(a == 0 or not short[a - 1] for a, _ in runs)
    unweighted = _unweighted_before(doc)
    assert unweighted == [sum(1 for w in weights[:p] if not w) for p in range(len(nonblank) + 1)]


def test_identity_caches_answer_as_the_function_does() -> None:
    from newsclean.engine import literals

    calls: list[object] = []

    @literals.by_identity
    def shape(pattern: re.Pattern[str], stripped: bool = False) -> tuple[str, bool]:
        calls.append(pattern)
        return pattern.pattern, stripped

    a = re.compile("ab+c")
    b = re.compile("ab+c", re.I)  # equal source, another object
    assert shape(a) == ("ab+c", False) and shape(a) == ("ab+c", False)
    assert shape(a, True) == ("ab+c", True)
    assert shape(b) == ("ab+c", False)
    assert calls == [a, a, b]  # once per object and further arguments
    for pattern in (re.compile(f"x{n}") for n in range(literals.IDENTITY_CACHE_SIZE + 5)):
        assert shape(pattern) == (pattern.pattern, False)
    assert literals.required_literals(re.compile("hello|world")) == ("hello", "world")
    assert literals.required_literals.__wrapped__(re.compile("hello|world")) == ("hello", "world")


@settings(max_examples=100, deadline=None)
@given(st.one_of(junky, junky.map(lambda t: t.replace("a", "İ", 1))), st.booleans())
def test_a_declarations_patterns_routed_once_find_the_union_of_their_searches(text: str, with_never: bool) -> None:
    """The patterns of a declaration are routed once (``pattern_search``) and their lines
    found together, the literals of all in one lookup: the union of ``search_lines`` of each,
    also for a text that cannot be lowered in place (``İ``) and a pattern with no fast route."""
    from newsclean.engine.finders import _FAST, pattern_search
    from newsclean.phrases import load_phrases

    phrases = load_phrases(None)
    declared = [r.looks_at for r in builtin_rules() if r.looks_at is not None and r.looks_at.patterns is not None]
    extra = (re.compile(r"(?!)"), re.compile(r"(?<=x)y")) if with_never else ()
    for looks_at in declared:
        patterns = (*looks_at.patterns(phrases), *extra)  # type: ignore[misc]
        doc = newsclean.Document(text, _FAST)
        union = set().union(*(doc.search_lines(p) for p in patterns))
        assert set(newsclean.Document(text, _FAST).finder.searched_lines(doc, pattern_search(patterns))) == union
        fresh = newsclean.Document(text, _FAST)
        assert set(fresh.finder.searched_lines(fresh, pattern_search(patterns))) == union


@settings(max_examples=100, deadline=None)
@given(
    st.tuples(
        st.integers(0, 10**6),
        st.integers(0, 10**6),
        st.text(max_size=6),
        st.text(max_size=6),
        st.text(max_size=20),
        st.integers(1, 10**4),
        st.integers(1, 10**4),
        st.text(max_size=4),
    )
)
def test_the_engines_finding_maker_makes_the_dataclass(fields: tuple) -> None:
    import dataclasses

    from newsclean.spans import Finding, new_finding

    made, want = new_finding(*fields), Finding(*fields)
    assert type(made) is Finding
    assert made == want and hash(made) == hash(want) and dataclasses.astuple(made) == dataclasses.astuple(want)
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.start = 3  # type: ignore[misc]


def test_a_context_shown_to_a_rule_is_the_dataclass_replaced() -> None:
    import dataclasses

    from newsclean.phrases import load_phrases
    from newsclean.registry import Context, Removed
    from newsclean.spans import Finding

    ctx = Context({"x": 1}, load_phrases(None))
    earlier = (Finding(0, 2, "NC1", "x", "m", 1, 1),)
    removed = Removed({"NC1": frozenset({0})})
    assert ctx.shown([1, 2]) == dataclasses.replace(ctx, candidates=[1, 2])
    assert ctx.shown([3], earlier, removed) == dataclasses.replace(
        ctx, candidates=[3], earlier=earlier, removed=removed
    )
    assert ctx.candidates == () and ctx.earlier == ()
    with pytest.raises(dataclasses.FrozenInstanceError):
        ctx.shown([1]).candidates = ()  # type: ignore[misc]


def test_stub_lines_kept_on_the_document_are_answered_afresh_each_time() -> None:
    from newsclean.engine.finders import _FAST
    from newsclean.phrases import load_phrases

    ps = load_phrases(None)["nav-stub"]
    doc = newsclean.Document("Menu\nprose line that goes on.\nSkip to content\n", _FAST)
    first = doc.stub_lines(ps.lines, ps.patterns, 80)
    assert first == [0, 2]
    first.append(99)
    assert doc.stub_lines(ps.lines, ps.patterns, 80) == [0, 2]
    assert doc.stub_lines(ps.lines, ps.patterns, 4) == [0]


def test_marker_parts_tried_by_the_literals_a_text_holds_match_as_the_line_loop() -> None:
    """``matching_lines`` tries only the parts of a marker list whose literals the text holds
    (once the scanner knows them all): the lines of a search of each line, with and without
    ``keep``, for the marker lists of every rule that has them."""
    from newsclean.engine.finders import _FAST
    from newsclean.phrases import load_phrases

    phrases = load_phrases(None)
    text = (
        "Please support our journalism today.\nAll rights reserved. No part may be reproduced.\n"
        "Sign up for our newsletter\nWir verwenden Cookies auf dieser Seite.\nPlain prose, nothing else.\n"
        "© 2024 The Company. All rights reserved.\nDonate now to keep us independent\n"
    )
    for name in ("support-appeal", "legal-notice", "newsletter-signup", "cookie-notice", "promo-block"):
        for pattern in (phrases[name].markers, phrases[name].pattern("weak_patterns", re.IGNORECASE)):
            for _ in range(2):  # the first asks the scanner for the literals, the second knows them
                doc = newsclean.Document(text, _FAST)
                slow = [i for i in doc.nonblank if pattern.search(doc.lines[i])]
                assert doc.matching_lines(pattern) == slow, (name, pattern.pattern[:60])
                odd = [i for i in slow if i % 2]
                assert doc.matching_lines(pattern, lambda i: i % 2 == 1) == odd, name

"""The bulk API: clean_many/check_many give exactly what clean/check give one text at a time,
in input order, over one or several processes, reading their input only a bounded way ahead."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import newsclean
from newsclean import CleanResult, check, check_many, clean, clean_many, clean_result

#: Junk fragments mixed with prose, so that the rules actually fire.
FRAGMENTS = [
    "Ministers met on Monday to agree a plan for the coast.",
    "The talks, which began in May, ended without a deal on prices or wages.",
    "Advertisement",
    "Share this article",
    "Related Articles",
    "Al Jazeera",
    "10 hours ago",
    "By Jane Doe",
    "10 Jun, 2025 19:34",
    "Comments",
    "No comments yet...",
    "Photo: Jane Doe/Reuters",
    "Rescue teams in Derna on Monday. Photo: Jane Doe/Reuters",
    "© 2025 Example Media Ltd. All rights reserved.",
    "Sign up for our morning briefing",
    "Zelenskyyâ€™s office said the talks would resume.",
    "Write to [email\u00a0protected] for details.",
    "Kyi\u200bv",
    "Home",
    "World",
    "",
    "   ",
]

texts = st.lists(st.sampled_from(FRAGMENTS), max_size=25).map("\n".join)
corpora = st.lists(texts, max_size=12)
FEW = settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FEW
@given(corpora, st.sampled_from([1, 2]))
def test_clean_many_equals_clean(xs: list[str], workers: int) -> None:
    assert list(clean_many(xs, workers=workers, batch_size=3)) == [clean(x) for x in xs]


@FEW
@given(corpora)
def test_id_text_pairs_keep_their_ids(xs: list[str]) -> None:
    pairs = [(f"doc-{k}", x) for k, x in enumerate(xs)]
    assert list(clean_many(pairs, workers=2, batch_size=2)) == [(i, clean(x)) for i, x in pairs]


def test_with_findings_gives_clean_results() -> None:
    xs = ["Body text here.\nAdvertisement\nMore body text.\n", "Plain sentence.\n", ""]
    got = list(clean_many(xs, workers=2, with_findings=True, batch_size=1))
    assert all(isinstance(r, CleanResult) for r in got)
    assert got == [clean_result(x) for x in xs]
    assert got[0].changed and not got[1].changed
    pairs = list(clean_many([("a", xs[0])], with_findings=True))
    assert pairs == [("a", clean_result(xs[0]))]


@pytest.mark.parametrize("workers", [1, 2])
def test_check_many_equals_check(workers: int) -> None:
    xs = ["\n".join(FRAGMENTS[k:] + FRAGMENTS[:k]) for k in range(0, len(FRAGMENTS), 3)]
    assert list(check_many(xs, workers=workers, batch_size=2)) == [check(x) for x in xs]
    assert list(check_many([("x", xs[0])], workers=workers)) == [("x", check(xs[0]))]


def test_order_is_kept_with_uneven_sizes() -> None:
    # big documents first, so later (small) batches finish first in the pool
    sizes = [400, 1, 250, 3, 0, 120, 2, 600, 1, 50, 5, 300]
    xs = [f"Document {k}.\n" + "\n".join(FRAGMENTS * n) for k, n in enumerate(sizes)]
    pairs = [(k, x) for k, x in enumerate(xs)]
    out = list(clean_many(pairs, workers=2, batch_size=1, max_pending=3))
    assert [k for k, _ in out] == list(range(len(xs)))
    assert [t for _, t in out] == [clean(x) for x in xs]


@pytest.mark.parametrize("workers, batch_size, max_pending", [(1, 4, 1), (2, 1, 1), (2, 3, 2)])
def test_pending_work_is_bounded(workers: int, batch_size: int, max_pending: int) -> None:
    """The input is read at most a few batches ahead of what has been yielded: memory stays
    flat however long the input is."""
    consumed = 0

    def source() -> Iterator[str]:
        nonlocal consumed
        for k in range(200):
            consumed += 1
            yield f"Line {k} of the story.\nAdvertisement\n"

    in_flight = (workers * max_pending if workers > 1 else 0) + 1
    bound = in_flight * batch_size
    most_ahead = 0
    for n, _ in enumerate(clean_many(source(), workers=workers, batch_size=batch_size, max_pending=max_pending), 1):
        most_ahead = max(most_ahead, consumed - n)
        assert consumed - n <= bound, f"read {consumed} items for {n} results"
    assert consumed == 200
    assert most_ahead >= batch_size - 1  # and it does work ahead


@pytest.mark.parametrize("workers", [1, 2])
@pytest.mark.parametrize(
    "bad, message",
    [
        (1, "expect str or (id, str) items, not int"),
        (b"bytes", "not bytes"),
        (("id", 3), "must be str, not int"),
        (("a", "b", "c"), "not tuple"),
        (None, "not NoneType"),
    ],
)
def test_bad_items_raise_type_error(workers: int, bad: object, message: str) -> None:
    with pytest.raises(TypeError, match=message.replace("(", r"\(").replace(")", r"\)")):
        list(clean_many(["Fine text.", bad], workers=workers))  # type: ignore[list-item]
    with pytest.raises(TypeError, match="str"):
        list(check_many([bad], workers=workers))  # type: ignore[list-item]


def test_argument_errors() -> None:
    with pytest.raises(ValueError):
        list(clean_many(["x"], workers=-1))
    with pytest.raises(ValueError):
        list(clean_many(["x"], batch_size=0))


def test_workers_zero_means_all_cores() -> None:
    xs = ["A line.\nAdvertisement\n"] * 5
    assert list(clean_many(xs, workers=0)) == [clean(x) for x in xs]
    assert newsclean.bulk.default_workers() >= 1


# --- the document fast paths behind bulk speed find exactly what a loop over lines finds ---


def test_top_level_alternatives_split_only_at_the_top() -> None:
    from newsclean.engine.literals import top_level_alternatives as _top_level_alternatives

    assert _top_level_alternatives(r"a|b(c|d)|[|]e|\|f") == ["a", "b(c|d)", "[|]e", r"\|f"]
    assert _top_level_alternatives(r"[]|]x|y") == ["[]|]x", "y"]
    assert _top_level_alternatives("(a|b)") is None  # one alternative at the top: nothing to split
    assert _top_level_alternatives("a)|(b") is None


_TRICKY = [
    "ſupport our journalism",
    "KELVIN \u212a",
    "ΣΑΣ",
    "İstanbul",
    "If you enjoyed this article, join us.",
    "Photo: Jane Doe/Reuters",
    "(AFP)",
    "Tags: Ukraine, Russia",
    "Subscribe to our newsletter",
    "Москва, вторник: в город пришла весна.",
    "\u1c80\u1c81 Use of this site constitutes acceptance",
    "Prices delayed at least 15 minutes. Data through ICE.",
    "Follow us on Twitter for more local news",
    "ſource: Getty Images",
    "Rescue teams in Derna. Photo: Jane Doe/Reuterſ",
    "Yıl: ımage by Jane Doe",
]
lines_text = st.lists(st.sampled_from(FRAGMENTS + _TRICKY), max_size=20).map("\n".join)


@settings(max_examples=25, deadline=None)
@given(lines_text)
def test_document_fast_paths_match_line_loops(text: str) -> None:
    from newsclean.document import Document
    from newsclean.phrases import load_phrases

    phrases = load_phrases(None)
    doc = Document(text)
    for name in (
        "support-appeal",
        "legal-notice",
        "wire-photo-caption",
        "caption-credit",
        "comment-policy",
        "nav-stub",
        "share-bar",
        "tag-list",
        "newsletter-signup",
        "photo-credit",
    ):
        ps = phrases[name]
        for pattern in (ps.markers, ps.patterns):
            slow = {i for i in doc.nonblank if pattern.search(doc.lines[i])}
            assert slow <= set(doc.search_lines(pattern)), (name, pattern.pattern[:60])
            assert doc.matching_lines(pattern) == sorted(slow), (name, pattern.pattern[:60])
            short = {i for i in slow if len(doc.lines[i]) <= 30}
            assert doc.matching_lines(pattern, lambda i: len(doc.lines[i]) <= 30) == sorted(short), name
        for max_chars in (40, 80, 300, 500):
            slow_stubs = [i for i in doc.nonblank if len(doc.lines[i]) <= max_chars and ps.matches_key(doc.key(i))]
            assert doc.stub_lines(ps.lines, ps.patterns, max_chars) == slow_stubs, name


_BYLINE_SHAPES = [
    "By Jane Doe",
    "BY JOHN ROE | Reuters",
    "10 Jun, 2025 19:34",
    "Updated 3 hours ago",
    "Yesterday",
    "• Updated: 18 Nov 2019, 19:11",
    "AP-US--Trump-Impeachment, 4th Ld-Writethru",
    "5 min read",
    "Reading time: 4 minutes",
    "(Reporting by Jane Doe; Editing by John Roe)",
    "Al Jazeera14-06-2025",
    "Write to Jane Doe at jane.doe@example.com",
    "Follow her on twitter.com/janedoe",
    "By",
    "Jane Doe",
    "Associated Press writer John Roe contributed to this report.",
    "PUBLISHED: | UPDATED:",
    "Updated",
    "  Last updated:",
    "Published on Monday",
    "Updated: Sat 8:31 PM, Feb 17, 2018",
    "First published on Wed 20 Nov 2019 10.32 GMT",
    "Nov 18, 2019 at 9:24 pm ET • 2 min read",
    "Published Nov 18, 2019 at 4:07 PM | Updated at 5:36 PM CST on Nov 18, 2019",
]


@settings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS + _BYLINE_SHAPES), max_size=20).map("\n".join))
def test_byline_candidates_miss_nothing(text: str) -> None:
    """NC701 is shown only the candidates of what it declared it looks at: the same findings
    as showing it every line (the reference path)."""
    config = newsclean.Config(select=("NC701",))
    fast = newsclean.check(text, config)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("NEWSCLEAN_REFERENCE", "1")
        slow = newsclean.check(text, config)
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("a .!?…\"'”’»)]\t\u00a0。([\u2003x")), max_size=10))
def test_ends_sentence_is_the_sentence_end_pattern(text: str) -> None:
    from newsclean.filters._lines import SENTENCE_END, ends_sentence

    assert ends_sentence(text) == (SENTENCE_END.search(text) is not None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .!?\t\u3000。x")), max_size=260))
def test_text_weight_shortcut_is_the_definition(text: str) -> None:
    from newsclean.filters._lines import is_text, text_weight
    from newsclean.filters._lines import weight_if_text as _weight_if_text

    assert _weight_if_text(text) == (text_weight(text) if is_text(text) else 0)


_RECHECK_SHAPES = [
    "By",
    "By:",
    "Jane Doe",
    "Share on Facebook",
    "Advertisement",
    "Updated",
    "Ministers met on Monday to discuss the budget, officials said.",
]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(_RECHECK_SHAPES + _BYLINE_SHAPES[:6]), max_size=12).map("\n".join))
@example(
    "Storm hits the coast\nBy\nShare on Facebook\nJane Doe\nThe storm made landfall on Tuesday night, officials said.\n"
)
def test_local_byline_rule_needs_no_recheck(text: str) -> None:
    """NC701 is declared local (skipped by the re-check) although a lone "By" reads the next
    line: the findings equal those of a re-check that runs it."""
    import dataclasses

    import newsclean.engine.run as engine_run
    from newsclean.registry import builtin_rules

    fast = newsclean.check(text)
    rule = next(r for r in builtin_rules() if r.code == "NC701")
    try:
        object.__setattr__(rule, "local", False)
        engine_run._plan.cache_clear()
        slow = newsclean.check(text)
    finally:
        object.__setattr__(rule, "local", True)
        engine_run._plan.cache_clear()
    assert dataclasses.is_dataclass(rule) and fast == slow


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abJ.", min_size=1, max_size=4), max_size=8), st.text(alphabet="abJ. ", max_size=30))
def test_word_alternation_matches_like_the_longest_first_list(words: list[str], text: str) -> None:
    import re

    from newsclean.phrases import word_alternation

    tree = re.compile(f"(?:{word_alternation(words)})", re.IGNORECASE)
    listed = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"
    flat = re.compile(f"(?:{listed})", re.IGNORECASE)
    assert [m.span() for m in tree.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_threads_with_different_configs_do_not_mix() -> None:
    """In-process clean_many passes the config to each batch instead of storing it in a
    module global: two threads (Dask's threaded scheduler) used to swap configs mid-run."""
    import threading

    text = "Advertisement\nMinisters met on Monday to discuss the budget.\n"
    configs = (newsclean.Config(), newsclean.Config(ignore=("NC2",)))
    expected = {id(c): newsclean.clean(text, c) for c in configs}
    wrong: list[str] = []
    errors: list[str] = []

    def run(config: newsclean.Config) -> None:
        try:
            for _ in range(20):
                for out in newsclean.clean_many([text] * 10, config, workers=1, batch_size=1):
                    if out != expected[id(config)]:
                        wrong.append(out)
        except Exception as exc:  # a thread's exception is lost unless the test keeps it
            errors.append(repr(exc))

    threads = [threading.Thread(target=run, args=(c,)) for c in configs * 2]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert expected[id(configs[0])] != expected[id(configs[1])]
    assert wrong == []
    assert errors == []


def test_threads_scan_at_once() -> None:
    """The literal scanner is shared by the process: threads scanning at the same moment
    (Dask's threaded scheduler) each need a Hyperscan scratch of their own; one shared scratch
    raised ScratchInUseError in every thread but one."""
    import threading

    text = "Advertisement\nMinisters met on Monday to discuss the budget.\nRelated Articles\nShare on Facebook\n" * 30
    expected = newsclean.clean(text)
    errors: list[str] = []
    wrong: list[str] = []

    def run() -> None:
        try:
            for _ in range(40):
                if newsclean.clean(text) != expected:
                    wrong.append("differs")
        except Exception as exc:
            errors.append(repr(exc))

    threads = [threading.Thread(target=run) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert wrong == []


_CREDIT_PIECES = [
    "Rescue teams in Derna on Monday.",
    " Photo: Jane Doe/Reuters",
    " (AFP)",
    " [Reuters]",
    " © AP",
    " Kathrin Ziegler/Getty",
    "treatedCredit: EPA",
    " photo by, Jane Doe",
    " Image source, Getty Images",
    " the deal was a swap",
    " Getty Images",
    ", ",
    ": ",
    "/",
    ")",
    "].",
    " ",
    "\u00a0",
    "ſource: ",
    "ımage: ",
    "ſ",
    "Credits:",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_CREDIT_PIECES), max_size=6).map("".join))
def test_trailing_credit_screens_miss_nothing(line: str) -> None:
    """NC502 tries each trailing-credit form only on lines its screen passes, and only on the
    lines Document.search_lines returns for the screens: the same start as searching the union."""
    import re

    from newsclean.document import Document
    from newsclean.filters.credits import _credit_patterns, _trailing_credit
    from newsclean.phrases import load_phrases

    _, forms, screens, _ = _credit_patterns(load_phrases(None)["photo-credit"])
    joined = re.compile("|".join(form.pattern for _, form in forms), re.IGNORECASE)
    m = joined.search(line)
    assert _trailing_credit(line, forms) == (m.start() if m else None)
    doc = Document(line)
    if m and line.strip():
        assert any(0 in doc.search_lines(p) for p in screens)


def test_literal_prefilter_folds_letters_that_ignorecase_equates() -> None:
    """re.IGNORECASE matches "s" with "ſ" and "i" with "ı", which str.lower keeps apart."""
    import re

    from newsclean.document import Document

    doc = Document("Intro\n\u017fource: Getty\n\u0131mages of the day\nnothing here")
    pattern = re.compile("sources?|images", re.IGNORECASE)
    assert [i for i in doc.nonblank if pattern.search(doc.lines[i])] == [1, 2]
    assert {1, 2} <= set(doc.search_lines(pattern))
    assert doc.matching_lines(pattern) == [1, 2]
    # Cyrillic "в" and its old form "ᲀ"; a final sigma, which lower-cases by its place
    doc = Document("Intro\n\u1c80се права защищены\nΟΔΟΣ ΚΑΙ ΑΛΛΑ")
    for pattern in (re.compile("все права защищены", re.IGNORECASE), re.compile("οδοσ", re.IGNORECASE)):
        slow = [i for i in doc.nonblank if pattern.search(doc.lines[i])]
        assert slow and set(slow) <= set(doc.search_lines(pattern)), pattern.pattern

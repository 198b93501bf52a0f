"""Navigation and page chrome: skip links, logos, icon-name runs, menus, copyright footers."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from ..document import Document
from ..phrases import PhraseSet
from ..registry import Context, LooksAt, rule
from ..spans import Hit
from ._lines import ends_sentence, matching_stub_lines, notice_start, whole_line_hits, word_count

#: A table cell's figure: a percentage (``33.1%``, ``18,8 %``) or a signed number (``+3``,
#: ``-21.5``, ``−2``) standing as a word of its own (``CA-10`` is a code, not a sign).
_TABLE_FIGURE = re.compile(r"\d\s?%|(?<![\w\-−+])[+\-−±]\d")

_ICON_TOKEN = re.compile(r"icon|svg|sprite|glyph", re.IGNORECASE)
_SKETCH_TITLE = re.compile(r"\bCreated with Sketch\b")


@rule("NC101", "nav-stub", "Navigation stubs such as 'skip to main content', 'logo', 'menu'", local=True)
def nav_stub(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes lines that are only a navigation control: skip links, logo alt text, menu,
    search and account buttons, previous/next links.

    Why: they are the text of page controls, never part of an article.

    Example: ``skip to main content`` and ``logo`` on lines of their own are removed.

    Keeps: the same words inside a sentence ("Search teams found the boat.").
    """
    yield from whole_line_hits(doc, matching_stub_lines(doc, ctx.phrases["nav-stub"]), "navigation stub {line!r}")


@rule(
    "NC102",
    "icon-name-run",
    "Runs of icon names left by SVG sprites ('icon bookmark-bicon cameraicon ...')",
    defaults={"min_icon_tokens": 3, "min_share": 0.3},
    local=True,
    looks_at=LooksAt(patterns=lambda phrases: (_ICON_TOKEN, _SKETCH_TITLE)),
)
def icon_name_run(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes lines made mostly of icon names (``cameraicon``, ``chevron downicon``).

    Why: an SVG sprite's symbol names leak into the text when a scraper reads every node.

    Example: ``icon bookmark-bicon bookmarkicon cameraicon checkicon chevron downicon`` is removed.

    Keeps: lines where icon words are a minority, and any line that ends like a sentence
    ("The app's new icon drew complaints.").
    """
    min_tokens = int(ctx.options["min_icon_tokens"])
    min_share = float(ctx.options["min_share"])
    for i in ctx.candidates:
        line = doc.lines[i]
        if len(_SKETCH_TITLE.findall(line)) >= 2:
            start, end = doc.line_span(i)
            yield Hit(start, end, "run of SVG titles ('Created with Sketch')")
            continue
        tokens = line.split()
        icon_tokens = sum(1 for t in tokens if _ICON_TOKEN.search(t))
        if icon_tokens >= min_tokens and icon_tokens >= min_share * len(tokens) and not ends_sentence(line):
            start, end = doc.line_span(i)
            yield Hit(start, end, f"run of {icon_tokens} icon names")


_COPYRIGHT_OPENING = re.compile(
    r"^\s*(?:©|\(c\)\s*(?=\d{4}|copyright)|copyright\s*(?:©|\(c\))?\s*\d{4})", re.IGNORECASE
)


@lru_cache(maxsize=16)
def _rights_reserved(phrases: PhraseSet) -> re.Pattern[str]:
    """ "All rights reserved" in every loaded language (the ``rights_reserved`` phrase lists)."""
    words = sorted(phrases.extra.get("rights_reserved", ("all rights reserved",)), key=len, reverse=True)
    # a plain list, not a prefix tree: the engine's prefilter then finds each phrase by its text
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")\b", re.IGNORECASE)


@rule(
    "NC103",
    "copyright-footer",
    "Copyright and 'all rights reserved' footer lines",
    defaults={"max_words": 150, "max_words_without_sign": 40},
    local=True,
    looks_at=LooksAt(patterns=lambda phrases: (_COPYRIGHT_OPENING, _rights_reserved(phrases["copyright-footer"]))),
)
def copyright_footer(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes footer lines that state the site's copyright: lines opening with ``©``,
    ``(c) 2025`` or ``Copyright 2025``, and short lines that say "All rights reserved" (in
    any loaded language: "Alle Rechte vorbehalten", "Tous droits réservés", ...).

    Why: page footers (often with the publisher's registered address and terms of use), not
    article text.

    Example: ``© 2025 Example Media Ltd. All rights reserved. Use of this site constitutes
    acceptance of our User Agreement.`` is removed.

    Keeps: sentences about copyright ("Copyright law was reformed in May."), an enumerated
    clause "(c) the minister must approve ...", and lines over ``max_words_without_sign``
    words that merely quote "all rights reserved", and article sentences a dump glued in front
    of the notice on the same line (only the notice's run of short sentences is cut).
    """
    max_words = int(ctx.options["max_words"])
    max_plain = int(ctx.options["max_words_without_sign"])
    rights_reserved = _rights_reserved(ctx.phrases["copyright-footer"])
    lines = doc.lines
    for i in ctx.candidates:
        line = lines[i]
        words = word_count(line)
        if words > max_words:
            continue
        if _COPYRIGHT_OPENING.match(line):
            start, end = doc.line_span(i)
            yield Hit(start, end, "copyright footer")
        elif words <= max_plain and (m := rights_reserved.search(line)):
            # A dump may glue "© 2012 The Associated Press. All rights reserved." to the last
            # paragraph: the article's sentences before the notice stay.
            start, end = doc.line_span(i)
            cut = notice_start(line, m.start())
            if cut:  # the notice ends the line: its newline stays with the article sentence
                start, end = start + len(line[:cut].rstrip()), start + len(line.rstrip())
            yield Hit(start, end, "copyright footer")


def _starts_like_link(text: str) -> bool:
    """Menu entries start with a capital (or are a symbol-free caps word); list items such
    as ingredients ("2 eggs") or lower-case verse lines do not."""
    first = next((ch for ch in text if ch.isalnum()), "")
    return first.isalpha() and (first.isupper() or not first.islower())


@rule(
    "NC104",
    "menu-run",
    "Runs of very short link-like lines: site menus and link lists in full-page dumps",
    defaults={
        "min_run": 5,
        "max_words": 4,
        "max_chars": 32,
        "min_title_share": 0.75,
        "min_one_word_share": 0.67,
        "max_figure_share": 0.2,
    },
)
def menu_run(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes runs of at least five consecutive very short lines (four words or fewer, no
    sentence ending), the shape of a site menu or a list of section links.

    Why: a page dumped to text starts and ends with menus ("Home", "World", "Politics", ...).

    Example: ``Home / News / Sport / Business / Culture`` on five lines is removed.

    Keeps: shorter runs (a headline, a dateline and a byline stay; ad labels in a run do not
    count towards its length: an article's own short list between "Advertisement" lines
    stays), a list introduced by a line
    ending in a colon ("The nominees are:"), any line with a sentence ending, and lists whose
    entries go on in lower case ("Optical heart sensor", "Drink during your workout"): menus
    are written in Title Case, product features and list items are not (measured: feature
    lists of a deals page and a meal plan were lost without this). Russian, Polish or Greek
    menus are written in sentence case ("Новости компаний"), so a run of which two thirds of
    the entries are one word ("Политика", "Общество", ...) is a menu whatever the case of
    its longer entries: feature lists are phrases, not single words. And a table of the
    article flattened into one cell a line (``Phoenix 33.1%``, ``Obama +3``): when at least
    ``max_figure_share`` of the entries hold a percentage or a signed number, the run is data,
    not links (measured on dragnet dumps: election and housing tables lost; menus hold neither).
    """
    min_run = int(ctx.options["min_run"])
    max_figure_share = float(ctx.options["max_figure_share"])
    min_title_share = float(ctx.options["min_title_share"])
    min_one_word_share = float(ctx.options["min_one_word_share"])
    max_words = int(ctx.options["max_words"])
    max_chars = int(ctx.options["max_chars"])
    lines = doc.lines
    run: list[int] = []
    introduced = False

    def _title_case_share(block: list[int]) -> float:
        inner = [w for i in block for w in lines[i].split()[1:] if w[:1].isalpha()]
        return 1.0 if not inner else sum(1 for w in inner if w[:1].isupper()) / len(inner)

    # Ad labels stand between the entries of a menu and of an article's own list alike: they
    # are removed by NC205 and do not make a short list long enough to be a menu.
    ad_labels = ctx.phrases["advertisement-label"].lines

    def _one_word_share(block: list[int]) -> float:
        return sum(1 for i in block if words[i] == 1) / len(block)

    def entries(block: list[int]) -> int:
        return sum(1 for i in block if doc.key(i) not in ad_labels)

    def _figure_share(block: list[int]) -> float:
        return sum(1 for i in block if _TABLE_FIGURE.search(lines[i])) / len(block)

    def flush() -> Iterator[Hit]:
        if (
            len(run) >= min_run
            and entries(run) >= min_run
            and not introduced
            and (_title_case_share(run) >= min_title_share or _one_word_share(run) >= min_one_word_share)
            and _figure_share(run) < max_figure_share
        ):
            start, end = doc.block_span(run[0], run[-1])
            yield Hit(start, end, f"menu of {len(run)} short link-like lines")

    previous = None
    words, chars, ends = doc.word_counts, doc.stripped_lengths, doc.sentence_ends
    for i in doc.nonblank:
        short = chars[i] <= max_chars and words[i] <= max_words and not ends[i] and _starts_like_link(lines[i])
        if short:
            if not run:
                introduced = previous is not None and lines[previous].rstrip().endswith(":")
            run.append(i)
        else:
            yield from flush()
            run = []
        previous = i
    yield from flush()


#: Punctuation of running text, Burmese (။ ၊), Devanagari (। ॥), Armenian (։) and Ethiopic (። ፣) included.
_SENTENCE_MARKS = re.compile(r"[.,;:!?()\"“”。、，！？။၊।॥։።፣]")


#: An index of letters has at least this many one-letter entries.
_MIN_INDEX_LETTERS = 10
_INDEX_PUNCTUATION = "|·•-–,/"


def _letter_index(line: str) -> bool:
    """A line of single letters, with at most a label or a year besides them: an A-Z index
    ("Ελληνικά: Α Β Γ Δ Ε Ζ Η ...", "A | B | C | ..."), an archive's month initials ("2012 J F
    M A M J J A S O N"). Ten letters or more of an alphabet with case (Chinese printed a
    character a word is text), four in five of the line's entries."""
    entries = [w.strip(_INDEX_PUNCTUATION) for w in line.split()]
    entries = [w for w in entries if w]
    # letters of an alphabet with case: a Chinese text printed a character a word is no index
    letters = sum(1 for w in entries if len(w) == 1 and w.lower() != w.upper())
    return letters >= _MIN_INDEX_LETTERS and 5 * letters >= 4 * len(entries)


@rule(
    "NC105",
    "flattened-menu",
    "Menus, archive lists and tag clouds flattened into one long line without punctuation",
    defaults={"min_words": 20, "max_function_word_share": 0.1, "max_uncased_entry": 4.5},
    local=True,
)
def flattened_menu(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a line of at least ``min_words`` words with no punctuation at all and almost
    no short lower-case words (the "a", "to", "in", "de", "и" that running text is full of):
    a menu, an archive list or a tag cloud whose entries lost their line breaks.

    Why: page navigation read as one line. Measured on the Scrapinghub gold: article lines
    of 15+ words without punctuation exist (resiliparse drops final stops), but a third of
    their words are short function words; menus and tag clouds have almost none.

    Example: ``Archives Select Month October 2019 September 2019 ...`` and ``Afghanistan
    Barack Obama Bekam Buku Iman Caleg ...`` are removed.

    Also an index of letters, punctuated or not: ``A B C D E F ... Z``, ``Ελληνικά: Α Β Γ Δ
    ...``, an archive's month initials ``2012 J F M A M J J A S O N`` (ten one-letter entries
    or more, four in five of the line's).

    Keeps: any line with punctuation (Burmese and Devanagari marks included), shorter lines
    (long headlines), unpunctuated prose, and lines mostly in scripts without case (Thai,
    Burmese, Chinese), where function words cannot be told by case, unless their entries are
    as short as menu entries (``max_uncased_entry`` characters on average).
    """
    min_words = int(ctx.options["min_words"])
    max_share = float(ctx.options["max_function_word_share"])
    max_uncased_entry = float(ctx.options["max_uncased_entry"])
    for i in doc.nonblank:
        line = doc.lines[i]
        words_here = doc.word_counts[i]
        # perf: an index of letters has about two characters a word
        if words_here >= _MIN_INDEX_LETTERS and doc.stripped_lengths[i] <= 3 * words_here + 20 and _letter_index(line):
            start, end = doc.line_span(i)
            yield Hit(start, end, f"index of letters {line.strip()[:30]!r}")
            continue
        # (the table's word count is at least the number of space-separated words)
        if len(line) < 60 or doc.word_counts[i] < min_words or _SENTENCE_MARKS.search(line):
            continue
        words = line.split()
        if len(words) < min_words:
            continue
        # Function words are told by case: in a script without case (Thai, Burmese, CJK) no
        # word is lower-case and prose would read as a menu (measured: a Burmese paragraph).
        # Without case, a menu is told by its short entries ("首页 新闻 财经 体育", two to four
        # characters); Thai and Burmese prose puts spaces between phrases of many letters.
        cased = sum(1 for w in words if w.lower() != w.upper())
        if cased * 2 < len(words):
            if sum(map(len, words)) > max_uncased_entry * len(words):
                continue
            start, end = doc.line_span(i)
            yield Hit(start, end, f"flattened menu of {len(words)} short entries")
            continue
        function_words = sum(1 for w in words if len(w) <= 3 and w.isalpha() and w.islower())
        if function_words <= max_share * len(words):
            start, end = doc.line_span(i)
            yield Hit(start, end, f"flattened menu or tag cloud of {len(words)} words")

"""Navigation and page chrome: skip links, logos, icon-name runs, menus, copyright footers."""

from __future__ import annotations

import re
from typing import Iterator

from ..document import Document
from ..registry import Context, rule
from ..spans import Hit
from ._lines import ends_sentence, matching_stub_lines, whole_line_hits, word_count

_ICON_TOKEN = re.compile(r"icon|svg|sprite|glyph", re.IGNORECASE)


@rule("NC101", "nav-stub", "Navigation stubs such as 'skip to main content', 'logo', 'menu'")
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
    for i in doc.nonblank:
        line = doc.lines[i]
        if "icon" not in line.lower() and "svg" not in line.lower():
            continue
        tokens = line.split()
        icon_tokens = sum(1 for t in tokens if _ICON_TOKEN.search(t))
        if icon_tokens >= min_tokens and icon_tokens >= min_share * len(tokens) and not ends_sentence(line):
            start, end = doc.line_span(i)
            yield Hit(start, end, f"run of {icon_tokens} icon names")


_COPYRIGHT = re.compile(
    r"^\s*(?:(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\b.{0,120}|.{0,120}\ball rights reserved\b.{0,60})\s*$",
    re.IGNORECASE,
)


@rule("NC103", "copyright-footer", "Copyright and 'all rights reserved' footer lines")
def copyright_footer(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes short footer lines that state the site's copyright.

    Why: page footers, not article text.

    Example: ``© 2025 Example Media Ltd. All rights reserved.`` is removed.

    Keeps: sentences about copyright ("The copyright lawsuit was filed in May."), which neither
    start with a copyright sign or word plus year nor say "all rights reserved".
    """
    lines = doc.lines
    for i in doc.nonblank:
        line = lines[i]
        if len(line) > 200 or word_count(line) > 25:
            continue
        low = line.lstrip()[:12].lower()
        if not (low.startswith(("©", "(c)", "copyright")) or "rights reserved" in line.lower()):
            continue
        if _COPYRIGHT.match(line):
            if low.startswith("copyright") and not re.match(r"\s*copyright\s*(?:©|\(c\))?\s*\d{4}", line, re.I):
                if "rights reserved" not in line.lower():
                    continue
            start, end = doc.line_span(i)
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
    defaults={"min_run": 5, "max_words": 4, "max_chars": 32},
)
def menu_run(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes runs of at least five consecutive very short lines (four words or fewer, no
    sentence ending), the shape of a site menu or a list of section links.

    Why: a page dumped to text starts and ends with menus ("Home", "World", "Politics", ...).

    Example: ``Home / News / Sport / Business / Culture`` on five lines is removed.

    Keeps: shorter runs (a headline, a dateline and a byline stay), a list introduced by a line
    ending in a colon ("The nominees are:"), and any line with a sentence ending.
    """
    min_run = int(ctx.options["min_run"])
    max_words = int(ctx.options["max_words"])
    max_chars = int(ctx.options["max_chars"])
    lines = doc.lines
    run: list[int] = []
    introduced = False

    def flush() -> Iterator[Hit]:
        if len(run) >= min_run and not introduced:
            start, end = doc.block_span(run[0], run[-1])
            yield Hit(start, end, f"menu of {len(run)} short link-like lines")

    prev_line = ""
    for i in doc.nonblank:
        text = lines[i].strip()
        short = (
            len(text) <= max_chars
            and word_count(text) <= max_words
            and not ends_sentence(text)
            and _starts_like_link(text)
        )
        if short:
            if not run:
                introduced = prev_line.endswith(":")
            run.append(i)
        else:
            yield from flush()
            run = []
        prev_line = text
    yield from flush()


_SENTENCE_MARKS = re.compile(r"[.,;:!?()\"“”]")


@rule(
    "NC105",
    "flattened-menu",
    "A site menu flattened into one long line of capitalised words without punctuation",
    defaults={"min_words": 15, "min_capitalised_share": 0.8},
)
def flattened_menu(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a line of at least ``min_words`` words with no punctuation at all, most of
    them capitalised: a menu whose entries lost their line breaks.

    Why: the navigation bar of the page, read as one line.

    Example: ``Homepage Rankings and Research Companies Channelcast Marketing Matters CRNtv
    Events Jobs News Partner Programs Security Cloud Storage`` is removed.

    Keeps: headlines (shorter, or with a comma, colon or quote) and any line with sentence
    punctuation.
    """
    min_words = int(ctx.options["min_words"])
    share = float(ctx.options["min_capitalised_share"])
    for i in doc.nonblank:
        line = doc.lines[i]
        if len(line) > 600:
            continue
        words = line.split()
        if len(words) < min_words or _SENTENCE_MARKS.search(line):
            continue
        capitalised = sum(1 for w in words if w[:1].isupper() or w[:1].isdigit())
        if capitalised >= share * len(words):
            start, end = doc.line_span(i)
            yield Hit(start, end, f"flattened menu of {len(words)} words")

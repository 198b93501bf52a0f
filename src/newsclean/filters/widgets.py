"""Widget stubs: share bars, advertisement labels, cookie notices, tag lists."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..registry import Context, LooksAt, rule
from ..spans import Hit
from ._lines import (
    is_reported_speech,
    matching_stub_lines,
    notice_start,
    reads_as_paragraph,
    whole_line_hits,
    word_count,
)


@rule("NC204", "share-bar", "Share bars and social buttons ('Share', 'Facebook Twitter Email')", local=True)
def share_bar(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes the text of share buttons: ``Share this article``, ``Facebook Twitter LinkedIn
    Email``, ``Copy link``.

    Why: button labels, not article text.

    Example: ``Share on Facebook`` and ``Twitter · LinkedIn · Email`` lines are removed.

    Keeps: sentences naming social networks ("She posted the video on Facebook and Twitter.").
    """
    hits = matching_stub_lines(doc, ctx.phrases["share-bar"], max_chars=120)
    yield from whole_line_hits(doc, hits, "share bar {line!r}")


@rule("NC205", "advertisement-label", "'Advertisement' labels and 'story continues below' markers", local=True)
def advertisement_label(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes advertisement labels and the markers around ad slots: ``Advertisement``,
    ``Sponsored``, ``Story continues below advertisement``.

    Why: the label of an empty ad slot, left in the text.

    Example: ``ADVERTISEMENT`` on its own line is removed.

    Keeps: sentences about advertising ("Advertisement spending fell 4% in May.").
    """
    hits = matching_stub_lines(doc, ctx.phrases["advertisement-label"], max_chars=120)
    yield from whole_line_hits(doc, hits, "advertisement label {line!r}")


@rule(
    "NC206",
    "cookie-notice",
    "Cookie consent notices and their buttons",
    defaults={"max_words": 160},
    local=True,
    looks_at=LooksAt(
        stub_tables=("cookie-notice",),
        patterns=lambda phrases: (phrases["cookie-notice"].pattern("weak_patterns", re.IGNORECASE),),
    ),
)
def cookie_notice(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes cookie-consent banners: ``We use cookies to improve your experience...``,
    ``Accept all cookies``, ``Manage preferences``.

    Why: a consent form, not the article.

    Example: ``This website uses cookies. By continuing to use this site you agree to our use
    of cookies.`` is removed.

    Keeps: reporting about cookies, which does not speak as the site ("we use cookies",
    "this site uses cookies") and is not a consent button.
    """
    phrases = ctx.phrases["cookie-notice"]
    consent = phrases.pattern("weak_patterns", re.IGNORECASE)
    max_words = int(ctx.options["max_words"])
    found = set(matching_stub_lines(doc, phrases, max_chars=80))
    for i in ctx.candidates:
        line = doc.lines[i]
        if i not in found and "ookie" in line and word_count(line) <= max_words and consent.search(line):
            # A banner never attributes speech; a privacy story quoting one does.
            if not is_reported_speech(line, ctx.phrases["reported-speech"]):
                found.add(i)
    yield from whole_line_hits(doc, sorted(found), "cookie notice {line!r}")


#: "Tags Alexandria Ocasio-Cortez Ilhan Omar": the label, then at least two capitalised terms.
_TAGS_WITHOUT_COLON = re.compile(r"^\s*(?:Tags|TAGS|Hashtags|Topics|TOPICS)\s+(?:[A-Z#][\w'’.-]*\s+){1,}\S")


@rule("NC207", "tag-list", "Tag and topic lists ('Hashtags', 'Tags: a, b, c')", local=True)
def tag_list(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes tag and topic lists: ``Hashtags``, ``Topics``, ``Tags: Russia, Ukraine, War``.

    Why: the site's index terms, not the article.

    Example: ``Tags: Ukraine, Russia, prisoners`` is removed.

    Keeps: lines that end like a sentence, even when they start with "Topics:" -- those are
    usually an article's own list ("Topics: the budget, health and defence were discussed.").
    """
    phrases = ctx.phrases["tag-list"]
    lines = doc.lines
    listed = doc.stub_lines(phrases.lines, phrases.patterns, 240)
    labelled = [i for i in doc.search_lines(_TAGS_WITHOUT_COLON) if _TAGS_WITHOUT_COLON.match(lines[i])]
    hits = sorted(i for i in {*listed, *labelled} if len(lines[i]) <= 240 and not doc.sentence_ends[i])
    yield from whole_line_hits(doc, hits, "tag list {line!r}")


@rule(
    "NC208",
    "legal-notice",
    "Site fine print: terms-of-use acceptance, delayed-quotes notices, affiliate disclosures",
    defaults={"max_words": 150},
    local=True,
)
def legal_notice(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes the site's fine print: ``Use of this site constitutes acceptance of our User
    Agreement``, ``Quotes delayed at least 15 minutes``, ``We may earn a commission``,
    ``By registering you agree to the Terms of Use``.

    Why: legal boilerplate of the page, repeated on every article.

    Example: ``Quotes delayed at least 15 minutes. Market data provided by ICE.`` is removed.

    Keeps: reporting that mentions terms of use or trademarks: a generic legal phrase must
    appear at least twice in a line (one strong phrase suffices) that is no paragraph of
    prose (two sentences, over 40 words), lines longer than ``max_words`` are never removed,
    and article prose that a dump glued in front of a notice on the same line stays: only the
    notice's run of short sentences is cut.
    """
    phrases = ctx.phrases["legal-notice"]
    weak = phrases.pattern("weak_markers")
    max_words = int(ctx.options["max_words"])
    lines = doc.lines

    def short_enough(i: int) -> bool:
        return len(lines[i]) >= 20 and word_count(lines[i]) <= max_words

    strong = doc.matching_lines(phrases.markers, short_enough)
    # two generic phrases: a line with two weak matches has at least one. A paragraph of prose
    # that names "the terms and conditions" twice is reporting, not a footer (measured on the
    # dragnet dumps: an article about a contract lost its paragraph).
    twice_weak = [
        i
        for i in doc.matching_lines(weak, short_enough)
        if len(weak.findall(lines[i])) >= 2 and not reads_as_paragraph(lines[i])
    ]
    for i in sorted({*strong, *twice_weak}):
        start, end = doc.line_span(i)
        m = phrases.markers.search(lines[i]) if i in strong else None
        cut = notice_start(lines[i], m.start()) if m else 0
        if cut:  # the notice ends the line: its newline stays with the article sentence
            start, end = start + len(lines[i][:cut].rstrip()), start + len(lines[i].rstrip())
        yield Hit(start, end, f"legal notice {lines[i][cut:].strip()[:50]!r}")

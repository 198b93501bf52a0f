"""Corpus mode: lines that stand on most pages of the document's site (needs a profile)."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..registry import Context, rule
from ..spans import Hit
from ._lines import ends_sentence, word_count

#: A line "reads as prose" when it ends like a sentence and is a sentence's length: this many
#: words, or (for scripts written without spaces) this many characters.
PROSE_MIN_WORDS = 6
PROSE_MIN_CHARS = 40


def reads_as_prose(text: str) -> bool:
    """A sentence of running text, in spaced or unspaced scripts.

    >>> reads_as_prose("The minister said the plan would be ready by the spring.")
    True
    >>> reads_as_prose("DOWNLOAD THE APP")
    False
    """
    text = text.strip()
    if not ends_sentence(text):
        return False
    words = word_count(text)
    return words >= PROSE_MIN_WORDS or (words < 3 and len(text) >= PROSE_MIN_CHARS // 2)


def substantial(text: str) -> bool:
    """Long enough to be a headline: three words, or ten characters of an unspaced script."""
    text = text.strip()
    return word_count(text) >= 3 or (len(text) >= 10 and " " not in text)


@rule(
    "NC950",
    "site-template-line",
    "Lines that stand on most pages of the document's site (corpus mode: needs a profile)",
    defaults={"min_share": 0.5, "prose_min_share": 0.9},
)
def site_template_line(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a line that the template profile lists for the document's site: a line on at
    least ``min_share`` of the site's pages (and on the share the profile was built with).

    Why: a site prints its furniture on every page; a line on 41 of a site's 50 pages is
    template in any language, whether or not a phrase list knows it. The profile comes from
    counting the corpus itself (``newsclean profile``, see ``docs/corpus.md``); without a
    profile, or for a site the profile does not know, the rule finds nothing.

    Example: on a site whose every page ends in ``Explore what Daily8 AI can do for you:``,
    that line is removed ("line on 41 of 50 pages of daily8.example").

    Keeps: the document's headline (its first line of three words or more, unless that line
    stands on ``prose_min_share`` of the site's pages: a headline is the page's own); a line
    that reads as prose (a sentence of six words or more) unless it stands on
    ``prose_min_share`` of the pages (quotes and boilerplate paragraphs both repeat, a quote
    only on the pages of one story); and every prose line when all of the document's prose is
    in the profile: that page is a copy of another page, not template.
    """
    template = ctx.template
    if template is None or template.documents == 0:
        return
    min_share = float(ctx.options["min_share"])
    prose_share = float(ctx.options["prose_min_share"])
    lines = doc.lines
    candidates: list[tuple[int, int, float, bool]] = []
    headline_seen = False
    prose_outside = False
    for i in doc.nonblank:
        text = lines[i]
        found = template.get(doc.key(i))
        share = template.share(found) if found is not None else 0.0
        prose = reads_as_prose(text)
        if not headline_seen and substantial(text):
            headline_seen = True
            if share < prose_share:
                continue  # the document's own headline
        if found is None or share < min_share:
            prose_outside |= prose
            continue
        if prose and share < prose_share:
            prose_outside = True  # repeated prose the page keeps (a quote on a story's pages)
            continue
        candidates.append((i, found.count, share, prose))
    for i, count, _share, prose in candidates:
        if prose and not prose_outside:
            continue
        start, end = doc.line_span(i)
        yield Hit(start, end, f"line on {count} of {template.documents} pages of {template.site}")

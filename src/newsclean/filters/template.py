"""Corpus mode: lines that stand on most pages of the document's site (needs a profile)."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..registry import Context, rule
from ..spans import Hit
from ._lines import ends_sentence, word_count

#: A line "reads as prose" when it ends like a sentence and is a sentence's length: this many
#: words, or (for scripts written without spaces: Chinese, Japanese) this many characters.
PROSE_MIN_WORDS = 6
PROSE_MIN_CHARS = 20
#: A line is the page's headline when its title line holds it and it makes up this share of it.
TITLE_SHARE = 0.4
#: Lines longer than this are paragraphs, not titles or breadcrumbs.
MAX_TITLE_CHARS = 300
#: The headline is looked for among this many non-blank lines above the page's first sentence.
HEADLINE_WINDOW = 3


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
    return words >= PROSE_MIN_WORDS or (words < 3 and len(text) >= PROSE_MIN_CHARS)


def substantial(text: str) -> bool:
    """Long enough to be a headline: three words, or ten characters of an unspaced script."""
    text = text.strip()
    return word_count(text) >= 3 or (len(text) >= 10 and " " not in text)


#: Characters that join the items of a menu or a breadcrumb ("Home · World · Sport"); headlines
#: do not use them between words.
_MENU_JOINERS = frozenset("|·•»›")


def _menu_like(text: str) -> bool:
    return any(c in _MENU_JOINERS for c in text)


def _names_page(key: str, own: str) -> bool:
    """The line is the headline that a line of the page's own holds ("headline" in
    "headline - site"), and most of it."""
    return len(key) >= TITLE_SHARE * len(own) and key in own and key != own


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

    Example: on a site whose every page ends in ``Browse the Daily8 archive since 1998``,
    that line is removed ("line on 41 of 50 pages of daily8.example").

    Keeps: the document's headline (its first line of three words or more, unless that line
    stands on ``prose_min_share`` of the site's pages, and a line that the first line, the
    page title of a dump, holds: "Headline" under "Headline - Site"); a line
    that reads as prose (a sentence of six words or more) unless it stands on
    ``prose_min_share`` of the pages (quotes and boilerplate paragraphs both repeat, a quote
    only on the pages of one story); and every prose line and the headline when all of the
    document's prose is in the profile: that page is a copy of another page, not template.
    """
    template = ctx.template
    if template is None or template.documents == 0:
        return
    min_share = float(ctx.options["min_share"])
    prose_share = float(ctx.options["prose_min_share"])
    lines = doc.lines
    nonblank = doc.nonblank
    candidates: list[tuple[int, int, bool]] = []
    own_prose: int | None = None  # position (in nonblank) of the first prose line of the page's own
    for p, i in enumerate(nonblank):
        text = lines[i]
        found = template.get(doc.key(i))
        share = template.share(found) if found is not None else 0.0
        prose = reads_as_prose(text)
        if found is None or share < min_share or (prose and share < prose_share):
            # the page's own text (or repeated prose the page keeps: a quote on a story's pages)
            if prose and own_prose is None:
                own_prose = p
            continue
        candidates.append((i, found.count, prose))
    if not candidates:
        return
    # The headline: the first line of three words or more, unless it stands on nearly every
    # page (a full-page dump opens with the site's menus); and a line that a page-specific line
    # holds (the <title> of a dump, "Headline - Site", or a breadcrumb ending in the headline),
    # since a "latest stories" box elsewhere on the site may repeat the headline on every page.
    first = next((i for i in nonblank if substantial(lines[i])), None)
    flagged = {i for i, _, _ in candidates}
    own_keys = [doc.key(i) for i in nonblank if i not in flagged and len(lines[i]) <= MAX_TITLE_CHARS]
    protected = {
        i
        for i, _, prose in candidates
        if not prose and substantial(lines[i]) and any(_names_page(doc.key(i), own) for own in own_keys)
    }
    # ... and the nearest headed line above the page's first own sentence (the headline, when
    # a date line sits between them): unlike the title, other rules cannot take that away.
    if own_prose is not None:
        for i in reversed(nonblank[max(0, own_prose - HEADLINE_WINDOW) : own_prose]):
            if i in flagged and substantial(lines[i]) and not reads_as_prose(lines[i]) and not _menu_like(lines[i]):
                protected.add(i)
                break
    for i, count, prose in candidates:
        if i in protected or (i == first and (own_prose is None or count < prose_share * template.documents)):
            continue
        if prose and own_prose is None:
            continue  # all of the page's prose is in the profile: a copy of another page
        start, end = doc.line_span(i)
        yield Hit(start, end, f"line on {count} of {template.documents} pages of {template.site}")

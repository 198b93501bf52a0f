"""Second pass over full-page dumps: leftover furniture outside the article's prose region."""

from __future__ import annotations

from typing import Iterator

from ..document import Document
from ..registry import Context, rule
from ..spans import Hit
from ._lines import ends_sentence, is_prose, word_count


def is_text(text: str) -> bool:
    """A line of running text, in any script: a prose line, a sentence of a script written
    without spaces (30 characters or more, few spaces, a sentence ending), or a paragraph long
    enough to be text whatever its ending (25 words, 200 characters)."""
    text = text.strip()
    words = word_count(text)
    if words >= 25 or len(text) >= 200 or is_prose(text):
        return True
    return len(text) >= 30 and len(text) > 12 * words and ends_sentence(text)


def text_weight(text: str) -> int:
    """Words of a text line, counting six characters as a word in scripts without spaces."""
    return max(word_count(text), len(text.strip()) // 6)


def prose_region(doc: Document, penalty: int, removed: "set[int] | frozenset[int]" = frozenset()) -> tuple[int, int] | None:
    """Positions (among the non-blank lines) of the first and last line of the article's
    prose region: the run of lines with the best balance of prose words (each prose line
    scores its word count) against other lines (each costs ``penalty``), as in Finn's
    body-text extraction. ``None`` when the text has no prose line."""
    best, current, start = 0, 0, 0
    found: tuple[int, int] | None = None
    for p, i in enumerate(doc.nonblank):
        text = doc.lines[i]
        if current <= 0:
            current, start = 0, p
        current += text_weight(text) if i not in removed and is_text(text) else -penalty
        if current > best:
            best, found = current, (start, p)
    return found


@rule(
    "NC902",
    "outside-article-run",
    "Runs of short lines outside the article's prose region, walled in by removed junk",
    stage=2,
    defaults={"penalty": 5, "min_wall": 2, "max_summary_words": 60, "ignore_neighbours_from": ["NC0", "NC6"]},
)
def outside_article_run(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a run of consecutive non-prose lines that lies wholly before or wholly after
    the article's prose region and whose nearest non-blank neighbours above and below were
    removed whole by other rules (or are the start or end of the text).

    Why: a full-page dump is menus, link lists and footers around one dense run of
    paragraphs. Once the other rules removed the furniture they recognise, the headlines of
    other stories and bare section names left between two removed blocks, away from the
    article, are the same furniture.

    Example: a removed ``Most popular`` trail, then ``Volker Saw No Harm ...`` /
    ``Beware the Gift Card Scam``, then a removed footer: both headlines are removed.

    Keeps: prose lines, anything inside the prose region, and every run that touches a kept
    line (the headline and standfirst above the article, a table the article introduces).
    """
    skip = tuple(ctx.options["ignore_neighbours_from"])
    flagged = doc.lines_covered((f.start, f.end) for f in ctx.earlier if not f.replacement and not f.code.startswith(skip))
    if not flagged:
        return
    already = doc.lines_covered((f.start, f.end) for f in ctx.earlier if not f.replacement)
    region = prose_region(doc, int(ctx.options["penalty"]), flagged)
    if region is None:
        return
    nonblank = doc.nonblank
    first, last = region
    run: list[int] = []

    # Length of the block of removed lines each removed line belongs to: a wall is a block of
    # at least ``min_wall`` lines (a menu, a trail, a footer), not one line a local rule took
    # out of the article (an affiliate disclaimer between two product descriptions).
    block = [0] * len(nonblank)
    p = 0
    while p < len(nonblank):
        if nonblank[p] not in flagged:
            p += 1
            continue
        q = p
        while q < len(nonblank) and nonblank[q] in flagged:
            q += 1
        block[p:q] = [q - p] * (q - p)
        p = q
    min_wall = int(ctx.options["min_wall"])

    def walled(run: list[int], below: int | None) -> bool:
        above = run[0] - 1
        return (above < 0 or block[above] >= min_wall) and (below is None or block[below] >= min_wall)

    summaries: set[int] = set()
    max_summary = int(ctx.options["max_summary_words"])
    for segment in (range(0, first), range(last + 1, len(nonblank))):
        run: list[int] = []
        texts = 0
        for p in segment:
            i = nonblank[p]
            if i in already:
                if block[p] >= min_wall or nonblank[p] not in flagged:
                    if run and walled(run, p) and _furniture(run, texts):
                        yield from _hits(doc, run)
                    run, texts = [], 0
                continue  # a line removed alone (a date under a teaser) does not end the run
            text = doc.lines[i]
            if is_text(text):
                # A teaser's summary: one paragraph right after a headline-shaped line.
                if run and run[-1] not in summaries and word_count(text) <= max_summary:
                    run.append(p)
                    summaries.add(p)
                    texts += 1
                else:
                    run, texts = [], 0  # a kept paragraph breaks the wall
                continue
            run.append(p)
        if run and segment.stop == len(nonblank) and walled(run, None) and _furniture(run, texts):
            yield from _hits(doc, run)


def _furniture(run: list[int], texts: int) -> bool:
    """A run of stubs, or a list of teasers: three headlines or more, two summaries or more."""
    return texts == 0 or (len(run) - texts >= 3 and texts >= 2)


def _hits(doc: Document, run: list[int]) -> Iterator[Hit]:
    for p in run:
        i = doc.nonblank[p]
        start, end = doc.line_span(i)
        yield Hit(start, end, f"line {doc.lines[i].strip()[:40]!r} outside the article, between removed blocks")

"""Second pass over full-page dumps: leftover furniture outside the article's prose region."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..registry import Context, rule
from ..spans import Hit
from ._lines import ends_sentence, is_text, text_weight, word_count

__all__ = ["is_text", "prose_region", "text_weight"]


def prose_region(
    doc: Document, penalty: int, removed: set[int] | frozenset[int] = frozenset()
) -> tuple[int, int] | None:
    """Positions (among the non-blank lines) of the first and last line of the article's
    prose region: the run of lines with the best balance of prose words (each prose line
    scores its word count) against other lines (each costs ``penalty``), as in Finn's
    body-text extraction. ``None`` when the text has no prose line."""
    best, current, start = 0, 0, 0
    found: tuple[int, int] | None = None
    weights = _text_weights(doc)
    for p, i in enumerate(doc.nonblank):
        if current <= 0:
            current, start = 0, p
        weight = weights[p]
        current += weight if weight and i not in removed else -penalty
        if current > best:
            best, found = current, (start, p)
    return found


def _weight_if_text(line: str) -> int:
    """``text_weight(line) if is_text(line) else 0``, with one strip and one split."""
    text = line.strip()
    words, chars = word_count(text), len(text)
    if words >= 25 or chars >= 200:
        texty = True
    else:
        texty = (words >= 8 or (chars >= 30 and chars > 12 * words)) and ends_sentence(text)
    return max(words, chars // 6) if texty else 0


def _text_weights(doc: Document) -> list[int]:
    """Per non-blank line: its :func:`text_weight` when it :func:`is_text`, else 0 (what
    :func:`_weight_if_text` says, from the document's line table). Kept on the document: this
    stage-2 rule runs once per round over the same lines."""

    def build() -> list[int]:
        out = []
        words_of, chars_of, ends_of = doc.word_counts, doc.stripped_lengths, doc.sentence_ends
        for i in doc.nonblank:
            words, chars = words_of[i], chars_of[i]
            texty = words >= 25 or chars >= 200 or (words >= 8 or (chars >= 30 and chars > 12 * words)) and ends_of[i]
            out.append(max(words, chars // 6) if texty else 0)
        return out

    return doc.memoized("text-weights", build)


@rule(
    "NC902",
    "outside-article-run",
    "Runs of short lines outside the article's prose region, walled in by removed junk",
    stage=2,
    defaults={
        "penalty": 5,
        "min_wall": 2,
        "max_summary_words": 60,
        "headline_lines": 2,
        "start_is_wall": True,
        "ignore_neighbours_from": ["NC0", "NC15", "NC205", "NC6", "NC7"],
    },
)
def outside_article_run(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a run of consecutive lines that lies wholly before or wholly after the
    article's prose region and is walled in: its nearest non-blank neighbours above and below
    belong to blocks of at least ``min_wall`` lines that other rules removed whole (or are the
    start or end of the text; bylines, dates, repeats and ad labels make no wall: an article
    has them between its own paragraphs; nor do the DOM rules' removals on an HTML page,
    whose main content the DOM already chose: measured on the Scrapinghub pages, such walls
    cut the article's own paragraphs, F1 0.967 -> 0.962). The run holds headline-shaped lines, and may hold teasers: a
    headline followed by a one-paragraph summary (at most ``max_summary_words`` words), when
    it has three headlines and two summaries or more (a summary follows a line of 3 to 25
    words without a full stop). A line removed on its own (a time
    stamp under a teaser) does not end a run.

    The prose region is found as in Finn's body-text extraction: the run of non-blank lines
    where text lines (each scoring its words) best outweigh the others (each costing
    ``penalty``, as does every line other rules removed).

    Why: a full-page dump is menus, link lists and footers around one dense run of
    paragraphs. Once the other rules removed the furniture they recognise, the headlines of
    other stories, bare section names and teaser lists left between two removed blocks, away
    from the article, are the same furniture.

    Example: a removed menu, ``Harbour ferry fares to rise in January``, a removed
    ``Search`` / ``Sign in`` block, then the article: the headline is removed; after the
    footer, ``Storm warning issued ...`` / ``Forecasters expect strong winds ...`` /
    ``2h ago`` three times over is removed.

    Keeps: the headline slot (the last run of at most ``headline_lines`` lines above the
    article, with nothing kept in between, even when a share bar cuts it off), anything inside
    the prose region (sub-heads with one paragraph each), every run
    that touches a kept line (the headline and standfirst above the article, a table after
    its last paragraph), runs cut by single removed lines (a product list between ad labels),
    two paragraphs in a row, and any line longer than a summary.
    """
    # The other second-pass rules' findings are left out: they change from round to round,
    # and a line both rules remove must not make each wait for the other (see engine.run).
    flagged = ctx.removed.lines(excluding=("NC9", *ctx.options["ignore_neighbours_from"]))
    if not flagged:
        return
    already = ctx.removed.lines(excluding=("NC9",))
    region = prose_region(doc, int(ctx.options["penalty"]), flagged)
    if region is None:
        return
    nonblank = doc.nonblank
    first, last = region

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

    summaries: set[int] = set()
    max_summary = int(ctx.options["max_summary_words"])
    headline_lines = int(ctx.options["headline_lines"])
    start_is_wall = bool(ctx.options["start_is_wall"])
    for segment in (range(0, first), range(last + 1, len(nonblank))):
        found: list[list[int]] = []
        run: list[int] = []
        texts = 0
        walled_headline = 0  # 1 when the run opens with a summary whose headline is in the wall above
        wall_above = start_is_wall and segment.start == 0  # the article itself is no wall
        for p in segment:
            i = nonblank[p]
            if i in already:
                if block[p] >= min_wall:
                    if run and wall_above and _furniture(run, texts, walled_headline):
                        found.append(run)
                    run, texts, wall_above, walled_headline = [], 0, True, 0
                # A line removed alone (a time stamp under a teaser, an ad label) or by a rule
                # that is no evidence (a byline under the headline, a repeat) is no wall.
                continue
            text = doc.lines[i]
            if _text_weights(doc)[p]:
                # A teaser's summary: one paragraph right after a headline-shaped line, or right
                # after a wall, which may end with its teaser's headline (a trail rule that
                # took the header and the first headline but not its summary).
                # The line above must read as a headline (3 to 25 words, no full stop): after a
                # button ("Like") or a data row ("100 euro - 1025.25 UAH."), a paragraph is the
                # article's (measured on daniel: a Russian rates report lost all its text).
                after_headline = (
                    bool(run) and run[-1] not in summaries and _headline_shaped(doc.lines[nonblank[run[-1]]])
                )
                after_wall = not run and p > 0 and nonblank[p - 1] in already and block[p - 1] >= min_wall
                if (after_headline or after_wall) and word_count(text) <= max_summary:
                    run.append(p)
                    summaries.add(p)
                    texts += 1
                    walled_headline = walled_headline or int(after_wall)
                else:
                    run, texts, wall_above, walled_headline = [], 0, False, 0  # a kept paragraph breaks the wall
                continue
            run.append(p)
        if segment.stop == len(nonblank):
            if run and wall_above and _furniture(run, texts, walled_headline):
                found.append(run)
        elif found and not run and len(found[-1]) <= headline_lines:
            # The headline slot: the last short run above the article, with nothing kept
            # between it and the first paragraph, is the headline (and standfirst) that a
            # share bar or a photo credit cut off from the article.
            found.pop()
        for kept_run in found:
            yield from _hits(doc, kept_run)


def _headline_shaped(text: str) -> bool:
    """Three to 25 words and no sentence ending (a question or a cut-off title may end it)."""
    words = word_count(text)
    return 3 <= words <= 25 and (not ends_sentence(text) or text.rstrip().endswith(("?", "...", "…")))


def _furniture(run: list[int], texts: int, walled_headlines: int = 0) -> bool:
    """A run of stubs, or a list of teasers: three headlines or more (counting one left in
    the wall above), two summaries or more."""
    return texts == 0 or (len(run) - texts + walled_headlines >= 3 and texts >= 2)


def _hits(doc: Document, run: list[int]) -> Iterator[Hit]:
    for p in run:
        i = doc.nonblank[p]
        start, end = doc.line_span(i)
        yield Hit(start, end, f"line {doc.lines[i].strip()[:40]!r} outside the article, between removed blocks")

"""Second pass: short lines stranded between junk are junk too (jusText's neighbour revision)."""

from __future__ import annotations

from collections.abc import Iterator

from ..document import Document
from ..registry import Context, rule
from ..spans import Hit


@rule(
    "NC901",
    "junk-neighbourhood",
    "Short lines stranded between lines that other rules removed",
    stage=2,
    defaults={"max_words": 5, "max_chars": 48, "ignore_neighbours_from": ["NC0", "NC6"]},
)
def junk_neighbourhood(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a short line (at most ``max_words`` words, no sentence ending) whose nearest
    non-blank neighbours above and below were both removed whole by other rules, and a short
    last line that follows removed lines.

    Why: page furniture comes in blocks; a button label or source name nobody listed
    (``Daily8``, ``app-storeplay-store``) is junk when everything around it is junk.

    Example: ``Comments`` / ``Daily8`` / ``No comments yet...``: ``Daily8`` is removed.

    Keeps: anything longer, anything that ends like a sentence, and lines next to a repeat
    (a repeat's first copy, such as the headline, is kept by design): repeats and hygiene
    repairs are not evidence about their neighbours.
    """
    flagged = ctx.removed.lines(excluding=tuple(ctx.options["ignore_neighbours_from"]))
    if not flagged:
        return
    already = ctx.removed.lines()
    max_words, max_chars = int(ctx.options["max_words"]), int(ctx.options["max_chars"])
    nonblank = doc.nonblank
    words, chars, ends = doc.word_counts, doc.stripped_lengths, doc.sentence_ends
    for p, i in enumerate(nonblank):
        if i in already or chars[i] > max_chars or words[i] > max_words or ends[i]:
            continue
        text = doc.lines[i].strip()
        above = nonblank[p - 1] if p > 0 else None
        below = nonblank[p + 1] if p + 1 < len(nonblank) else None
        if above is None or above not in flagged:
            continue
        if below in flagged or (below is None and words[i] <= 3):
            start, end = doc.line_span(i)
            yield Hit(start, end, f"short line {text[:40]!r} between removed lines")

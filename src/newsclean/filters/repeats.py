"""Repeated lines: a headline or caption that the page printed twice."""

from __future__ import annotations

from typing import Iterator

from ..document import Document
from ..registry import Context, rule
from ..spans import Hit


@rule(
    "NC601",
    "repeated-line",
    "Lines repeated verbatim from earlier in the text (headlines, captions printed twice)",
    defaults={"min_words": 3, "min_chars": 20},
)
def repeated_line(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes every later copy of a line that already appeared earlier in the text
    (compared with whitespace collapsed and case folded). The first copy stays.

    Why: pages print the headline in the title bar and the article, a caption under the image
    and in the gallery; a scraper keeps both.

    Example: a caption line followed by the same caption line: the second goes.

    Keeps: the first occurrence, and short lines (fewer than ``min_words`` words or
    ``min_chars`` characters: "Russia, Russia", "Q:", "***"), which repeat legitimately.
    """
    min_words, min_chars = int(ctx.options["min_words"]), int(ctx.options["min_chars"])
    seen: dict[str, int] = {}
    lines = doc.lines
    for i in doc.nonblank:
        line = lines[i]
        if len(line) < min_chars:
            continue
        words = line.split()
        if len(words) < min_words:
            continue
        key = " ".join(words).casefold()
        first = seen.get(key)
        if first is None:
            seen[key] = i
            continue
        start, end = doc.line_span(i)
        yield Hit(start, end, f"repeat of line {first + 1}")

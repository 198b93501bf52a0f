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
    defaults={"min_words": 3, "min_chars": 20, "max_distance": 3},
)
def repeated_line(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a copy of a line that stands at most ``max_distance`` non-blank lines after
    the same line (compared with whitespace collapsed and case folded). The first copy stays.

    Why: pages print the headline twice (title bar and article), a caption under the image
    and again as its alt text; a scraper keeps both, right next to each other.

    Example: a caption line followed by the same caption line: the second goes.

    Keeps: the first occurrence; repeats far apart, which are the article's own (a meal plan
    that lists the same dish on several days, an interview question asked of every guest --
    measured on the Scrapinghub benchmark, where removing distant repeats lost gold text);
    and short lines (fewer than ``min_words`` words or ``min_chars`` characters: "Russia,
    Russia", "Q:", "***").
    """
    min_words, min_chars = int(ctx.options["min_words"]), int(ctx.options["min_chars"])
    max_distance = int(ctx.options["max_distance"])
    seen: dict[str, int] = {}
    lines = doc.lines
    for position, i in enumerate(doc.nonblank):
        line = lines[i]
        if len(line) < min_chars:
            continue
        words = line.split()
        if len(words) < min_words:
            continue
        key = " ".join(words).casefold()
        previous = seen.get(key)
        seen[key] = position
        if previous is None or position - previous > max_distance:
            continue
        start, end = doc.line_span(i)
        yield Hit(start, end, f"repeat of line {doc.nonblank[previous] + 1}")

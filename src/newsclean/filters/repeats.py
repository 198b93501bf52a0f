"""Repeated lines: a headline or caption that the page printed twice."""

from __future__ import annotations

import re
from typing import Iterator

from ..document import Document
from ..registry import Context, rule
from ..spans import Hit


#: Marks of a photo caption: a person's position in the frame, or a weekday with a full date
#: (wire captions date the photo: "..., Tuesday, Nov. 19, 2019, in Buffalo").
_CAPTION_MARK = re.compile(
    r",\s(?:left|right|centre|center|second (?:left|right)|top|bottom|foreground|background),"
    r"|\((?:left|right|centre|center|pictured|L|R|top|bottom)\)"
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\b"
)


@rule(
    "NC601",
    "repeated-line",
    "Lines repeated verbatim from earlier in the text (headlines, captions printed twice)",
    # Stage 2: the distance is counted over the lines that stay, so that cleaning the
    # output again decides the same (idempotence: "A / Advertisement / X / Y / A" must not
    # lose its last A only on the second run, once "Advertisement" is gone).
    stage=2,
    defaults={"min_words": 3, "min_chars": 20, "max_distance": 3},
)
def repeated_line(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a copy of a line that stands at most ``max_distance`` non-blank lines after
    the same line (compared with whitespace collapsed and case folded). The first copy stays.

    Why: pages print the headline twice (title bar and article), a caption under the image
    and again as its alt text; a scraper keeps both, right next to each other.

    Example: a caption line followed by the same caption line: the second goes. A caption
    (marked by ``, left,`` or a weekday and full date) printed again far below goes too.

    Keeps: the first occurrence; repeats far apart, which are the article's own (a meal plan
    that lists the same dish on several days, an interview question asked of every guest --
    measured on the Scrapinghub benchmark, where removing distant repeats lost gold text),
    unless the line reads as a photo caption;
    and short lines (fewer than ``min_words`` words or ``min_chars`` characters: "Russia,
    Russia", "Q:", "***").
    """
    min_words, min_chars = int(ctx.options["min_words"]), int(ctx.options["min_chars"])
    max_distance = int(ctx.options["max_distance"])
    seen: dict[str, tuple[int, int]] = {}
    lines = doc.lines
    removed = doc.lines_covered((f.start, f.end) for f in ctx.earlier if not f.replacement)
    position = -1  # among the lines that stay: not removed by other rules, not repeats
    for i in doc.nonblank:
        if i in removed:
            continue
        position += 1
        line = lines[i]
        if len(line) < min_chars:
            continue
        words = line.split()
        if len(words) < min_words:
            continue
        key = " ".join(words).casefold()
        previous = seen.get(key)
        if previous is None or (position - previous[0] > max_distance and not _CAPTION_MARK.search(line)):
            seen[key] = (position, i)
            continue
        position -= 1  # this copy goes, so it does not count
        start, end = doc.line_span(i)
        yield Hit(start, end, f"repeat of line {previous[1] + 1}")

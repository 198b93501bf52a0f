"""Repeated lines: a headline or caption that the page printed twice."""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Iterator
from dataclasses import replace

from ..document import Document
from ..registry import Context, rule
from ..spans import Finding, Hit, apply
from ._lines import ends_sentence, word_count

#: Marks of a photo caption: a person's position in the frame, or a weekday with a full date
#: (wire captions date the photo: "..., Tuesday, Nov. 19, 2019, in Buffalo").
_CAPTION_MARK = re.compile(
    r",\s(?:left|right|centre|center|second (?:left|right)|top|bottom|foreground|background),"
    r"|\((?:left|right|centre|center|pictured|L|R|top|bottom)\)"
    r"|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}\b"
)


#: The separator between headline and site name in a page title ("Headline - Site", "Headline | Site").
_TITLE_SEP = re.compile(r"\s+(?:-|\||–|—|::|·|•)\s+")


def _page_title(doc: Document, first: int, max_site_words: int) -> str | None:
    """The headline part of ``first`` when that line is the page's <title>: a headline, a
    separator and a short site name ("Disney+ glitches blamed on demand - Los Angeles Times"),
    whose headline part stands again as a whole line further down. ``None`` otherwise."""
    line = doc.lines[first].strip()
    seps = list(_TITLE_SEP.finditer(line))
    if not seps or len(line) > 300:
        return None
    last_seen: dict[str, int] | None = None
    for m in reversed(seps):  # the site name is the shortest tail: "A - B | Site"
        head, site = line[: m.start()], line[m.end() :]
        if word_count(site) > max_site_words or ends_sentence(site) or word_count(head) < 3:
            continue
        if last_seen is None:
            last_seen = _last_line_with_key(doc)
        if last_seen.get(" ".join(head.split()).casefold(), -1) > first:
            return head
    return None


def _last_line_with_key(doc: Document) -> dict[str, int]:
    """Each non-blank line's text (whitespace collapsed, case folded) -> the last line that
    has it; kept on the document, since this stage-2 rule runs once per round."""
    lines = doc.lines
    return doc.memoized("last-line-with-key", lambda: {" ".join(lines[j].split()).casefold(): j for j in doc.nonblank})


@rule(
    "NC601",
    "repeated-line",
    "Lines repeated verbatim from earlier in the text (headlines, captions printed twice)",
    stage=2,
    defaults={"min_words": 3, "min_chars": 20, "max_prose_between": 0, "max_distance": 3, "max_site_words": 6},
)
def repeated_line(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a copy of a line that stands within ``max_distance`` lines of the previous copy
    with no paragraph of the article between them (compared with whitespace collapsed and case
    folded). The first copy stays.

    Why: pages print the headline twice (title bar and article), a caption under the image
    and again as its alt text; a scraper keeps both, with only page furniture between them.

    Example: a caption line followed by the same caption line: the second goes. A caption
    (marked by ``, left,`` or a weekday and full date) printed again far below goes too.

    Keeps: the first occurrence; repeats with article prose between them, which are the
    article's own (a meal plan that lists the same dish on several days, an interview
    question asked of every guest -- measured on the Scrapinghub benchmark, where removing
    distant repeats lost gold text), unless the line reads as a photo caption; and short
    lines (fewer than ``min_words`` words or ``min_chars`` characters: "Russia, Russia",
    "Q:", "***").

    Distance is counted over the lines other rules did not remove (this is a stage-2 rule),
    so removing junk between two copies cannot bring them closer on a second run.

    Also removes the collapsed copy of a caption that a "more" toggle prints right under the
    full caption: a line that is the line before it cut off with ``... more``.

    Also removes the page title that full-page dumps print first: the text's first line when
    it is a headline, a separator and a short site name (``Headline - Los Angeles Times``,
    ``Headline | VentureBeat``) and the headline stands again as a whole line further down.
    A first line whose part before the separator is not repeated is kept.
    """
    min_words, min_chars = int(ctx.options["min_words"]), int(ctx.options["min_chars"])
    max_prose_between = int(ctx.options["max_prose_between"])
    removed: frozenset[int] | set[int] = ctx.removed.lines()
    max_distance = int(ctx.options["max_distance"])
    seen: dict[str, tuple[int, int, int]] = {}
    prose_so_far = 0
    position = 0
    lines = doc.lines
    first = next((i for i in doc.nonblank if i not in removed), None)
    if first is not None and any(sep in lines[first] for sep in " - | – — :: · • ".split()):
        head = _page_title(doc, first, int(ctx.options["max_site_words"]))
        if head is not None:
            start, end = doc.line_span(first)
            yield Hit(start, end, f"page title: headline {head.strip()[:40]!r} with the site name")
            removed = removed | {first}
    # A line another rule shortened (a trailing photo credit cut) is compared as it will read:
    # "...sought treatmentCredit: EPA" is a copy of "...sought treatment" once cut, and a
    # second clean would see that (idempotence).
    trimmed = _trimmed_lines(doc, ctx.earlier, removed)
    previous_key: str | None = None
    for i, counted, prose, key in _line_features(doc, min_chars, min_words):
        if i in removed:
            continue
        if i in trimmed:
            # Compared as it will read, but long enough to compare by its full length: a
            # shorter copy must not escape because a rule also cut something from it (else
            # ignoring that rule would remove more).
            counted, prose, trimmed_key = _features_of(trimmed[i], 0, 0)
            key = trimmed_key if key is not None and trimmed_key else None
        # Short non-sentences (a byline, "Daily8") do not count towards the distance: the
        # junk-neighbourhood pass (NC901, after this rule) may remove them, and the distance
        # must not shrink on a second run (idempotence).
        position += counted
        before, previous_key = previous_key, key
        if key is not None and before is not None and _is_truncated_copy(key, before):
            start, end = doc.line_span(i)
            yield Hit(start, end, "truncated copy of the line before ('... more')")
            position -= counted
            previous_key = before
            continue
        if key is not None:
            previous = seen.get(key)
            if previous is not None:
                prev_position, prev_prose, prev_line = previous
                near = position - prev_position <= max_distance and prose_so_far - prev_prose <= max_prose_between
                if near or _CAPTION_MARK.search(trimmed.get(i, lines[i])):
                    start, end = doc.line_span(i)
                    yield Hit(start, end, f"repeat of line {prev_line + 1}")
                    position -= counted  # a removed copy does not count as a line between others
                    continue
            seen[key] = (position, prose_so_far + prose, i)  # adjacent copies are 0 apart
        prose_so_far += prose


#: The collapsed copy of a caption that a "more"/"less" toggle prints under the full one.
_TRUNCATED = re.compile(r"\s*(?:\.\.\.|…)\s*more$")


def _is_truncated_copy(key: str, before: str) -> bool:
    """``key`` is ``before`` cut off with "... more": "U.S. Defense Secretary Mark Esper,
    left, and ... strengthen the military relations... more" under the full caption."""
    if not key.endswith("more"):
        return False
    m = _TRUNCATED.search(key)
    return m is not None and m.start() >= 20 and before.startswith(key[: m.start()])


def _line_features(doc: Document, min_chars: int, min_words: int) -> list[tuple[int, int, int, str | None]]:
    """Per non-blank line: its number, whether it counts towards the distance, whether it is
    prose, and its comparison key (``None`` for lines too short to compare). Kept on the
    document (perf: this stage-2 rule runs once per round over the same lines)."""
    name = ("repeated-line", min_chars, min_words)

    def build() -> list[tuple[int, int, int, str | None]]:
        features = doc.per_line(name, lambda line: _features_of(line, min_chars, min_words))
        return [(i, *features[i]) for i in doc.nonblank]  # type: ignore[misc]

    return doc.memoized(name, build)


def _features_of(line: str, min_chars: int, min_words: int) -> tuple[int, int, str | None]:
    """Whether ``line`` counts towards the distance, whether it is prose, and its key."""
    words = line.split()
    n = len(words)
    key = " ".join(words).casefold() if len(line) >= min_chars and n >= min_words else None
    # Short furniture: five words or fewer, 48 characters or fewer, no sentence ending (the
    # shape junk-neighbourhood, NC901, may remove). Prose: 8+ words and a sentence ending.
    furniture_shaped = n <= 5 and len(line.strip()) <= 48
    ends = ends_sentence(line) if furniture_shaped or n >= 8 else False
    return int(not (furniture_shaped and not ends)), int(n >= 8 and ends), key


def _trimmed_lines(doc: Document, earlier: tuple[Finding, ...], removed: Collection[int]) -> dict[int, str]:
    """Lines that earlier removals shorten without removing them, as they will read."""
    cuts: dict[int, list[Finding]] = {}
    starts, lines = doc.starts, doc.lines
    for f in earlier:
        if f.replacement or f.end <= f.start:
            continue
        i = bisect.bisect_right(starts, f.start) - 1
        if i in removed or f.end > starts[i] + len(lines[i]):
            continue  # a whole-line removal, or one that runs past this line
        cuts.setdefault(i, []).append(replace(f, start=f.start - starts[i], end=f.end - starts[i]))
    return {i: apply(lines[i], found) for i, found in cuts.items()}

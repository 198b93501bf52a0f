"""Comment sections: stubs such as 'Comments' / 'No comments yet', and commenting-policy notices."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from ..document import Document
from ..phrases import PhraseSet
from ..registry import Context, rule
from ..spans import Hit
from ._lines import matching_stub_lines, whole_line_hits, word_count


@rule("NC301", "comment-stub", "Comment-section stubs ('Comments', 'No comments yet...', '12 comments')")
def comment_stub(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes the furniture of a comment section: ``Comments``, ``No comments yet...``,
    ``Leave a reply``, ``12 comments``, ``Be the first to comment``.

    Why: the empty shell of a comment widget, not the article.

    Example: ``Comments`` then ``No comments yet...`` are removed.

    Keeps: an article *about* comment sections: its sentences are not whole-line stubs.
    """
    hits = matching_stub_lines(doc, ctx.phrases["comment-stub"], max_chars=80)
    yield from whole_line_hits(doc, hits, "comment stub {line!r}")


@lru_cache(maxsize=32)
def _address_pattern(phrases: PhraseSet) -> re.Pattern[str]:
    patterns = phrases.extra.get("address_patterns", ())
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)")


@rule(
    "NC302",
    "comment-policy",
    "Notices to readers about commenting rules or systems",
    defaults={"max_words": 120},
)
def comment_policy(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes notices that address the reader about commenting: ``Dear readers! ... we have
    switched to a new commenting system. To leave comments, you will need ...``.

    Why: site housekeeping about the comment widget.

    Example: a line opening "Dear readers!" that mentions the commenting system is removed.

    Keeps: reporting that mentions comment policies ("The paper changed its comment policy
    after the row.") -- the line must both open by addressing the reader ("Dear readers",
    "Please note", "We welcome", "Comments are ...") and speak about commenting.
    """
    phrases = ctx.phrases["comment-policy"]
    address = _address_pattern(phrases)
    max_words = int(ctx.options["max_words"])
    for i in doc.nonblank:
        line = doc.lines[i].strip()
        if "omment" not in line and "ommunity" not in line:
            continue
        if word_count(line) <= max_words and address.search(line) and phrases.markers.search(line):
            start, end = doc.line_span(i)
            yield Hit(start, end, "notice to readers about commenting")

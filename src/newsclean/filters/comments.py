"""Comment sections: stubs such as 'Comments' / 'No comments yet', and commenting-policy notices."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..registry import Context, LooksAt, rule
from ..spans import Hit
from ._lines import matching_stub_lines, text_weights, whole_line_hits, word_count


@rule("NC301", "comment-stub", "Comment-section stubs ('Comments', 'No comments yet...', '12 comments')", local=True)
def comment_stub(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes the furniture of a comment section: ``Comments``, ``No comments yet...``,
    ``Leave a reply``, ``12 comments``, ``Be the first to comment``.

    Why: the empty shell of a comment widget, not the article.

    Example: ``Comments`` then ``No comments yet...`` are removed.

    Keeps: an article *about* comment sections: its sentences are not whole-line stubs.
    """
    hits = matching_stub_lines(doc, ctx.phrases["comment-stub"], max_chars=80)
    yield from whole_line_hits(doc, hits, "comment stub {line!r}")


@rule(
    "NC302",
    "comment-policy",
    "Notices to readers about commenting rules or systems",
    defaults={"max_words": 120},
    local=True,
    looks_at=LooksAt(
        patterns=lambda phrases: (
            phrases["comment-policy"].markers,
            phrases["comment-policy"].pattern("self_patterns"),
        )
    ),
)
def comment_policy(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes notices that address the reader about commenting: ``Dear readers! ... we have
    switched to a new commenting system. To leave comments, you will need ...``.

    Why: site housekeeping about the comment widget.

    Example: a line opening "Dear readers!" that mentions the commenting system is removed.

    Keeps: reporting that mentions comment policies ("The paper changed its comment policy
    after the row.") -- the line must open by addressing the reader ("Dear readers",
    "Please note", "We welcome", "Comments are ..."), speak about commenting, and speak as
    the site or to the reader ("you", "our", "we").
    """
    phrases = ctx.phrases["comment-policy"]
    address = phrases.pattern("address_patterns")
    self_notice = phrases.pattern("self_patterns")
    speaker = phrases.pattern("speaker_pattern")
    max_words = int(ctx.options["max_words"])
    for i in ctx.candidates:
        line = doc.lines[i].strip()
        if word_count(line) > max_words:
            continue
        if (address.search(line) and phrases.markers.search(line) and speaker.search(line)) or self_notice.search(line):
            start, end = doc.line_span(i)
            yield Hit(start, end, "notice to readers about commenting")


@rule(
    "NC303",
    "comment-thread",
    "Reader comment threads: a comments header followed by comments",
    defaults={
        "evidence_window": 8,
        "max_thread_lines": 400,
        "min_lines_before": 2,
        "min_text_above": 40,
    },
)
def comment_thread(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a thread of reader comments: a header such as ``Comments``, ``2 comments`` or
    ``Top Rated Comments``, and everything after it up to a closing line (``Comments are
    closed``, ``[ Read All Comments ]``) or the end of the text.

    Why: readers' comments are not the article; extractors run with comments on keep them,
    and they are the largest block of junk they leave.

    Example: ``Comments`` / ``Any update on the paper?`` / ``Hi Milan,`` / ``We haven't yet
    reviewed it ...`` is removed from the header down.

    Keeps: everything unless comment evidence follows the header closely: within
    ``evidence_window`` lines, a greeting that addresses someone (``Hi Milan,``), a ``Jane
    says:`` line, two reply/report stubs or time stamps -- or a closing line, or the header is
    the unambiguous ``34 responses to “Title”`` of blog software. A header among
    the first ``min_lines_before`` lines (a navigation link) never opens a thread, nor does a
    header above the article (a comment count or a ``Comments`` link in the page head): when
    another header lies between it and the evidence, or when less than ``min_text_above``
    words of running text stand above the header (the article comes before its comments).
    """
    phrases = ctx.phrases["comment-thread"]
    end_re = phrases.pattern("end_patterns", re.IGNORECASE)
    greeting_re = phrases.pattern("greeting_patterns", re.IGNORECASE)
    strong_header_re = phrases.pattern("strong_patterns", re.IGNORECASE)
    weak_stubs = frozenset(phrases.extra.get("weak_lines", ()))
    window = int(ctx.options["evidence_window"])
    max_lines = int(ctx.options["max_thread_lines"])
    min_text_above = int(ctx.options["min_text_above"])
    nonblank = doc.nonblank

    # A header: a line of at most 240 characters whose key is a strong header, or of at most
    # 160 characters whose key is one of the headers.
    strong_lines = set(doc.stub_lines(frozenset(), strong_header_re, 240))
    headers = strong_lines.union(doc.stub_lines(phrases.lines, phrases.patterns, 160))
    if not headers:
        return
    positions = doc.position_in_nonblank

    def is_header(q: int) -> bool:
        return nonblank[q] in headers

    def text_above(p: int) -> int:
        """Running text above position ``p``: the article comes before its comments."""
        return sum(text_weights(doc)[:p])

    min_before = int(ctx.options["min_lines_before"])
    for p in sorted(positions[h] for h in headers):
        if p < min_before:
            continue
        h = nonblank[p]
        strong_header = h in strong_lines
        end_pos = None
        strong = weak = 0
        evidence_at = None  # where the first comment evidence (or the closing line) is
        for q in range(p + 1, min(len(nonblank), p + 1 + max_lines)):
            line = doc.lines[nonblank[q]].strip()
            if len(line) <= 60 and end_re.match(line):
                end_pos = q
                break
            if q <= p + window:
                if greeting_re.match(line):
                    strong += 1
                elif doc.key(nonblank[q]) in weak_stubs:
                    weak += 1
                if evidence_at is None and (strong or weak >= 2):
                    evidence_at = q
        if not (strong_header or strong or weak >= 2 or end_pos is not None):
            continue
        if not strong_header:
            stop = evidence_at if evidence_at is not None else (end_pos if end_pos is not None else p + 1)
            # (the comments themselves may be long: running text between the header and the
            # evidence is no sign of an article, measured on daniel's resiliparse text)
            # Precision guards (measured on the dragnet/daniel dumps: a "Comments" link or a
            # comment count above the article removed the whole article down to the real
            # thread's closing line or to a "... wrote:" line inside the article):
            # a later header closer to the evidence is the thread's header;
            if any(is_header(q) for q in range(p + 1, stop)):
                continue
            # and a thread needs an article above it.
            if text_above(p) < min_text_above:
                continue
        last = nonblank[end_pos] if end_pos is not None else nonblank[min(len(nonblank), p + 1 + max_lines) - 1]
        start, end = doc.block_span(h, last)
        count = (end_pos if end_pos is not None else len(nonblank) - 1) - p
        yield Hit(start, end, f"comment thread under {doc.lines[h].strip()[:40]!r} ({count} line(s))")
        return

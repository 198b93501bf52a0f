"""Comment sections: stubs such as 'Comments' / 'No comments yet', and commenting-policy notices."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from math import isqrt

import regex

from ..document import Document
from ..registry import Context, LooksAt, rule
from ..spans import Hit
from ._dates import date_patterns
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


#: A clock in a signature's stamp: "5:15", "05:15 AM". (Its colon is what the engine finds the
#: candidate lines by: a literal, so the search skips through a text; "17h15" is not read.)
_CLOCK = re.compile(r":\d{2}")


def _is_glue(token: str) -> bool:
    """A token of a signature's template rather than of the name: lower-case ("by", "on",
    "says:"), punctuation ("|", "-"), or ending with a colon ("Posted by:", "Jane says:")."""
    letters = [c for c in token if c.isalpha()]
    return not letters or token.endswith(":") or not letters[0].isupper()


def _signature(line: str, stamp: re.Pattern[str] | regex.Pattern[str]) -> tuple[tuple[str, str, str], str] | None:
    """A comment signature's template and name, or ``None``: a line that holds a full date with
    a clock, and beside it only a name and the glue of its template ("by Eric Kennedy on
    November 9, 2010 at 6:10 am", "Posted by: Steve Garfield | September 13, 2012 at 05:15 AM",
    "Jane Doe says: 3 March 2012 at 17:15"). The template is the glue before the name, the glue
    after it and what follows the stamp (digits as 0): what the lines of one thread share."""
    m = stamp.search(line)
    if m is None or not _CLOCK.search(m.group()):
        return None
    before = line[: m.start()].split()
    after = _DIGITS.sub("0", line[m.end() :].strip().casefold())
    if len(after) > 20:
        return None
    last = before[-1].casefold() if before and _is_glue(before[-1]) else ""
    end = len(before) - 1 if last else len(before)
    # The name follows the template's last glue word ("Comment #1 - Posted by: Jane Doe at"):
    # what stands before it is the template's opening, its numbers counted as one.
    opening = max((k for k in range(end - 1) if _is_glue(before[k])), default=-1) + 1
    first = _DIGITS.sub("0", " ".join(before[:opening]).casefold())
    name = before[opening:end]
    if not 1 <= len(name) <= 5 or sum(map(len, name)) > 40 or not any(c.isalpha() for c in "".join(name)):
        return None  # (a comment's number, "#1.2 - Mon Jan 16, 2012 5:23 PM", names no one)
    return (first, last, after), " ".join(name).casefold()


_DIGITS = re.compile(r"\d")
_NUMBER = re.compile(r"\d+")


@rule(
    "NC304",
    "comment-signatures",
    "Reader comments told by their signature lines ('Posted by: Jane Doe | March 3, 2012 at 5:15 PM')",
    defaults={
        "min_signatures": 3,
        "min_names": 3,
        "max_words_between": 150,
        "min_text_above": 80,
    },
)
def comment_signatures(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a thread of reader comments that has no header but signs every comment: from
    the first signature line to the last (``Posted by: Jane Doe | March 3, 2012 at 05:15 AM``,
    ``by Eric Kennedy on November 9, 2010 at 6:10 am``), when at least ``min_signatures`` lines
    share one template (the words around the name and the stamp) and name at least
    ``min_names`` different people, more than the square root of the signatures' count (people
    in a long thread sign again and again; a live blog's few reporters do not grow with it), no
    one of them signing more than half.

    Why: blog software prints a signature with a full date and clock on every comment;
    extractors run with comments on keep the whole thread, the largest block of junk they leave.

    Example: ``Great post.`` / ``Posted by: Steve Garfield | September 13, 2012 at 05:15 AM``
    / ``Thanks Steve.`` / ``Posted by: David Scott | September 13, 2012 at 05:26 AM`` / ... is
    removed from the first signature to the last.

    Keeps: the comment before the first signature (which side of its comment a signature
    stands on is not known, and the article's last lines may be there); signatures of fewer
    people (a live blog's entries by one or two reporters); stamps without a clock (a timeline
    of dates); signatures with less than ``min_text_above`` words of running text above them
    (the article comes first: under a match thread's short post, removing the thread left the
    page's sidebar to read as its main text); and threads whose signatures stand more than
    ``max_words_between`` words apart in the median (posts of a blog's front page, not comments).
    """
    stamp = date_patterns(ctx.phrases["byline-date"]).full_datetime
    groups: dict[tuple[str, str, str], list[tuple[int, str]]] = {}
    for i in doc.search_lines(_CLOCK):
        if doc.stripped_lengths[i] > 160 or doc.word_counts[i] > 24:
            continue
        found = _signature(doc.lines[i].strip(), stamp)
        if found is not None:
            groups.setdefault(found[0], []).append((i, found[1]))
    if not groups:
        return
    need, min_names = int(ctx.options["min_signatures"]), int(ctx.options["min_names"])
    max_between, min_above = int(ctx.options["max_words_between"]), int(ctx.options["min_text_above"])
    positions, weights, words = doc.position_in_nonblank, text_weights(doc), doc.word_counts
    for signatures in groups.values():
        names = Counter(name for _, name in signatures)
        if len(signatures) < need or len(names) < max(min_names, isqrt(len(signatures)) + 1):
            continue
        if 2 * names.most_common(1)[0][1] > len(signatures):
            continue
        first, last = signatures[0][0], signatures[-1][0]
        if sum(weights[: positions[first]]) < min_above:
            continue
        gaps = sorted(_words_between(words, [i for i, _ in signatures]))
        if gaps[len(gaps) // 2] > max_between:
            continue
        first = _thread_start(doc, ctx, first, 4 * max_between, min_above)
        start, end = doc.block_span(first, last)
        yield Hit(
            start, end, f"comment thread of {len(signatures)} signed comments ({doc.lines[first].strip()[:50]!r} ...)"
        )


@rule(
    "NC305",
    "comment-actions",
    "Reader comments told by the action line under each ('Reply', 'Report', 'Recommend? (24)')",
    defaults={"min_actions": 3, "max_chars": 60, "max_words_between": 150, "max_gap_words": 400, "min_text_above": 80},
)
def comment_actions(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a thread of reader comments told by the widget's action line that stands under
    (or over) every comment: from the first of ``min_actions`` or more copies of one such line
    (``Reply``, ``Report``, ``Reply to This Parent Share``, ``Recommend? (68)``; digits count as
    one) to the last, and from the thread's header when one (NC303's headers) stands a few
    comments above.

    Why: comment widgets whose comments carry no dated signature (NC304) and no header close
    above them (NC303) still print the same action line under each comment; extractors run
    with comments on keep the thread, the largest block of junk they leave.

    Example: ``Give us a referendum ...`` / ``Recommend? (175)`` / ``Report`` / ``Nice to see
    Labour joining ...`` / ``Recommend? (91)`` / ``Report`` / ... is removed from the first
    ``Recommend?`` line to the last ``Report``.

    Keeps: the comment above the first action line when no header is found (which side of its
    comment the line stands on is not known, and the article's last lines may be there); a
    run whose copies stand more than ``max_words_between`` words apart in the median (a page's
    sections, not comments); and it splits a run where more than ``max_gap_words`` words, or
    more than four times the median gap and 60 words, stand between two copies (a widget
    above the article and the thread below it are two runs, as are two embedded posts' "Report"
    links with the article's paragraphs between them: the article between runs is never
    taken). A run needs ``min_text_above`` words of running text above it (the article comes
    before its comments).
    """
    phrases = ctx.phrases["comment-actions"]
    need = int(ctx.options["min_actions"])
    lines = doc.stub_lines(phrases.lines, phrases.patterns, int(ctx.options["max_chars"]))
    if len(lines) < need:
        return
    groups: dict[str, list[int]] = {}
    for i in lines:
        groups.setdefault(_NUMBER.sub("0", doc.key(i)), []).append(i)
    max_between, max_gap = int(ctx.options["max_words_between"]), int(ctx.options["max_gap_words"])
    min_above = int(ctx.options["min_text_above"])
    positions, weights, words = doc.position_in_nonblank, text_weights(doc), doc.word_counts
    for copies in groups.values():
        if len(copies) < need:
            continue
        gaps = _words_between(words, copies)
        split_at = min(max_gap, 4 * sorted(gaps)[len(gaps) // 2] + 60)
        runs, start = [], 0
        for k, gap in enumerate(gaps):
            if gap > split_at:
                runs.append((start, k))
                start = k + 1
        runs.append((start, len(copies) - 1))
        for lo, hi in runs:
            if hi - lo + 1 < need:
                continue
            run_gaps = sorted(gaps[lo:hi])
            if run_gaps[len(run_gaps) // 2] > max_between:
                continue
            first, last = copies[lo], copies[hi]
            if sum(weights[: positions[first]]) < min_above:
                continue
            first = _thread_start(doc, ctx, first, 2 * max_between, min_above)
            span_start, span_end = doc.block_span(first, last)
            yield Hit(
                span_start,
                span_end,
                f"comment thread of {hi - lo + 1} comments under {doc.lines[copies[lo]].strip()[:30]!r} lines",
            )


def _words_between(words: Sequence[int], lines: Sequence[int]) -> list[int]:
    """The words that stand between each two consecutive ``lines`` (``words``: per line)."""
    return [sum(words[j] for j in range(a + 1, b)) for a, b in zip(lines, lines[1:], strict=False)]


def _thread_start(doc: Document, ctx: Context, first: int, max_words: int, min_above: int) -> int:
    """Where a thread whose first comment mark is ``first`` starts: at the comments header
    above it (see :func:`_thread_header_above`) when running text of ``min_above`` words or
    more stands above that header (the article), else at ``first``."""
    header = _thread_header_above(doc, ctx, first, max_words)
    if header is not None and sum(text_weights(doc)[: doc.position_in_nonblank[header]]) >= min_above:
        return header
    return first


def _thread_header_above(doc: Document, ctx: Context, line: int, max_words: int) -> int | None:
    """The comments header (``45 comments``, ``Leave a reply``: NC303's headers) that opens the
    thread whose first signature is ``line``, when no more than ``max_words`` words (the first
    comments) stand between them."""
    phrases = ctx.phrases["comment-thread"]
    strong = phrases.pattern("strong_patterns", re.IGNORECASE)
    words, p = 0, doc.position_in_nonblank[line]
    for q in range(p - 1, -1, -1):
        i = doc.nonblank[q]
        key = doc.key(i)
        if doc.stripped_lengths[i] <= 160 and (phrases.matches_key(key) or strong.fullmatch(key)):
            return i
        words += doc.word_counts[i]
        if words > max_words:
            return None
    return None

"""Related-article trails: a header such as 'Related Articles' and the teasers after it.

A trail is judged by what follows its header, not by the header alone (jusText's lesson:
classify, then revise by the neighbours). Teasers look like short headline lines, source
names, relative times (``10 hours ago``), separators (``-``) and truncated titles; a teaser
*body* (a paragraph) is accepted only inside that structure. Article prose after a header
ends the trail, so ``Latest stories from Ukraine`` followed by six paragraphs of the article
removes the header line and nothing else.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Literal

from ..document import Document
from ..phrases import PhraseSet
from ..registry import Context, LooksAt, rule
from ..spans import Hit
from ._dates import DatePatterns, date_patterns
from ._lines import (
    SEPARATOR_LINE,
    ends_sentence,
    holds_title_headline,
    is_stub_shaped,
    is_text,
    sentences,
    text_weight,
    text_weights,
    title_headlines,
    whole_line_hits,
    word_count,
)

TeaserKind = Literal["header", "separator", "time", "source", "headline", "prose"]

_BULLETED = re.compile(r"^\s*[-–—•·*▪►]\s*\S")
#: A bulleted summary is a sentence of some length, not a short item ending in a full stop.
_MIN_BULLETED_SUMMARY_WORDS = 12
#: A breadcrumb: a section path ("LATEST NEWS > Sport", "Latest News → MediaWire"), the page's
#: place in the site, not a list header: it never opens a trail (measured on dragnet: one ran
#: a trail through the headline and byline of the article under it).
_BREADCRUMB = re.compile(r"\w\s*(?:>|→|»|›|/|\\)\s*\w")


def _teaser_kind(doc: Document, i: int, dates: DatePatterns, is_header: bool) -> TeaserKind:
    text = doc.lines[i].strip()
    if is_header:
        return "header"
    if SEPARATOR_LINE.match(text):
        return "separator"
    words = word_count(text)
    if (
        words <= 8
        and any(map(str.isdigit, text))
        and (  # perf: same test as a generator
            dates.date_line.fullmatch(text) or dates.relative_time.search(text)
        )
    ):
        return "time"
    if words <= 5 and len(text) <= 50 and not ends_sentence(text):
        return "source"
    if words <= 25 and len(text) <= 200 and (not ends_sentence(text) or text.endswith(("...", "…", "?"))):
        return "headline"
    return "prose"


def _header_lines(doc: Document, ctx: Context) -> set[int]:
    """Lines of at most 80 characters, stub-shaped, whose key is a trail header phrase."""
    phrases = ctx.phrases["related-article-trail"]
    return {i for i in doc.stub_lines(phrases.lines, phrases.patterns, 80) if is_stub_shaped(doc.lines[i])}


@rule(
    "NC401",
    "related-article-trail",
    "Related-article trails: 'Related Articles', 'Most Read', 'Latest stories from ...' and their teasers",
    defaults={"max_give_back": 2, "max_teaser_words": 100, "min_text_above": 100},
)
def related_article_trail(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a trail header (``Related Articles``, ``Most Read News``, ``Latest stories from
    X``, ``More from X``, ``Recommended``, ``Read more``) and the teasers that follow it:
    headline lines, source names, relative times, separators, truncated titles, and teaser
    paragraphs that sit inside that structure.

    Why: links to other articles, not this one; their teaser paragraphs are other articles'
    text and are the most damaging junk for a corpus (they duplicate other documents).

    Example: ``Related Articles`` / ``Al Jazeera`` / ``10 hours ago`` / ``- Al Jazeera`` /
    ``Russian photographer gets 16 years`` / a one-paragraph summary -- all removed.

    Keeps: prose after the header, and an article that starts inside the list: a byline
    ("By Jane Doe") ends the trail like prose does. A paragraph is taken as a teaser only right after a
    headline line, inside a trail that already showed a time, a separator or a bulleted source
    line, or as a bulleted summary under a bulleted headline (an extractor's list: measured on
    daniel's trafilatura text, where section lists print each headline and its summary as
    bullets),
    only if what follows it is not more prose, and only up to ``max_teaser_words`` words
    (or more, in fewer than three sentences -- teasers flattened into one line -- or when
    ``min_text_above`` words of running text stand above the header: the trail follows
    the article). When prose ends the trail, the last
    headline-shaped lines before it are given back (they may be the article's own subheads),
    and if the trail showed no time, separator or source line at all, every line is given
    back (a list in the article, introduced by a header-like label). A header written as a
    breadcrumb (``LATEST NEWS > Sport``) opens no trail. The header line itself is always
    removed.
    """
    dates = date_patterns(ctx.phrases["byline-date"])
    max_give_back = int(ctx.options["max_give_back"])
    max_teaser_words = int(ctx.options["max_teaser_words"])
    min_text_above = int(ctx.options["min_text_above"])
    nonblank = doc.nonblank
    pos = doc.position_in_nonblank
    covered_until = -1
    headers = _header_lines(doc, ctx)
    headline_lines = title_headlines(doc)
    above: list[int] = []

    def text_above(p: int) -> int:
        """Words of running text above the non-blank line at position ``p``."""
        if not above:
            total = 0
            for i in nonblank:
                above.append(total)
                total += text_weight(doc.lines[i]) if is_text(doc.lines[i]) else 0
        return above[p]

    for h in sorted(headers):
        p = pos[h]
        if p <= covered_until:
            continue
        header = doc.lines[h].strip()[:50]
        if _BREADCRUMB.search(doc.lines[h]):
            start, end = doc.line_span(h)
            yield Hit(start, end, f"related-article header {header!r} (a breadcrumb: no trail follows)")
            continue
        items: list[tuple[int, TeaserKind]] = []
        signals = 0
        prev_kind: TeaserKind = "header"
        stopped_by_prose = False
        q = p + 1
        while q < len(nonblank):
            j = nonblank[q]
            line_j = doc.lines[j].strip()
            if dates.byline.fullmatch(line_j) or (
                # "by Julie Moos Published Nov. 7, 2012 8:42 am": a byline with its date stamp
                # (measured on dragnet: a "Latest News" menu link ran a trail through one).
                any(map(str.isdigit, line_j)) and dates.byline.match(line_j) and word_count(line_j) <= 25
            ):
                # "By Jane Doe": an article starts here, and the line before is its headline.
                stopped_by_prose = True
                break
            if j in headline_lines:
                # the page's headline (its <title> repeated): the article starts here
                stopped_by_prose = True
                break
            kind = _teaser_kind(doc, j, dates, j in headers)
            if kind == "prose":
                nxt = nonblank[q + 1] if q + 1 < len(nonblank) else None
                next_is_prose = nxt is not None and _teaser_kind(doc, nxt, dates, False) == "prose"
                # A teaser's summary is short (teasers of 95 words were measured on Scrapinghub
                # dumps, of 422 on the seeds); a longer paragraph of three sentences or more (in
                # a table row of thousands of characters too) is the article the trail ran into
                # when less than ``min_text_above`` words of running text stand above the
                # header: the list is above the article (measured on dragnet: a "Recent Posts" list above a blog post took
                # its 133-word paragraph). Teaser lists flattened into one line have few
                # sentence endings.
                words = word_count(doc.lines[j])
                long_text = words > max_teaser_words and sentences(doc.lines[j]) >= 3 and text_above(p) < min_text_above
                # "- headline" / "- summary": an extractor's bulleted section list pairs each
                # headline with its summary (measured on daniel's trafilatura text); a list of
                # bulleted headlines alone may be the article's own (dragnet's gold keeps them).
                bulleted_pair = (
                    prev_kind == "headline"
                    and words >= _MIN_BULLETED_SUMMARY_WORDS
                    and _BULLETED.match(doc.lines[j]) is not None
                    and _BULLETED.match(doc.lines[items[-1][0]]) is not None
                )
                if long_text or not (prev_kind == "headline" and (signals > 0 or bulleted_pair) and not next_is_prose):
                    stopped_by_prose = True
                    break
                if bulleted_pair:
                    signals += 1
            elif kind in ("time", "separator", "header") or (kind == "source" and _BULLETED.match(doc.lines[j])):
                signals += 1
            items.append((j, kind))
            prev_kind = kind
            q += 1
        if stopped_by_prose and signals == 0:
            # Headline-shaped lines with no time, separator or source line among them, then
            # prose: more likely a list in the article (product features, a line-up) than
            # teasers. Measured: a deals post lost its whole product list to "Don't Miss:".
            items = []
        elif stopped_by_prose:
            given_back = 0
            while items and given_back < max_give_back and items[-1][1] in ("headline", "source"):
                items.pop()
                given_back += 1
        last = items[-1][0] if items else h
        covered_until = pos[last]
        start, end = doc.block_span(h, last)
        if items:
            yield Hit(start, end, f"related-article trail {header!r} with {len(items)} teaser line(s)")
        else:
            yield Hit(start, end, f"related-article header {header!r} (what follows is not a teaser list)")


_LABEL_SEPARATOR = re.compile(r"[:|›»>]")


@lru_cache(maxsize=16)
def _teaser_label(phrases: PhraseSet) -> tuple[re.Pattern[str], frozenset[str]]:
    labels = sorted(phrases.extra.get("labels", ()), key=len, reverse=True)
    alternation = "|".join(re.escape(label) for label in labels) or "(?!)"
    # also in brackets, as some sites print it: "[Related: ...]", "(Leggi anche su: ...)"
    pattern = re.compile(
        rf"^\s*(?P<open>[\[(])?\s*(?P<label>{alternation})\s*[:|›»>]\s*(?P<rest>\S.*?)\s*(?(open)[\])]|)\s*$",
        re.IGNORECASE,
    )
    return pattern, frozenset(label.casefold() for label in phrases.extra.get("ambiguous_labels", ()))


@rule(
    "NC402",
    "read-more-teaser",
    "Single teaser lines such as 'Read more: <headline>', 'ALSO READ: ...'",
    local=True,
    # every teaser holds the separator after its label
    looks_at=LooksAt(patterns=lambda phrases: (_LABEL_SEPARATOR,), max_chars=260),
)
def read_more_teaser(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes one-line teasers that link to another article: ``Read more: Minister resigns
    over leak``, ``ALSO READ | Floods hit the north``, ``See also: ...``.

    Why: a link to another article, inserted between paragraphs.

    Example: ``READ MORE: Russia and Ukraine swap prisoners`` is removed, and so is a teaser in
    brackets (``[Related: Salesforce keynote draws protesters]``).

    Keeps: sentences that happen to start with the same words without a label separator
    ("Read more carefully, the report says ..."), and, for ambiguous labels ("Watch:",
    "Related:"), a remainder that ends like a sentence.
    """
    label_re, ambiguous = _teaser_label(ctx.phrases["read-more-teaser"])
    for i in ctx.candidates:
        line = doc.lines[i]
        if len(line) > 260:
            continue
        m = label_re.match(line)
        if not m:
            continue
        rest = m.group("rest").strip()
        if word_count(rest) > 25:
            continue
        if m.group("label").casefold() in ambiguous and ends_sentence(rest) and not rest.endswith("?"):
            continue
        start, end = doc.line_span(i)
        yield Hit(start, end, f"teaser link {line.strip()[:50]!r}")


#: A summary cut off by the page ("... the brand's premium shopping experience in London is now
#: open and hoping to capitalize on the in-style idea o", "... и буквально во всем видят знаки ее
#: приближения..."): it ends with an ellipsis, or with a letter or a closing quote and no
#: sentence punctuation.
_ELLIPSIS = ("...", "…")
_NUMBERED = re.compile(r"^\s*(?:[-–—•·*▪►]|\d{1,3}[.)])\s")


def _truncated_summary(text: str, words: int, min_words: int, max_words: int, min_chars: int) -> bool:
    """A teaser's summary as listing pages print it: a paragraph of ``min_words`` to
    ``max_words`` words and at least ``min_chars`` characters (prose wrapped by a layout at a
    fixed width is shorter) that the page cut off: it ends with an ellipsis, or with no
    sentence punctuation at all (then it starts a sentence: not in lower case). A bulleted or
    numbered line is a list item."""
    if not min_words <= words <= max_words or len(text) < min_chars or _NUMBERED.match(text):
        return False
    if text.endswith(_ELLIPSIS):
        return not text.endswith(("?..", "!.."))
    # without an ellipsis, a line in lower case is prose continued or an unpunctuated
    # transcript ("so we went down to the harbour and we"), not a summary, which starts a sentence
    return not ends_sentence(text) and not text[:1].islower() and (text[-1].isalpha() or text[-1] in "\"'”’»")


@rule(
    "NC403",
    "teaser-card-list",
    "Lists of teaser cards: headline lines, each followed by a summary the page cut off",
    defaults={
        "min_cards": 3,
        "max_card_lines": 6,
        "max_headline_words": 15,
        "min_summary_words": 12,
        "max_summary_words": 90,
        "min_summary_chars": 90,
    },
)
def teaser_card_list(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a list of teaser cards with no header: at least ``min_cards`` cards in a row,
    each one to ``max_card_lines`` short lines that are no sentence (a headline, a time stamp,
    an author, a comment count) followed by one summary that the page cut off: it ends with
    an ellipsis, or with no sentence punctuation at all (see :func:`_truncated_summary`).

    Why: listing pages and the "latest news" columns of article pages print other stories as
    a headline and the first words of their text, cut at a fixed length. Such a list has no
    header for the trail rule (NC401) to find, and it sits wherever the layout put it, often
    amid the article's prose region. An article's paragraphs end with sentence punctuation;
    a page that cuts them leaves them without it, which is also why the C4 line rules drop
    these lines.

    Example: ``Lufthansa strike grounds 800 flights`` / ``Pilots at the German airline walked
    out on Friday morning after talks over pensions broke down, leaving thousands of`` /
    ``2h ago``, three times over, is removed.

    Keeps: cards whose summary ends with a full stop (an article's list of items, a live blog),
    lists introduced by a colon ("Things that have changed so far:"), bulleted or numbered
    items, summaries longer than ``max_summary_words`` words (an article's paragraph without its
    final stop), lines shorter than ``min_summary_chars`` characters (prose wrapped at a fixed
    width), a summary followed by a line starting in lower case (the same paragraph
    continued), lists whose short lines end in ellipses as well (the author's style: a
    sub-head "One could try the carrot…"), and a list that holds the page's headline (the
    line that repeats the ``<title>``: the article starts there).
    """
    opts = ctx.options
    min_cards, max_card_lines = int(opts["min_cards"]), int(opts["max_card_lines"])
    max_headline = int(opts["max_headline_words"])
    limits = (int(opts["min_summary_words"]), int(opts["max_summary_words"]), int(opts["min_summary_chars"]))
    nonblank, lines, words = doc.nonblank, doc.lines, doc.word_counts
    if not _may_hold_summaries(doc, min_cards, *limits):
        return
    weights = text_weights(doc)
    n = len(nonblank)
    texts = [lines[i].strip() for i in nonblank]

    def card_line(p: int) -> bool:
        # a sentence of four words or more is the article's ("Nowadays, plague is easily treated.")
        i = nonblank[p]
        if weights[p] or words[i] > max_headline:
            return False
        return words[i] < 4 or not texts[p].endswith(".") or texts[p].endswith("...")

    def summary(p: int) -> bool:
        if not _truncated_summary(texts[p], words[nonblank[p]], *limits):
            return False
        return p + 1 >= n or not texts[p + 1][:1].islower()

    p = 0
    while p < n:
        cards: list[tuple[int, int]] = []  # (first position, summary position)
        q = start = p
        while q < n:
            if card_line(q):
                q += 1
                if q - start > max_card_lines:
                    break
                continue
            if q > start and summary(q):
                cards.append((start, q))
                q += 1
                start = q
                continue
            break
        if len(cards) >= min_cards:
            first, last = cards[0][0], cards[-1][1]
            # the page's headline among the cards: the article starts inside the list
            if _teaser_cards(texts, cards, p) and not holds_title_headline(doc, range(first, last + 1)):
                for r in range(first, last + 1):
                    begin, end = doc.line_span(nonblank[r])
                    yield Hit(begin, end, f"teaser card {texts[r][:40]!r} in a list of {len(cards)} cut-off summaries")
            # an article's own list is judged whole: no part of it is tried again
            p = last + 1
        else:
            # the next try starts after the first card's summary (or at the next line)
            p = cards[0][1] + 1 if cards else p + 1


def _may_hold_summaries(doc: Document, count: int, min_words: int, max_words: int, min_chars: int) -> bool:
    """At least ``count`` lines that may be a cut-off summary, by the line table: the length
    limits of :func:`_truncated_summary`, and no sentence ending unless an ellipsis (perf: most
    texts have fewer, and are judged without building their lines' texts)."""
    words, chars, ends, lines = doc.word_counts, doc.stripped_lengths, doc.sentence_ends, doc.lines
    found = 0
    for i in doc.nonblank:
        if min_words <= words[i] <= max_words and chars[i] >= min_chars:
            if not ends[i] or lines[i].rstrip().endswith(_ELLIPSIS):
                found += 1
                if found >= count:
                    return True
    return False


def _teaser_cards(texts: list[str], cards: list[tuple[int, int]], first: int) -> bool:
    """The cards read as teasers, not the article's own list: no colon introduces them, their
    short lines do not end in ellipses too (the author's style), they are not numbered, and two
    in three carry more than a headline or show the cut with an ellipsis."""
    above = texts[first - 1] if first > 0 else ""
    if above.endswith(":") or any(texts[p].endswith(":") for p in range(first, cards[-1][1])):
        return False
    styled = sum(
        1
        for start, end in cards
        if any(texts[p].endswith(_ELLIPSIS) and texts[p].strip(".… ") for p in range(start, end))
    )
    numbered = sum(1 for start, _ in cards if _NUMBERED.match(texts[start]))
    if styled >= 2 or 2 * numbered >= len(cards):
        return False
    # A teaser carries more than its headline (a time stamp, an author, a comment count), or
    # its summary shows the cut (an ellipsis): a bare line before each unpunctuated line is
    # as likely a list of the article's items (a product's features).
    furnished = sum(1 for start, end in cards if end - start >= 2 or texts[end].endswith(_ELLIPSIS))
    return 3 * furnished >= 2 * len(cards)


#: A line of a news feed: a clock (with its date before it, or am/pm after it), a separator,
#: then a headline: "18:52 Американка украла ...", "[17:12] ...", "28.11.11 16:58 ...",
#: "6:01 pm Delays after ...", "21:30 ・ 英镑/美元...".
_FEED_LINE = re.compile(
    r"\s*(?:(?P<day>\d{1,2})[./-](?P<month>\d{1,2})(?:[./-]\d{2,4})?,?\s+)?"
    r"\[?(?P<hour>\d{1,2}):(?P<minute>\d{2})(?:\s*(?P<half>[ap])\.?m\.?)?\]?"
    r"(?:\s*(?://|[-–—|/•·・»›>]))?\s*"
    r"(?P<headline>\S.*)",
    re.IGNORECASE,
)
_FEED_START = re.compile(r"\s*\[?\d{1,2}[:./-]\d")


def _feed_line_start(text: str) -> bool:
    """The line starts with a clock or a date: the cheap test the engine runs on every line."""
    return _FEED_START.match(text) is not None


def _feed_stamp(text: str, max_words: int) -> tuple[int, int, int, bool] | None:
    """``(month, day, minute of the day, ends like a sentence)`` of a news feed's line, or
    ``None`` when the line is no stamp and a headline of 2 to ``max_words`` words."""
    m = _FEED_LINE.fullmatch(text.strip())
    if m is None:
        return None
    hour, minute = int(m["hour"]), int(m["minute"])
    if minute > 59 or hour > (12 if m["half"] else 23):
        return None
    if m["half"]:
        hour = hour % 12 + (12 if m["half"].lower() == "p" else 0)
    headline = m["headline"].rstrip()
    if not 2 <= word_count(headline) <= max_words or len(headline) > 200:
        return None
    sentence = headline.endswith((".", "!")) and not headline.endswith(_ELLIPSIS)
    month, day = (int(m["month"]), int(m["day"])) if m["day"] else (0, 0)
    return month, day, 60 * hour + minute, sentence


@rule(
    "NC404",
    "news-feed",
    "News feeds: runs of time-stamped headlines, newest first ('18:52 Headline' / '17:38 Headline' ...)",
    defaults={"min_lines": 4, "max_headline_words": 20},
    local=True,
    looks_at=LooksAt(line_test=lambda phrases: _feed_line_start),
)
def news_feed(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a news feed: at least ``min_lines`` consecutive lines, each a clock (a date
    before it or am/pm after it may come too) and a headline, whose times run backwards: the
    newest story first, as a site's "latest news" column lists them.

    Why: other stories' headlines, printed on every page of the site in any language; the
    order of the stamps tells a feed from a schedule.

    Example: ``18:52 Mayor resigns over budget`` / ``17:38 Storm closes the harbour`` / ``15:56
    Ferry fares to rise`` / ``12:48 New pier opens`` are removed.

    Keeps: times in order (a programme, fixtures, a timeline of events, which the article
    tells forward), a run with no time earlier than the one above it, shorter runs, lines
    whose text is longer than ``max_headline_words`` words (a live blog's entries), and runs
    where most lines end like a sentence (a live blog's short entries). A day change is read
    from the dates, or, without them, from a time before 06:00 followed by one after 18:00.
    """
    min_lines = int(ctx.options["min_lines"])
    max_words = int(ctx.options["max_headline_words"])
    positions = doc.position_in_nonblank
    stamps = [(positions[i], i, s) for i in ctx.candidates if (s := _feed_stamp(doc.lines[i], max_words))]
    run: list[tuple[int, int, tuple[int, int, int, bool]]] = []

    def feed(run: list[tuple[int, int, tuple[int, int, int, bool]]]) -> bool:
        if len(run) < min_lines or 2 * sum(s[3] for _, _, s in run) > len(run):
            return False
        return any(later[2][:3] < earlier[2][:3] for earlier, later in itertools.pairwise(run))

    def follows(earlier: tuple[int, int, int, bool], later: tuple[int, int, int, bool]) -> bool:
        """``later`` can stand under ``earlier`` in a feed, newest first."""
        if (earlier[0] == 0) != (later[0] == 0):
            return False  # a date on one line only: two lists
        if later[:3] <= earlier[:3]:
            return True
        return earlier[0] == 0 and earlier[2] < 6 * 60 and later[2] >= 18 * 60  # past midnight

    for item in stamps:
        if run and (item[0] != run[-1][0] + 1 or not follows(run[-1][2], item[2])):
            if feed(run):
                yield from _feed_hits(doc, run)
            run = []
        run.append(item)
    if feed(run):
        yield from _feed_hits(doc, run)


def _feed_hits(doc: Document, run: list[tuple[int, int, tuple[int, int, int, bool]]]) -> Iterator[Hit]:
    message = f"news feed line {{line!r}} ({len(run)} time-stamped headlines)"
    return whole_line_hits(doc, [i for _, i, _ in run], message)

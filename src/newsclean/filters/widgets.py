"""Widget stubs: share bars, advertisement labels, cookie notices, tag lists."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import regex

from ..document import Document
from ..phrases import PhraseSet, word_alternation
from ..registry import Context, LooksAt, rule
from ..spans import Hit
from ._dates import month_or_weekday
from ._lines import (
    is_reported_speech,
    matching_stub_lines,
    notice_start,
    reads_as_paragraph,
    text_weights,
    whole_line_hits,
    word_count,
)


@rule("NC204", "share-bar", "Share bars and social buttons ('Share', 'Facebook Twitter Email')", local=True)
def share_bar(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes the text of share buttons: ``Share this article``, ``Facebook Twitter LinkedIn
    Email``, ``Copy link``.

    Why: button labels, not article text.

    Example: ``Share on Facebook`` and ``Twitter · LinkedIn · Email`` lines are removed.

    Keeps: sentences naming social networks ("She posted the video on Facebook and Twitter.").
    """
    hits = matching_stub_lines(doc, ctx.phrases["share-bar"], max_chars=120)
    yield from whole_line_hits(doc, hits, "share bar {line!r}")


@rule("NC205", "advertisement-label", "'Advertisement' labels and 'story continues below' markers", local=True)
def advertisement_label(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes advertisement labels and the markers around ad slots: ``Advertisement``,
    ``Sponsored``, ``Story continues below advertisement``.

    Why: the label of an empty ad slot, left in the text.

    Example: ``ADVERTISEMENT`` on its own line is removed.

    Keeps: sentences about advertising ("Advertisement spending fell 4% in May.").
    """
    hits = matching_stub_lines(doc, ctx.phrases["advertisement-label"], max_chars=120)
    yield from whole_line_hits(doc, hits, "advertisement label {line!r}")


@rule(
    "NC206",
    "cookie-notice",
    "Cookie consent notices and their buttons",
    defaults={"max_words": 160},
    local=True,
    looks_at=LooksAt(
        stub_tables=("cookie-notice",),
        patterns=lambda phrases: (phrases["cookie-notice"].pattern("weak_patterns", re.IGNORECASE),),
    ),
)
def cookie_notice(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes cookie-consent banners: ``We use cookies to improve your experience...``,
    ``Accept all cookies``, ``Manage preferences``.

    Why: a consent form, not the article.

    Example: ``This website uses cookies. By continuing to use this site you agree to our use
    of cookies.`` is removed.

    Keeps: reporting about cookies, which does not speak as the site ("we use cookies",
    "this site uses cookies") and is not a consent button.
    """
    phrases = ctx.phrases["cookie-notice"]
    consent = phrases.pattern("weak_patterns", re.IGNORECASE)
    max_words = int(ctx.options["max_words"])
    found = set(matching_stub_lines(doc, phrases, max_chars=80))
    for i in ctx.candidates:
        line = doc.lines[i]
        if i not in found and "ookie" in line and word_count(line) <= max_words and consent.search(line):
            # A banner never attributes speech; a privacy story quoting one does.
            if not is_reported_speech(line, ctx.phrases["reported-speech"]):
                found.add(i)
    yield from whole_line_hits(doc, sorted(found), "cookie notice {line!r}")


#: "Tags Alexandria Ocasio-Cortez Ilhan Omar": the label, then at least two capitalised terms.
_TAGS_WITHOUT_COLON = re.compile(r"^\s*(?:Tags|TAGS|Hashtags|Topics|TOPICS)\s+(?:[A-Z#][\w'’.-]*\s+){1,}\S")


@rule("NC207", "tag-list", "Tag and topic lists ('Hashtags', 'Tags: a, b, c')", local=True)
def tag_list(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes tag and topic lists: ``Hashtags``, ``Topics``, ``Tags: Russia, Ukraine, War``.

    Why: the site's index terms, not the article.

    Example: ``Tags: Ukraine, Russia, prisoners`` is removed.

    Keeps: lines that end like a sentence, even when they start with "Topics:" -- those are
    usually an article's own list ("Topics: the budget, health and defence were discussed.").
    """
    phrases = ctx.phrases["tag-list"]
    lines = doc.lines
    listed = doc.stub_lines(phrases.lines, phrases.patterns, 240)
    labelled = [i for i in doc.search_lines(_TAGS_WITHOUT_COLON) if _TAGS_WITHOUT_COLON.match(lines[i])]
    hits = sorted(i for i in {*listed, *labelled} if len(lines[i]) <= 240 and not doc.sentence_ends[i])
    yield from whole_line_hits(doc, hits, "tag list {line!r}")


@rule(
    "NC208",
    "legal-notice",
    "Site fine print: terms-of-use acceptance, delayed-quotes notices, affiliate disclosures",
    defaults={"max_words": 150},
    local=True,
)
def legal_notice(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes the site's fine print: ``Use of this site constitutes acceptance of our User
    Agreement``, ``Quotes delayed at least 15 minutes``, ``We may earn a commission``,
    ``By registering you agree to the Terms of Use``.

    Why: legal boilerplate of the page, repeated on every article.

    Example: ``Quotes delayed at least 15 minutes. Market data provided by ICE.`` is removed.

    Keeps: reporting that mentions terms of use or trademarks: a generic legal phrase must
    appear at least twice in a line (one strong phrase suffices) that is no paragraph of
    prose (two sentences, over 40 words), lines longer than ``max_words`` are never removed,
    and article prose that a dump glued in front of a notice on the same line stays: only the
    notice's run of short sentences is cut.
    """
    phrases = ctx.phrases["legal-notice"]
    weak = phrases.pattern("weak_markers")
    max_words = int(ctx.options["max_words"])
    lines = doc.lines

    def short_enough(i: int) -> bool:
        return len(lines[i]) >= 20 and word_count(lines[i]) <= max_words

    strong = doc.matching_lines(phrases.markers, short_enough)
    # two generic phrases: a line with two weak matches has at least one. A paragraph of prose
    # that names "the terms and conditions" twice is reporting, not a footer (measured on the
    # dragnet dumps: an article about a contract lost its paragraph).
    twice_weak = [
        i
        for i in doc.matching_lines(weak, short_enough)
        if len(weak.findall(lines[i])) >= 2 and not reads_as_paragraph(lines[i])
    ]
    for i in sorted({*strong, *twice_weak}):
        start, end = doc.line_span(i)
        m = phrases.markers.search(lines[i]) if i in strong else None
        cut = notice_start(lines[i], m.start()) if m else 0
        if cut:  # the notice ends the line: its newline stays with the article sentence
            start, end = start + len(lines[i][:cut].rstrip()), start + len(lines[i].rstrip())
        yield Hit(start, end, f"legal notice {lines[i][cut:].strip()[:50]!r}")


#: A letter of any script: a line without one holds no word of prose.
_LETTER = re.compile(r"[^\W\d_]")
_DIGIT = re.compile(r"\d")
#: What a line of digits keeps as the article's: a footnote mark ("[1]", "<2>"), a list item's
#: number ("10", "3.", "2)": a countdown's items stand under their numbers), a price, and a
#: phone number ("02-751-1500", "+44 20 7946 0958": a press release's contact).
_ARTICLE_NUMBER = regex.compile(r"[\[<(]?\d{1,3}[\]>).]?|.*\p{Sc}.*|\+?\(?\d{1,4}\)?(?:[\s.-]\(?\d{2,4}\)?){2,4}")


#: A clock, a two-digit day and month ("14:02", "01/17", "28.11"), or a pager's run of numbers
#: ("1 2 3 4 5"): what a widget prints, never a table's value.
_STAMP = re.compile(r"(?<!\d)(?:\d{1,2}:\d{2}|\d{2}[./-]\d{2})(?!\d)")
_PAGER = re.compile(r"(?:\d{1,3}\s+){2,}\d{1,3}")


def _is_stamp_or_pager(line: str) -> bool:
    """A clock or a date in a numeric line, or a pager's run of consecutive numbers."""
    if _STAMP.search(line):
        return True
    if _PAGER.fullmatch(line):
        numbers = [int(n) for n in line.split()]
        return all(b == a + 1 for a, b in zip(numbers, numbers[1:], strict=False))
    return False


def _is_numeric_line(line: str) -> bool:
    """A line of digits and marks only: no letter of any script, at least one digit."""
    return _LETTER.search(line) is None and _DIGIT.search(line) is not None


@rule(
    "NC210",
    "numeric-stub",
    "Lines of digits and marks only: clocks, counters, page numbers, ratings ('14:02', '1 2 3 4 5', '4.50 / 12')",
    stage=2,
    defaults={"max_chars": 60, "dateline_reach": 2},
    looks_at=LooksAt(line_test=lambda phrases: _is_numeric_line),
)
def numeric_stub(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes short lines that hold no letter of any script, only digits and marks: a teaser
    list's clocks (``14:02``, ``[20:07] 01-12``), view and comment counters, pagination
    (``1 2 3 4 5``), star ratings (``4.50 / 12``), a calendar's rows.

    Why: what widgets leave when their labels are icons; no word of the article is in them.

    Example: ``14:02`` above a teaser headline and ``1 2 3 4 5`` under a list are removed.

    Keeps: a footnote mark or a list item's number on its own line (``[1]``, ``<2>``, ``10``,
    ``3.``: a countdown's items stand under their numbers), a price (``$217.99``), a phone
    number; a line above a sentence (a live blog's ``14:05`` above its entry); inside the article (between its first and last lines of running text) every
    numeric line but clocks, dates and pagers (a table's ``18,8%`` and ``1/5`` stay); and the parts of a dateline
    split over lines (``Jul`` / ``24`` / ``2012``): a line within ``dateline_reach`` lines of a
    short line that names a month or weekday (the byline-date data) stays. Lines other rules
    removed are theirs (it runs in stage 2: a media player's clocks are NC801's).
    """
    max_chars, reach = int(ctx.options["max_chars"]), int(ctx.options["dateline_reach"])
    month_words = month_or_weekday(ctx.phrases["byline-date"])
    nonblank, positions = doc.nonblank, doc.position_in_nonblank

    def names_a_month(q: int) -> bool:
        i = nonblank[q]
        return doc.word_counts[i] <= 3 and month_words.search(doc.lines[i]) is not None

    weights = text_weights(doc)
    prose = [q for q, w in enumerate(weights) if w]
    already = ctx.removed.lines()
    hits = []
    for i in ctx.candidates:
        line = doc.lines[i].strip()
        if i in already or len(line) > max_chars or not _is_numeric_line(line) or _ARTICLE_NUMBER.fullmatch(line):
            continue
        p = positions[i]
        if p + 1 < len(nonblank) and doc.sentence_ends[nonblank[p + 1]]:
            continue  # a live blog's stamp above its entry
        if prose and prose[0] < p < prose[-1] and not _is_stamp_or_pager(line):
            continue
        if any(names_a_month(q) for q in range(max(0, p - reach), min(len(nonblank), p + reach + 1)) if q != p):
            continue
        hits.append(i)
    yield from whole_line_hits(doc, hits, "numeric line {line!r}")


#: A temperature reading, alone or after a place or a label: "Αθήνα: 13°C", "London 12°",
#: "Max: 22°C", "-3° / 4°C", "+5...+7 °C Sunny". Language-free: the degree sign carries it.
_TEMPERATURE = regex.compile(
    # a place of one or two words, or up to three before a colon
    r"(?P<label>\p{L}[\p{L}.'’-]*(?:\s+\p{L}[\p{L}.'’-]*)?\s*|\p{L}[\p{L}.'’-]*(?:\s+\p{L}[\p{L}.'’-]*){0,2}\s*:\s*)?"
    r"(?P<value>[+\-−]?\d{1,3}(?:[.,]\d)?\s*°\s*[CF]?"
    r"(?:\s*(?:/|-|–|\.\.\.?|…|to)\s*[+\-−]?\d{1,3}(?:[.,]\d)?\s*°\s*[CF]?)?)"
    # a condition of one or two words after it: "13°C Sunny", "-2° light snow"
    r"(?:\s+\p{L}[\p{L}-]*(?:\s+\p{L}[\p{L}-]*)?)?",
    regex.IGNORECASE,
)
_DEGREE = re.compile("°")
_DEGREES = re.compile(r"[+\-−]?(\d+(?:[.,]\d)?)\s*°\s*([CF]?)", re.IGNORECASE)


def _weather_temperature(value: str) -> bool:
    """Whole degrees in a unit or a range, as an air temperature reads (at most 60 °C, 130
    °F): not an angle (``90°``), an oven (``180°C``) or a fever (``38.5°C``)."""
    readings = _DEGREES.findall(value)
    if not any(unit for _, unit in readings) and len(readings) < 2:
        return False
    for number, unit in readings:
        if not number.isdigit() or int(number) > (130 if unit.upper() == "F" else 60):
            return False
    return True


@lru_cache(maxsize=16)
def _reading_pattern(phrases: PhraseSet) -> regex.Pattern[str]:
    """A labelled reading of a widget: a weather label, a colon, a value of at most six words
    that holds a digit or a compass direction ("Wind speed: 12 mph", "Wind direction: South
    west", "Влажность: 80%")."""
    labels = word_alternation(phrases.extra.get("labels", ()), regex.escape)
    directions = word_alternation(phrases.extra.get("directions", ()), regex.escape)
    value = rf"(?:(?=[^\n]*\d)\S+(?:\s+\S+){{0,5}}|(?:{directions}))"
    return regex.compile(rf"(?:{labels})\s*:\s*{value}\.?", regex.IGNORECASE)


@rule(
    "NC211",
    "weather-widget",
    "Weather widgets: 'Athens: 13°C', 'Wind speed: 12 mph', 'Sunny spells' beside a reading",
    defaults={"max_chars": 60},
    local=True,
)
def weather_widget(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes the lines of a weather widget: temperature readings (``Αθήνα: 13°C``,
    ``-3° / 4°C``), labelled readings (``Wind speed: 12 mph``, ``Влажность: 80%``) and, beside
    them, the widget's condition and day words (``Sunny spells``, ``Tomorrow``).

    Why: a site's sidebar, printed on every article of a local news site in every language.

    Example: ``Tomorrow`` / ``Sunny spells`` / ``Temperature: 3 C to 8 C`` / ``Wind speed:
    12 mph`` are removed.

    Keeps: weather in sentences ("Temperatures will reach 13°C on Friday."); a reading or a
    condition word alone (a case report's ``Temperature: 38.5°C``, a heading ``Snow``):
    labelled readings and condition words go only in a run of consecutive weather lines that
    holds two readings or a temperature; a temperature alone goes only when it is a whole
    number after a place name or nothing (``Αθήνα: 13°C``), not after a reading label or with
    decimals.
    """
    phrases = ctx.phrases["weather-widget"]
    max_chars = int(ctx.options["max_chars"])
    reading = _reading_pattern(phrases)
    label_key = regex.compile(rf"(?:{word_alternation(phrases.extra.get('labels', ()), regex.escape)})", regex.I)
    lines = doc.lines

    def short(i: int) -> bool:
        return len(lines[i]) <= max_chars

    kinds: dict[int, str] = {}
    for i in doc.matching_lines(_DEGREE, short):
        m = _TEMPERATURE.fullmatch(lines[i].strip())
        if m is None:
            continue
        label = (m.group("label") or "").strip(" :")
        if label and label_key.fullmatch(label):
            kinds[i] = "reading"  # "Temperature: 38.5°C": a reading, which a case report prints too
        elif all(word[:1] == word[:1].upper() for word in label.split()):
            # after a place's name or nothing ("Αθήνα: 13°C"; not "Bake at 180°C")
            kinds[i] = "temperature" if _weather_temperature(m.group("value")) else "reading"
    for i in doc.matching_lines(label_key, short):
        if i not in kinds and reading.fullmatch(lines[i].strip()):
            kinds[i] = "reading"
    for i in doc.stub_lines(phrases.lines, phrases.patterns, max_chars):
        kinds.setdefault(i, "condition")
    if not kinds:
        return
    positions = doc.position_in_nonblank
    by_position = sorted((positions[i], i) for i in kinds)
    group: list[int] = []
    hits: list[int] = []

    def close(group: list[int]) -> None:
        found = [kinds[i] for i in group]
        if "temperature" in found or found.count("reading") >= 2:
            hits.extend(group)

    previous = -2
    for p, i in by_position:
        if p != previous + 1 and group:
            close(group)
            group = []
        group.append(i)
        previous = p
    close(group)
    yield from whole_line_hits(doc, sorted(hits), "weather widget {line!r}")

"""Date, time and byline patterns, built from the ``byline-date`` phrase data of each language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import regex

from ..phrases import PhraseSet, word_alternation

#: Time zones printed after a clock, for the dotted clocks ("06.00 GMT") whose digits alone
#: read like a price or a score.
_ZONES = r"(?:GMT|UTC|BST|WET|CET|CEST|EET|EEST|MSK|IST|PKT|WIB|SGT|HKT|JST|KST|AEST|AEDT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|ET|PT)"


@dataclass(frozen=True)
class DatePatterns:
    date_line: regex.Pattern[str]
    """A line that is only a date, a date and time, or a relative time, with an optional
    label ("Published", "Updated:") -- also glued, as scrapers leave it ("time4 hours ago")."""
    source_and_date: regex.Pattern[str]
    """A short source or author name glued to, or separated from, a full date."""
    byline: regex.Pattern[str]
    """``By`` and capitalised names, optionally followed by dates or a source."""
    reading_time: regex.Pattern[str]
    relative_time: regex.Pattern[str]
    full_datetime: regex.Pattern[str]
    """A full date (with a year, or numeric), then optionally its clock: searched in a line."""
    screen: re.Pattern[str]
    """A cheap ``re`` test every line a digit-bearing stamp matches must pass: a month name, a
    numeric date or clock, "ago", "yesterday", a reading-time phrase (perf: the patterns above
    run in the slower ``regex`` module)."""


def _alt(words: tuple[str, ...]) -> str:
    return word_alternation(words, regex.escape) if words else ""


_NAME = r"\p{Lu}[\p{L}'’.\-]*"


def names_pattern(phrases: PhraseSet) -> str:
    """Capitalised names, joined by the name particles of every loaded language ("Juan del
    Castillo", "Ursula von der Leyen", "Omar bin Laden"): the ``name_particles`` data."""
    particles = _alt(phrases.extra.get("name_particles", ()))
    return rf"{_NAME}(?:\s+(?:{_NAME}|{particles}))*" if particles else rf"{_NAME}(?:\s+{_NAME})*"


@lru_cache(maxsize=16)
def date_patterns(phrases: PhraseSet) -> DatePatterns:
    x = phrases.extra
    months, weekdays = _alt(x.get("months", ())), _alt(x.get("weekdays", ()))
    units, ago = _alt(x.get("relative_units", ())), _alt(x.get("relative_words", ("ago",)))
    prefixes, relative_lines = _alt(x.get("date_prefixes", ())), _alt(x.get("relative_lines", ()))
    reading, by = _alt(x.get("reading_time", ())), _alt(x.get("byline_prefixes", ("by",)))
    reading_labels = _alt(x.get("reading_time_labels", ()))
    # Between a date and its clock: a mark, or the ``clock_separators`` words ("at", "às":
    # "22 de janeiro de 2018 às 0:13").
    clock_words = _alt(x.get("clock_separators", ()))
    sep = rf"\s*(?:,|@|-|–|—|\||·|•|/{'|' + clock_words if clock_words else ''})?\s*"

    numeric = (
        r"\d{1,2}[-/.]\d{1,2}[-/.](?:\d{4}|\d{2})"
        r"|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:[T ]\d{1,2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    )
    weekday = rf"(?:(?:{weekdays})\.?,?\s+)?"
    textual_with_year = (
        rf"{weekday}(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+|de\s+)?(?:{months})\.?,?\s+(?:de\s+)?\d{{4}}"
        rf"|(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|(?:{months})\.?\s+\d{{4}})"
    )
    textual_no_year = rf"{weekday}(?:\d{{1,2}}(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?:{months})\.?|(?:{months})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?)"
    clock = (
        r"(?:\d{1,2}(?::|h)\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s*\(?(?:[A-Z]{2,5}|GMT[+-]\d{1,2}|UTC[+-]\d{1,2})\)?)?"
        # "06.00 GMT", "10.32am" (Guardian): a dotted clock only with a time zone or am/pm
        rf"|\d{{1,2}}\.\d{{2}}\s*(?:[ap]\.?\s?m\.?(?:\s*(?-i:{_ZONES}))?|(?-i:{_ZONES})))"
    )
    full_date = rf"(?:{numeric}|{textual_with_year})"
    any_date = rf"(?:{full_date}|{textual_no_year})"
    # the clock first, its weekday before it: "Sat 8:31 PM, Feb 17, 2018", "5:36 PM CST on Nov 18, 2019"
    datetime = rf"(?:{any_date}(?:{sep}{clock})?|{weekday}{clock}{sep}(?:on\s+)?{any_date})"
    full_datetime = rf"(?:{full_date}(?:{sep}{clock})?|{weekday}{clock}{sep}(?:on\s+)?{full_date})"
    # "Today 14:35", "вчера, 12:30": a relative day with its clock is a stamp too
    relative = rf"(?:(?:\d+|an?|one)\s*(?:{units})\.?\s+(?:{ago})|(?:{relative_lines})(?:{sep}{clock})?)"
    label = rf"(?:(?:{prefixes})\s*:?\s*)?" if prefixes else ""
    stamp = rf"{label}(?:{datetime}|{relative})"
    if prefixes:  # a clock alone is a stamp only with its label: "Updated at 1:23 p.m."
        stamp = rf"(?:{stamp}|(?:{prefixes})\s*:?\s*{clock})"
    names = names_pattern(phrases)
    conjunctions = _alt(x.get("name_conjunctions", ()))  # "Jane Doe and John Roe"
    joiner = rf"(?:,|&|{conjunctions})" if conjunctions else "(?:,|&)"
    # "Monday November 18, 2019 7:45 am PST by Joe Rossignol": a stamp, then who wrote it.
    by_tail = rf"(?:\s*(?:\||·|•|,|-|–)?\s*(?:{by})\s+(?-i:{names}))?"
    date_line = rf"{stamp}(?:\s*(?:\||·|•|,|-|–|/)?\s*{stamp})*{by_tail}\.?"
    tail_item = rf"(?:{stamp}|{names}|\p{{Lu}}[\p{{L}}.&'\-]*(?:\s+\p{{Lu}}[\p{{L}}.&'\-]*){{0,4}})"
    byline = rf"(?i:{by})\s*:?\s+{names}(?:\s*{joiner}\s*{names})*(?:\s*(?:,|\||·|•|-|–|—|/|\bin\b)\s*{tail_item})*"
    source_and_date = rf"(?:{by}\s+)?[^\d|•·:]{{2,40}}?\s*(?:,|\||·|•|-|–|—)?\s*(?P<date>{full_datetime})"
    reading_time = rf"\d+\s*(?:{reading})(?:\s*(?:\||·|•|,|-)\s*{stamp})?" if reading else r"(?!)"
    if reading_labels:  # label first: "Reading time: 4 minutes", "Tempo de leitura: 2 minutos"
        reading_time = rf"(?:{reading_time}|(?:{reading_labels})\s*:?\s*(?:~\s*|ca\.\s*)?\d+\s*(?:min\w*|menit)\.?)"
    screen_words = word_alternation(
        {
            *x.get("months", ()),
            *x.get("relative_words", ("ago",)),
            *x.get("relative_lines", ()),
            *x.get("reading_time", ()),
            *x.get("reading_time_labels", ()),
        }
    )
    screen = re.compile(rf"\d[-/.:h]\d|\b(?:{screen_words or '(?!)'})", re.IGNORECASE)
    flags = regex.IGNORECASE | regex.VERSION0
    return DatePatterns(
        date_line=regex.compile(date_line, flags),
        source_and_date=regex.compile(source_and_date, flags),
        byline=regex.compile(byline, regex.VERSION0),
        reading_time=regex.compile(reading_time, flags),
        relative_time=regex.compile(rf"{label}{relative}", flags),
        full_datetime=regex.compile(full_datetime, flags),
        screen=screen,
    )


@lru_cache(maxsize=16)
def month_or_weekday(phrases: PhraseSet) -> re.Pattern[str]:
    """A month or weekday name of the loaded languages, as a word ("Jul", "März", "вторник")."""
    words = word_alternation({*phrases.extra.get("months", ()), *phrases.extra.get("weekdays", ())})
    return re.compile(rf"\b(?:{words or '(?!)'})\b", re.IGNORECASE)

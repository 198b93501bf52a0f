"""Bylines and date stamps: author lines and dates standing alone or glued to a source name."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import regex

from ..document import Document
from ..phrases import Phrases, PhraseSet, word_alternation
from ..registry import Context, LooksAt, rule
from ..spans import Hit
from ._dates import DatePatterns, date_patterns, names_pattern
from ._lines import ends_sentence, word_count


@lru_cache(maxsize=16)
def _sign_off(phrases: PhraseSet) -> regex.Pattern[str]:
    """ "(Reporting by Jane Doe in London; Editing by John Roe)": credit clauses whose every
    name is capitalised, and nothing else ("Research by Oxford University found ..." and
    "Writing by hand ..." are sentences). The clause is the English wire services' sign-off
    grammar; its credit words are the ``credit_words`` data."""
    names = names_pattern(phrases)
    credits = word_alternation(phrases.extra.get("credit_words", ()), regex.escape) or "(?!)"
    clause = (
        rf"(?:with\s+)?(?:additional\s+)?(?:{credits})"
        rf"(?:\s+and\s+\w+)?\s+by\s+(?-i:{names}(?:\s*(?:,|\band\b|&)\s*{names})*)"
        rf"(?:\s+(?:in|for)\s+(?-i:{names}))?"
    )
    return regex.compile(rf"^\(?\s*{clause}(?:\s*[;,.]?\s*{clause})*\s*[.)]*\s*$", regex.IGNORECASE | regex.VERSION0)


_CONTRIBUTED = regex.compile(
    r"^\p{Lu}[\p{L}'’.\-]*(?:\s+[\p{L}'’.\-]+){0,3}(?:(?:,| and)\s+\p{Lu}[\p{L}'’.\-]*(?:\s+[\p{L}'’.\-]+){0,3})*"
    r"\s+contributed (?:reporting|research|to this (?:report|article|story))\b[^.]{0,80}\.?$"
    # "Associated Press writers Alan Fram, Zeke Miller and Jill Colvin contributed to this report."
    r"|^\p{Lu}[^.!?]{0,400}\bcontributed (?:reporting )?to this (?:report|article|story)\.?$"
)
_PART_SEPARATORS = ("|", "•", "·")
#: The closing bracket of each opening one a date stamp may stand in.
_BRACKETS = {"[": "]", "(": ")"}
# The slug line of a wire story, printed by sites that run the feed raw:
# "AP-US--Trump-Impeachment, 4th Ld-Writethru", "BC-EU--Britain-Brexit-Election, 1st Ld-Writethru".
_WIRE_SLUG = re.compile(
    r"^(?:AP|BC)-[A-Z]{2,4}-{1,2}[A-Za-z0-9]+(?:-{1,2}[A-Za-z0-9]+)*"
    r"(?:,\s*(?:\d+(?:st|nd|rd|th)\s+)?(?:Ld|Add|Adv)-?(?:Writethru|Insert)?)?$"
)


@lru_cache(maxsize=16)
def _byline_initials(phrases: PhraseSet) -> frozenset[str]:
    """First letters of the byline prefixes of every loaded language ("by", "von", "par"):
    a cheap test before the byline pattern."""
    return frozenset(p[:1].casefold() for p in phrases.extra.get("byline_prefixes", ("by",)) if p)


_PART_SPLIT = regex.compile(r"\s*[|•·]\s*")


@lru_cache(maxsize=16)
def _label_only(phrases: PhraseSet) -> re.Pattern[str]:
    """An empty label among the parts of a metadata line ("PUBLISHED: | UPDATED:"): the
    ``part_labels`` data."""
    labels = word_alternation(phrases.extra.get("part_labels", ())) or "(?!)"
    return re.compile(rf"^(?:{labels})\s*:?$", re.IGNORECASE)


@lru_cache(maxsize=16)
def _lone_date_label(phrases: PhraseSet) -> re.Pattern[str]:
    """A date label standing alone, its date printed elsewhere (or lost): "Updated",
    "Published:" (the ``lone_date_labels`` data)."""
    labels = word_alternation(phrases.extra.get("lone_date_labels", ())) or "(?!)"
    return re.compile(rf"^(?:{labels})\s*:?$", re.IGNORECASE)


@lru_cache(maxsize=16)
def _lone_by(phrases: PhraseSet) -> frozenset[str]:
    """A byline word alone on its line, the name on the next ("By" / "Jane Doe")."""
    return frozenset(w.casefold() for w in phrases.extra.get("lone_byline_prefixes", ()))


@lru_cache(maxsize=16)
def _name_connectors(phrases: PhraseSet) -> frozenset[str]:
    """The lower-case words a source or author name may hold ("Bank of England", "Ursula
    von der Leyen"): the ``name_connectors`` data."""
    return frozenset(w.casefold() for w in phrases.extra.get("name_connectors", ()))


def _metadata_parts(line: str, pats: DatePatterns, label_only: re.Pattern[str], connectors: frozenset[str]) -> bool:
    """A line of byline parts separated by ``|``, ``•`` or ``·`` -- every part a date stamp,
    a byline, a name or an empty label ("PUBLISHED: | UPDATED:") -- with a date or labels."""
    parts = [p for p in _PART_SPLIT.split(line.strip()) if p]
    if len(parts) < 2:
        return False
    dated = labels = 0
    for part in parts:
        if label_only.match(part):
            labels += 1
        elif pats.date_line.fullmatch(part) or pats.relative_time.fullmatch(part) or pats.reading_time.fullmatch(part):
            dated += 1
        elif not (pats.byline.fullmatch(part) or _looks_like_name(part.replace(",", " "), connectors)):
            return False
    return dated > 0 or labels == len(parts)


def _long_stamp(line: str, max_words: int, pats: DatePatterns) -> bool:
    """Two stamps in one line, of up to twice ``max_words`` words, that the date grammar reads
    whole: the word limit guards the name patterns, and a stamp with its update time
    ("Published Nov 18, 2019 at 4:07 PM | Updated at 5:36 PM CST on Nov 18, 2019") runs
    longer than a byline. Only lines with a separator between parts are tried (perf: long
    prose lines with a date are common, and the grammar runs in the slower ``regex``)."""
    return (
        any(sep in line for sep in _LONG_STAMP_SEPARATORS)
        and word_count(line) <= 2 * max_words
        and pats.screen.search(line) is not None
        and pats.date_line.fullmatch(line) is not None
    )


_LONG_STAMP_SEPARATORS = ("|", "•", "·", " / ")


def _unnamed_the(line: str, organisations: frozenset[str]) -> bool:
    """ "By The Numbers": a "By The ..." line that names no organisation is a subhead."""
    words = line.split()
    if len(words) < 2 or words[1].casefold() != "the":
        return False
    return not any(w.strip(",.|").casefold() in organisations for w in words[2:])


def _looks_like_name(text: str, connectors: frozenset[str]) -> bool:
    """A source or author name: one to five words, each capitalised (or a connector, or
    "&")."""
    words = text.strip(" ,|•·-–—").split()
    if not 1 <= len(words) <= 5:
        return False
    return all(w[:1].isupper() or w == "&" or w.lower() in connectors for w in words)


@lru_cache(maxsize=16)
def _candidate_screens(phrases: PhraseSet) -> tuple[re.Pattern[str], ...]:
    """Cheap patterns, one per branch of :func:`byline_date`, that every line a branch can
    report must match somewhere (perf: one search of the whole text each, instead of the
    branches' tests on every line)."""
    x = phrases.extra
    starts = {*x.get("byline_prefixes", ("by",)), *_lone_by(phrases)}
    lone_labels = word_alternation(x.get("lone_date_labels", ())) or "(?!)"
    credits = word_alternation(("additional", *x.get("credit_words", ())))
    start_words = "|".join(re.escape(w) for w in sorted(starts, key=len, reverse=True))
    return (
        # contact lines, metadata parts and list items, "X contributed to this report"
        re.compile(r"[@|•·▪]|contributed|twitter\.com/"),
        re.compile(r"^[^\S\n]*(?:AP|BC)-", re.MULTILINE),  # wire slugs
        re.compile(
            rf"^[^\S\n]*(?:{lone_labels})[^\S\n]*:?[^\S\n]*$", re.IGNORECASE | re.MULTILINE
        ),  # a date label alone
        # bylines, a lone "By": the word, then a space, a colon or the end of the line
        re.compile(rf"^[^\S\n]*(?:{start_words})(?:[\s:]|$)", re.IGNORECASE | re.MULTILINE),
        # sign-offs: "(Reporting by ...; Editing by ...)"
        re.compile(rf"^[^\S\n]*\(?[^\S\n]*(?:{credits})", re.IGNORECASE | re.MULTILINE),
        # editor credits: "[责任编辑：X]"
        _editor_credit(phrases),
    )


@lru_cache(maxsize=16)
def _editor_credit(phrases: PhraseSet) -> re.Pattern[str]:
    """An editor's credit in a line: an ``editor_labels`` word, a colon and a name
    ("[责任编辑：王婧]", "(责编： 山水)", "作者：孙伟 责任编辑：魏景芳"). The label must open the
    line or follow a space or a bracket, so that a compound word holding it is no credit."""
    labels = "|".join(re.escape(w) for w in sorted(phrases.extra.get("editor_labels", ()), key=len, reverse=True))
    if not labels:
        return re.compile("(?!)")
    return re.compile(rf"(?:^|(?<=[\s\[【(（]))(?:{labels})\s*[：:]\s*\S", re.MULTILINE)


_DIGIT = re.compile(r"\d")
#: A line that opens with a full date and its clock, year first or last, or in the CJK form
#: ("2012年01月12日 16:55", "2012-01-17 18:11", "17.01.2012 18:16"), maybe in a bracket: the
#: story's stamp, and after it only the stamp's company when the line is short and no sentence
#: ("来源：新华网 作者：X", "| 我来说两句 (0)", "已有0人阅读 字号：T | T 复制链接 打印").
_STAMP_LEAD = re.compile(
    r"\W{0,2}(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4})"
    r"\s*[,|]?\s*\d{1,2}:\d{2}(?!\d)"
)
#: A sentence's end with more text after it: a stamp before a headline and its standfirst
#: ("25.10.2011 15:18 Либо дети, либо фигура. Стройная фигура ...") is a teaser, not a stamp.
_INNER_SENTENCE_END = re.compile(r"[.!?]\s+\w|[。！？]\s*\w")
#: Every full date (what ``source_and_date`` ends with) holds a four-digit year or a numeric date.
_HAS_FULL_DATE = re.compile(r"\d{4}|\d[-/.]\d{1,2}[-/.]\d")


@lru_cache(maxsize=16)
def _relative_ending(phrases: PhraseSet) -> re.Pattern[str]:
    """A line that ends with a relative word: relative stamps without a digit ("Yesterday",
    "an hour ago") do. (A plain list of the words, not a prefix tree: the engine finds the
    lines that hold one of them through its literal scan.)"""
    x = phrases.extra
    words = {*x.get("relative_words", ("ago",)), *x.get("relative_lines", ())}
    if not words:
        return re.compile("(?!)")
    listed = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{listed})[^\S\n]*$", re.IGNORECASE | re.MULTILINE)


def _looks_at(phrases: Phrases) -> tuple[re.Pattern[str], ...]:
    """What a line :func:`byline_date` reports holds: a digit (stamps), one of the branches'
    openings (bylines, sign-offs, labels, wire slugs, contact lines), or a relative word at
    its end (relative stamps)."""
    return (_DIGIT, *_candidate_screens(phrases["byline-date"]), _relative_ending(phrases["byline-date"]))


@rule(
    "NC701",
    "byline-date",
    "Byline and date stubs ('By Jane Doe', '10 Jun, 2025 19:34', 'Al Jazeera14-06-2025')",
    defaults={"max_words": 16},
    # Local although a lone "By" reads the next line: that branch always removes the "By"
    # line itself, so the text without its removed lines holds no lone "By" to judge again.
    local=True,
    looks_at=LooksAt(patterns=_looks_at),
)
def byline_date(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes lines that are only a byline or a date stamp: ``By Jane Doe``,
    ``10 Jun, 2025 19:34``, ``Published: 3 hours ago``, a source glued to a date
    (``Al Jazeera14-06-2025``), ``5 min read``.

    Why: article metadata that scrapers flatten into the text; it belongs in fields, not in
    the body.

    Example: ``Al Jazeera14-06-2025`` between the headline and the first paragraph is removed.

    Also a date label standing alone (``Updated``, ``Published:``), whose date the page
    printed elsewhere; and a short line that opens with a full date and its clock and is no
    sentence (``2012年01月12日 16:55 来源：新华网``, ``2011-12-16 00:00:44 | 我来说两句 (0)``):
    the stamp and what sites print beside it (the source, a comment counter, font buttons);
    and a short line holding an editor's credit (``[责任编辑：王婧]``, ``(责编： 山水)``, the
    ``editor_labels`` data) that is no sentence.

    Keeps: sentences with dates ("On June 2, Istanbul hosted the talks."), a bare clock time
    (live-blog entries), a short name plus a date without a year ("Deadline June 30"), and
    sentences that begin with "By" ("By Monday, the army had moved.").
    """
    phrases = ctx.phrases["byline-date"]
    pats = date_patterns(phrases)
    reach_re = phrases.pattern("reach_the_reporter", re.IGNORECASE)
    byline_initials = _byline_initials(phrases)
    organisations = frozenset(phrases.extra.get("byline_organisations", ()))
    max_words = int(ctx.options["max_words"])
    sign_off, lone_date_label, label_only = _sign_off(phrases), _lone_date_label(phrases), _label_only(phrases)
    lone_by, connectors = _lone_by(phrases), _name_connectors(phrases)
    editor_credit = _editor_credit(phrases)
    lines = doc.lines
    for i in ctx.candidates:
        line = lines[i].strip()
        if line[:1] in "•·▪":  # a list item: "• Updated: 18 Nov 2019, 19:11"
            line = line[1:].lstrip()
        if (
            ("@" in line or "twitter.com/" in line)
            and len(line) <= 400
            and word_count(line) <= 45
            and reach_re.fullmatch(line)
        ):
            # A contact line names an address or a handle: "... may be reached at a@b.com".
            start, end = doc.line_span(i)
            yield Hit(start, end, f"contact line {line[:50]!r}")
            continue
        if len(line) > 320 or (
            word_count(line) > max_words
            and not sign_off.match(line)
            and not ("contributed" in line and _CONTRIBUTED.match(line))
            and not _long_stamp(line, max_words, pats)
        ):
            continue
        has_digit = any(map(str.isdigit, line))  # perf: same test, no generator frame
        kind = None
        if has_digit:
            if not pats.screen.search(line):
                pass  # perf: no month, numeric date, clock or "ago": none of the stamps can match
            elif pats.date_line.fullmatch(line) or (
                # "[2012-01-06 12:30]", "(12.01.2012)": a stamp in brackets (comment lists)
                _BRACKETS.get(line[:1]) == line[-1:] and pats.date_line.fullmatch(line[1:-1].strip())
            ):
                kind = "date stamp"
            elif pats.reading_time.fullmatch(line):
                kind = "reading time"
            elif _HAS_FULL_DATE.search(line):  # perf: the slow pattern needs a year or a numeric date
                m = pats.source_and_date.fullmatch(line)
                if m and _looks_like_name(line[: m.start("date")], connectors):
                    kind = "source and date"
        elif pats.relative_time.fullmatch(line):
            kind = "date stamp"
        if kind is None and line[:1].casefold() in byline_initials and not ends_sentence(line):
            if pats.byline.fullmatch(line) and not _unnamed_the(line, organisations):
                kind = "byline"
        if kind is None and sign_off.match(line):
            kind = "reporting credits"
        if kind is None and "contributed" in line and _CONTRIBUTED.match(line):
            kind = "reporting credits"
        if kind is None and line[:3] in ("AP-", "BC-") and _WIRE_SLUG.match(line):
            kind = "wire slug"
        if (
            kind is None
            and any(sep in line for sep in _PART_SEPARATORS)
            and _metadata_parts(line, pats, label_only, connectors)
        ):
            kind = "byline and date"
        if kind is None and has_digit and not ends_sentence(line):
            lead = _STAMP_LEAD.match(line)
            if lead and not _INNER_SENTENCE_END.search(line, lead.end()):
                kind = "date stamp and its metadata"
        if kind is None and editor_credit.search(line) and not ends_sentence(line):
            kind = "editor credit"
        if kind is None and lone_date_label.match(line):
            kind = "date label"
        if kind is None and line.rstrip(":").lower() in lone_by:
            nxt = doc.next_nonblank(i)
            if nxt is not None and _looks_like_name(doc.lines[nxt], connectors) and word_count(doc.lines[nxt]) <= 5:
                start, end = doc.block_span(i, nxt)
                yield Hit(start, end, f"byline {line!r} {doc.lines[nxt].strip()[:40]!r}")
                continue
            kind = "byline"
        if kind:
            start, end = doc.line_span(i)
            yield Hit(start, end, f"{kind} {line[:50]!r}")


@lru_cache(maxsize=16)
def _bio_pattern(phrases: PhraseSet) -> regex.Pattern[str]:
    roles = "|".join(regex.escape(r) for r in sorted(phrases.extra.get("roles", ()), key=len, reverse=True))
    name = r"\p{Lu}[\p{L}'’.\-]*"
    return regex.compile(
        rf"^(?:{name}\s+){{0,3}}{name}(?:\s*\([^()]{{1,60}}\))?\s+(?:is|was|has been|serves as)\s+(?:an?|the)\s+"
        rf"(?:[\p{{L}}\-,' ]{{0,60}}?\s)?(?:{roles or '(?!)'})s?\b"
        rf"|^(?:{name}\s+){{0,3}}{name}\s+(?:writes|covers|reports on|reports for|is reporting)\b"
    )


@rule(
    "NC702",
    "author-bio",
    "Author bios at the end of an article ('Jane Doe is a reporter for ...')",
    stage=2,
    defaults={"max_words": 80},
)
def author_bio(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes short paragraphs that introduce the author -- ``Jane Doe is a corporate media
    reporter for the Times, covering ...``, ``John Roe writes a daily blog ...`` -- when they
    stand in the tail of the text: after them come only lines other rules removed, more bios,
    or nothing.

    Why: the author's profile, printed under every article they write.

    Example: a last paragraph ``Meg James is a media reporter for the Los Angeles Times.`` is
    removed.

    Also removes an ``About the author`` header with up to three short lines under it.

    Keeps: the same kind of sentence inside the article (a profile of a journalist) -- any
    line followed by article text survives -- and paragraphs longer than ``max_words``.
    """
    phrases = ctx.phrases["author-bio"]
    bio = _bio_pattern(phrases)
    max_words = int(ctx.options["max_words"])
    removed = ctx.removed.lines()
    hits: list[int] = []
    for i in reversed(doc.nonblank):
        if i in removed:
            continue
        line = doc.lines[i].strip()
        if word_count(line) <= max_words and bio.match(line):
            hits.append(i)
            continue
        break
    for i in reversed(hits):
        start, end = doc.line_span(i)
        yield Hit(start, end, f"author bio {doc.lines[i].strip()[:50]!r}")
    # "About the author" and the short lines under it (name, one-line bio).
    positions = doc.position_in_nonblank
    for i in doc.stub_lines(phrases.lines, phrases.patterns, 40):
        p = positions[i]
        block = [i]
        for j in doc.nonblank[p + 1 : p + 4]:
            if j in removed or word_count(doc.lines[j]) > 40:
                break
            block.append(j)
        start, end = doc.block_span(block[0], block[-1])
        yield Hit(start, end, f"author box under {doc.lines[i].strip()!r} ({len(block)} line(s))")

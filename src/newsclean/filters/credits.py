"""Caption credits: wire-agency boilerplate, photo credits, image alt-text stubs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from ..document import Document
from ..phrases import PhraseSet
from ..registry import Context, LooksAt, rule
from ..spans import Hit
from ._lines import marker_lines, matching_stub_lines, whole_line_hits, word_count


@lru_cache(maxsize=16)
def _weak_caption_markers(phrases: PhraseSet) -> re.Pattern[str]:
    words = sorted(phrases.extra.get("weak_markers", ()), key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words) or r"(?!)")


@rule(
    "NC501",
    "caption-credit",
    "Wire-agency caption boilerplate ('EDITORIAL USE ONLY - MANDATORY CREDIT ...')",
    defaults={"max_words": 120},
    local=True,
    looks_at=LooksAt(
        patterns=lambda phrases: (
            phrases["caption-credit"].markers,
            _weak_caption_markers(phrases["caption-credit"]),
        )
    ),
)
def caption_credit(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes caption lines that carry wire-agency licensing boilerplate: ``EDITORIAL USE
    ONLY``, ``MANDATORY CREDIT``, ``NO MARKETING NO ADVERTISING CAMPAIGNS``,
    ``DISTRIBUTED AS A SERVICE TO CLIENTS``.

    Why: the agency's instructions to editors, pasted with the photo caption; the caption that
    follows them is the picture desk's text, which the article's own caption repeats.

    Example: ``ODESA, UKRAINE JUNE 17: (----EDITORIAL USE ONLY - MANDATORY CREDIT ...) Residents
    stand in front of ...`` is removed whole.

    Keeps: any line where the markers are not in capitals (an article about licensing saying
    "for editorial use only"), a headline in capitals with one short marker ("NO SALES TAX ON
    FOOD"), and paragraphs longer than ``max_words``.
    """
    phrases = ctx.phrases["caption-credit"]
    weak_re = _weak_caption_markers(phrases)
    max_words = int(ctx.options["max_words"])
    for i in ctx.candidates:
        line = doc.lines[i]
        found = phrases.markers.findall(line)
        weak = weak_re.findall(line)
        if (found or len(set(weak)) >= 2) and word_count(line) <= max_words:
            found = found + weak
            start, end = doc.line_span(i)
            yield Hit(start, end, f"agency caption boilerplate ({', '.join(sorted(set(found)))[:60]})")


@lru_cache(maxsize=16)
def _credit_patterns(
    phrases: PhraseSet,
) -> tuple[
    re.Pattern[str],
    tuple[tuple[Callable[[str], bool], re.Pattern[str]], ...],
    tuple[re.Pattern[str], ...],
    re.Pattern[str],
]:
    def alt(words: tuple[str, ...]) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"

    agencies, labels = alt(phrases.extra.get("agencies", ())), alt(phrases.extra.get("labels", ()))
    name = r"[^\W\d_][\w'’.\-]*"
    names = rf"{name}(?:\s+{name}){{0,4}}"
    agency = rf"(?:{agencies})(?:(?:\s+(?:via|for|/)\s+|\s*\|\s*)(?:{agencies}))?(?:\s+(?:photo|images?))?"
    # A line that is only a credit: "Photo: Jane Doe/Reuters", "Image source, Getty Images",
    # "(AFP via Getty Images)", "© Reuters", "Credit: Jane Doe".
    whole = re.compile(
        rf"^[\s(\[]*(?:(?:{labels})\s*(?:by)?\s*[:,]?\s*)?(?:©|\(c\)|copyright)?\s*"
        rf"(?:(?:{names})\s*(?:/|\||,|-|–|for)\s*)?(?:{agency})[\s)\].]*$"
        rf"|^[\s(\[]*(?:{labels})\s*(?:by)?\s*(?:[:,]|\.{{2,}}|…)\s*(?:©\s*)?{names}(?:\s*(?:/|\sfor\s)\s*{names})*[\s)\].]*$",
        re.IGNORECASE,
    )
    # A credit at the end of a caption line: "... in Paris. Photo: Jane Doe/AFP", "... (Reuters)",
    # "... © AP", "... Jane Doe/Getty Images". A bare agency name after prose is not a credit
    # ("... the deal was a swap" must not lose "ap"): it needs brackets, a label, © or a slash.
    credit_body = rf"(?:©\s*)?(?:(?:{names})\s*/\s*)?\b(?:{agency})\b"
    forms = (
        rf"\s*[(\[]\s*(?:(?:{labels})\s*(?:by)?\s*[:,]?\s*)?(?:{credit_body}|{names}\s*/\s*{names})\s*[)\]]\.?\s*$",
        rf"\s+(?:{labels})\s*(?:by)?\s*:\s*(?:{credit_body}|(?:©\s*)?{names}(?:\s*/\s*{names})?)\.?\s*$",
        # after a comma only an agency: "... Image source, Getty Images" is a credit, "... confirmed
        # by the source, John Smith." is the article's sentence
        rf"\s+(?:{labels})\s*(?:by)?\s*,\s*{credit_body}\.?\s*$",
        rf"\s*©\s*{names}\.?\s*$",
        rf"\s+{names}\s*/\s*\b(?:{agency})\b\.?\s*$",
        # glued to the caption by the extractor, as tabloids print it: "...sought treatmentCredit: EPA"
        rf"(?<=[^\W\d_.,;:!?)”’\"'])(?-i:Credit)\s*:\s*(?:{credit_body}|{names}(?:\s*[-–/]\s*{names})?)\.?\s*$",
    )
    # The forms are tried one by one: the leftmost of their matches is what searching them
    # joined by "|" finds (tests/test_bulk.py compares the two).
    # For each form, in order, a test that every line it matches passes: a bracketed credit
    # closes the line, a labelled one ends with its label's separator and a credit, the others
    # hold "©", "/" or a case-sensitive "Credit" (perf: most prose lines pass none of the
    # tests, and the names pattern backtracks at every space of a line it is searched in).
    label_words = tuple(sorted({w.lower() for w in phrases.extra.get("labels", ())}))
    label_screen = _label_before_last_separator(label_words)
    screens = (_ends_in_bracket, label_screen, label_screen, _has_copyright_sign, _has_slash, _has_glued_credit)
    trailing_forms = tuple(zip(screens, (re.compile(f, re.IGNORECASE) for f in forms)))
    # Every line one of the forms matches holds a label followed by its separator, or one of
    # ")", "]", "©", "/", "Credit": Document.search_lines finds those with a literal scan.
    screens_as_patterns = (
        re.compile(rf"(?:{labels})\s*(?:by)?\s*[:,]", re.IGNORECASE),
        re.compile(r"[)\]©/]|Credit"),
    )
    # A caption label in front of the caption (BBC style): "Image caption, Rescue teams ...".
    label_prefix = re.compile(r"^\s*(?:image|media|video|photo) caption\b\s*[,:]?\s*", re.IGNORECASE)
    return whole, trailing_forms, screens_as_patterns, label_prefix


def _ends_in_bracket(line: str) -> bool:
    return line.rstrip().endswith((")", "]", ").", "]."))


def _label_before_last_separator(labels: tuple[str, ...]) -> Callable[[str], bool]:
    """A test that the last ":" or "," of a line follows one of ``labels`` (lower case), with
    an optional "by" between: the labelled form's credit holds neither character, so its
    separator is the line's last. Lines that are not ASCII get the weaker test (a separator
    anywhere): ``re.IGNORECASE`` equates some non-ASCII letters with ASCII ones ("ſ", "ı")."""

    def screen(line: str) -> bool:
        last = max(line.rfind(":"), line.rfind(","))
        if last < 0:
            return False
        if not line.isascii():
            return True
        before = line[:last].rstrip().lower()
        if before.endswith(labels):
            return True
        return before.endswith("by") and before[:-2].rstrip().endswith(labels)

    return screen


def _has_copyright_sign(line: str) -> bool:
    return "©" in line


def _has_slash(line: str) -> bool:
    return "/" in line


def _has_glued_credit(line: str) -> bool:
    return "Credit" in line


def _trailing_credit(
    line: str, forms: tuple[tuple[Callable[[str], bool], re.Pattern[str]], ...], pos: int = 0
) -> int | None:
    """Where the leftmost trailing credit of ``line`` at or after ``pos`` starts, or ``None``:
    what searching the forms joined by ``|`` gives (the leftmost match of a union is the
    leftmost of the leftmost matches of its parts), without trying a form whose screen
    (see :data:`_FORM_SCREENS`) the line fails."""
    best = None
    for screen, form in forms:
        if screen(line):
            m = form.search(line, pos)
            if m is not None and (best is None or m.start() < best):
                best = m.start()
    return best


def _odd_case_short_word(text: str) -> bool:
    """A short word in neither capitals, lower case nor title case ("ePA", "eBay", "pH"): an
    abbreviation of the article ("die elektronische Patientenakte (ePA)"), not an agency
    credit, which is written "(EPA)", "(dpa)", "(Reuters)"."""
    return any(len(w) <= 4 and w not in (w.upper(), w.lower(), w.capitalize()) for w in re.findall(r"[^\W\d_]+", text))


#: Words a credit may hold in lower case besides its label and the agency names.
_CREDIT_CONNECTORS = frozenset(
    {"by", "via", "for", "of", "and", "de", "van", "von", "da", "di", "del", "la", "le", "bin", "al", "el"}
)


@lru_cache(maxsize=16)
def _credit_vocabulary(phrases: PhraseSet) -> frozenset[str]:
    """The words of the labels and agency names, lower-cased: what a credit may hold besides
    capitalised names."""
    words = {
        w
        for phrase in (*phrases.extra.get("labels", ()), *phrases.extra.get("agencies", ()))
        for w in phrase.lower().split()
    }
    return frozenset(words | _CREDIT_CONNECTORS)


def _names_a_source(credit: str, vocabulary: frozenset[str]) -> bool:
    """Every word of a trailing credit is a label word, an agency name, a connector or a
    capitalised name: "Photo: Jane Doe/Reuters", "(AFP via Getty Images)". A sentence that
    merely ends after a label word is prose ("... on one source: the ministry itself.")."""
    for word in re.findall(r"[^\W\d_][\w'’.\-]*", credit):
        if not word[0].isupper() and word.lower() not in vocabulary:
            return False
    return True


@rule(
    "NC502",
    "photo-credit",
    "Photo credits ('Photo: Jane Doe/Reuters', 'Image source, Getty Images', trailing '(AFP)')",
    defaults={"max_caption_words": 45},
    local=True,
)
def photo_credit(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes photo credits: lines that are only a credit (``Photo: Jane Doe/Reuters``,
    ``Image source, Getty Images``, ``AFP via Getty Images``), a credit at the end of a
    caption line (only the credit is removed, the caption stays), and the ``Image caption,``
    label in front of a caption.

    Why: picture-desk metadata; the caption itself may be the story's only mention of a place,
    so it is kept and only the credit is cut.

    Example: ``Rescue teams in Derna on Monday. Photo: Jane Doe/Reuters`` becomes ``Rescue
    teams in Derna on Monday.``

    Also a credit glued to its caption by the extractor, as tabloids print it: ``... where the
    patients were treatedCredit: Getty - Contributor``.

    Keeps: the caption text, datelines such as ``LONDON (Reuters) -`` (the credit must end the
    line), credits at the end of long paragraphs (more than ``max_caption_words`` words),
    which are prose that merely ends with an agency's name, and a sentence that ends after a
    label word ("... according to one source: the ministry itself."): every word of a credit
    is a label, an agency, a connector ("via", "for") or a capitalised name.
    """
    phrases = ctx.phrases["photo-credit"]
    whole, trailing_forms, trailing_screens, label_prefix = _credit_patterns(phrases)
    max_caption_words = int(ctx.options["max_caption_words"])
    vocabulary = _credit_vocabulary(phrases)
    stub_lines = set(matching_stub_lines(doc, phrases, max_chars=40))
    lines = doc.lines
    whole_lines = {i for i in doc.nonblank if len(lines[i]) <= 120 and whole.match(lines[i])}
    # perf: a line yields nothing unless it is a stub, a whole credit, starts with a caption
    # label or may hold a trailing credit; search_lines finds supersets of the last two.
    may_trail = set().union(*(doc.search_lines(p) for p in trailing_screens))
    candidates = stub_lines.union(whole_lines, may_trail, doc.search_lines(label_prefix))
    for i in sorted(candidates):
        line = lines[i]
        if i in stub_lines or i in whole_lines:
            start, end = doc.line_span(i)
            yield Hit(start, end, f"photo credit {line.strip()[:50]!r}")
            continue
        if len(line) > 600:
            continue
        start = doc.starts[i]
        m = label_prefix.match(line)
        if m:
            yield Hit(start + m.start(), start + m.end(), "caption label")
        if i in may_trail and word_count(line) <= max_caption_words:
            t = _trailing_credit(line, trailing_forms)
            # The names pattern takes any words; the credit starts where only names are left:
            # "... retiring early isn't easy. Kathrin Ziegler/Getty" loses "Kathrin Ziegler/Getty".
            while t is not None and not _names_a_source(line[t:], vocabulary):
                t = _trailing_credit(line, trailing_forms, t + 1)
            if t is not None and t > (m.end() if m else 0) and line[:t].strip() and not _odd_case_short_word(line[t:]):
                yield Hit(start + t, start + len(line.rstrip()), f"credit {line[t:].strip()[:40]!r}")


@rule(
    "NC503", "image-alt-stub", "Image alt-text stubs ('Orange background', 'Image 3 of 12', 'placeholder')", local=True
)
def image_alt_stub(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes lines that are the alt text or chrome of an image: ``Orange background``,
    ``Image 3 of 12``, ``placeholder``, ``photo_123.jpg``.

    Why: the alt text of decorative images and gallery counters says nothing about the story.

    Example: ``Orange background`` on its own line is removed.

    Keeps: real captions (a description of what the picture shows is a sentence or a phrase
    about people and places, not a colour or a counter).
    """
    hits = matching_stub_lines(doc, ctx.phrases["image-alt-stub"], max_chars=300)
    yield from whole_line_hits(doc, hits, "image alt stub {line!r}")


@rule(
    "NC504",
    "wire-photo-caption",
    "Wire-agency photo captions ('In this Oct. 28, 2019, file photo, ...', 'FILE PHOTO: ... REUTERS/...')",
    defaults={"max_words": 100},
    local=True,
)
def wire_photo_caption(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes photo captions written in the wire agencies' formulas: ``FILE - In this
    Monday, Oct. 28, 2019, file photo, ...``, ``This photo provided by NASA shows ...``,
    ``FILE PHOTO: ... REUTERS/Jane Doe``, or any caption ending in ``(AP Photo/Jane Doe)``.

    Why: the picture desk's description of a photo that is not in the text; the gold
    article bodies of the Scrapinghub benchmark never contain them.

    Example: ``FILE PHOTO: The WeWork logo is displayed in New York, January 8, 2019.
    REUTERS/Brendan McDermid`` is removed.

    Keeps: sentences about photos ("This photo, taken in 1945, shows the harbour."): the
    formula needs a date, a "provided by" clause, a FILE prefix or an agency credit.
    """
    markers = ctx.phrases["wire-photo-caption"].markers
    found = marker_lines(doc, markers, int(ctx.options["max_words"]), max_chars=900)
    yield from whole_line_hits(doc, found, "wire photo caption {line!r}")

"""Caption credits: wire-agency boilerplate, photo credits, image alt-text stubs."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache

from ..document import Document
from ..engine.endings import ends_with
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
    prefixes = alt(phrases.extra.get("prefix_labels", ()))
    # Full-width colons and brackets are how Chinese and Japanese captions write them
    # ("图片来源：新华社", "（新华社）"); a source line may end with its stamp ("Πηγή: ΑΠΕ 08/11/11-15:24").
    stamp = r"(?:\s+\d{1,2}[/.]\d{1,2}[/.]\d{2,4}(?:\s*[-,]?\s*\d{1,2}:\d{2})?)?"
    whole = re.compile(
        rf"^[\s(\[（]*(?:(?:{labels})\s*(?:by)?\s*[:,：]?\s*)?(?:©|\(c\)|copyright)?\s*"
        rf"(?:(?:{names})\s*(?:/|\||,|-|–|for)\s*)?(?:{agency}){stamp}[\s)\]）.]*$"
        rf"|^[\s(\[（]*(?:{labels})\s*(?:by)?\s*(?:[:,：]|\.{{2,}}|…)\s*(?:©\s*)?"
        rf"(?P<named>{names}(?:\s*(?:/|\sfor\s)\s*{names})*){stamp}[\s)\]）.]*$"
        # labels written without a separator: "Fot. Jan Kowalski/PAP", "图/新华社", "Фото с сайта lenta.ru"
        rf"|^[\s(\[（]*(?:{prefixes})\s*(?P<prefixed>{names}(?:\s*/\s*{names})*)[\s)\]）.]*$",
        re.IGNORECASE,
    )
    # A credit at the end of a caption line: "... in Paris. Photo: Jane Doe/AFP", "... (Reuters)",
    # "... © AP", "... Jane Doe/Getty Images". A bare agency name after prose is not a credit
    # ("... the deal was a swap" must not lose "ap"): it needs brackets, a label, © or a slash.
    credit_body = rf"(?:©\s*)?(?:(?:{names})\s*/\s*)?\b(?:{agency})\b"
    forms = (
        rf"\s*[(\[]\s*(?:(?:{labels})\s*(?:by)?\s*[:,]?\s*)?(?:{credit_body}|{names}\s*/\s*{names})\s*[)\]]\.?\s*$",
        rf"\s+(?:{labels})\s*(?:by)?\s*[:：]\s*(?:{credit_body}|(?:©\s*)?{names}(?:\s*/\s*{names})?)\.?\s*$",
        # after a comma only an agency: "... Image source, Getty Images" is a credit, "... confirmed
        # by the source, John Smith." is the article's sentence
        rf"\s+(?:{labels})\s*(?:by)?\s*,\s*{credit_body}\.?\s*$",
        rf"\s*©\s*{names}\.?\s*$",
        rf"\s+{names}\s*/\s*\b(?:{agency})\b\.?\s*$",
        # glued to the caption by the extractor, as tabloids print it: "...sought treatmentCredit: EPA"
        rf"(?<=[^\W\d_.,;:!?)”’\"'])(?-i:Credit)\s*:\s*(?:{credit_body}|{names}(?:\s*[-–/]\s*{names})?)\.?\s*$",
        # a label written without a separator: "... под микроскопом. Фото с сайта yandex.ru"
        rf"\s+(?:{prefixes})\s*{names}(?:\s*/\s*{names})*\.?\s*$",
    )
    # The forms are tried one by one: the leftmost of their matches is what searching them
    # joined by "|" finds (tests/test_bulk.py compares the two).
    # For each form, in order, a test that every line it matches passes: a bracketed credit
    # closes the line, a labelled one ends with its label's separator and a credit, the others
    # hold "©", "/" or a case-sensitive "Credit" (perf: most prose lines pass none of the
    # tests, and the names pattern backtracks at every space of a line it is searched in).
    label_words = tuple(sorted({w.lower() for w in phrases.extra.get("labels", ())}))
    label_screen = _label_before_last_separator(label_words)
    screens = (
        _ends_in_bracket,
        label_screen,
        label_screen,
        _has_copyright_sign,
        _has_slash,
        _has_glued_credit,
        _prefix_label_screen(tuple(sorted({w.lower() for w in phrases.extra.get("prefix_labels", ())}))),
    )
    trailing_forms = tuple(zip(screens, (re.compile(f, re.IGNORECASE) for f in forms)))
    # Every line one of the forms matches holds a label followed by its separator, or one of
    # ")", "]", "©", "/", "Credit": Document.search_lines finds those with a literal scan.
    # The last form needs a label written without a separator.
    screens_as_patterns = (
        re.compile(rf"(?:{labels})\s*(?:by)?\s*[:,：]", re.IGNORECASE),
        re.compile(r"[)\]©/]|Credit"),
        *((re.compile(rf"(?:{prefixes})", re.IGNORECASE),) if phrases.extra.get("prefix_labels") else ()),
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
        last = max(line.rfind(":"), line.rfind(","), line.rfind("："))
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


def _prefix_label_screen(prefixes: tuple[str, ...]) -> Callable[[str], bool]:
    """The screen of the form without a separator: one of its labels is in the line. Without
    it the form's names pattern, which backtracks at every space, was searched in every line
    holding a bracket or slash (NC502 took 46 % of ``check``'s time)."""

    def screen(line: str) -> bool:
        lower = line.lower()
        return any(p in lower for p in prefixes)

    return screen


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
    tables = ("labels", "prefix_labels", "agencies", "connectors")
    words = {w for table in tables for phrase in phrases.extra.get(table, ()) for w in phrase.lower().split()}
    return frozenset(words | _CREDIT_CONNECTORS)


def _names_a_source(credit: str, vocabulary: frozenset[str]) -> bool:
    """Every word of a trailing credit is a label word, an agency name, a connector or a
    capitalised name: "Photo: Jane Doe/Reuters", "(AFP via Getty Images)". A sentence that
    merely ends after a label word is prose ("... on one source: the ministry itself.")."""
    for word in re.findall(r"[^\W\d_][\w'’.\-]*", credit):
        # a word of a script without case is no capitalised name: "(标准值/实测值)" is a table's
        # heading, "图/新华社" names an agency
        if not word[0].isupper() and word.lower() not in vocabulary and not _is_site(word):
            return False
    return True


def _is_site(word: str) -> bool:
    """A site named as the source, in lower case: "lenta.ru", "e-diet.gr" (not the join of
    two sentences, "easy.Kathrin")."""
    return word == word.lower() and _DOMAIN.fullmatch(word) is not None


def _caseless_words_are_names(credit: str) -> bool:
    """A script without case (Chinese) has no capitals to tell a name: a name is short, a run
    of more than :data:`_MAX_CASELESS_NAME` characters is a sentence ("来源：这座大桥的...")."""
    for word in re.findall(r"[^\W\d_][\w'’.\-]*", credit):
        if not word[0].isupper() and not word[0].islower() and len(word) > _MAX_CASELESS_NAME:
            return False
    return True


#: A site named as the source: "lenta.ru", "e-diet.gr", "topmodel.tvn.pl".
_DOMAIN = re.compile(r"[\w\-]+(?:\.[\w\-]+)*\.[^\W\d_]{2,}")
#: The longest word of a caseless script a credit may hold (a Chinese agency or paper name
#: is 2-8 characters; "中国经济网" , "每日经济新闻").
_MAX_CASELESS_NAME = 16


def _whole_credit(line: str, whole: re.Pattern[str], vocabulary: frozenset[str]) -> bool:
    """The line is only a credit: an agency; a label, its separator and up to five names
    ("Photo: Jane Doe", "来源： 中广网", but not a Chinese sentence after the label); or a label
    written without a separator and names that read as a source (every word capitalised, a
    site, or a credit word): "Fot. Jan Kowalski/PAP" is one, "Фото с Путиным облетело сеть"
    is a headline."""
    m = whole.match(line)
    if m is None:
        return False
    if m.group("prefixed"):
        return _names_a_source(m.group("prefixed"), vocabulary)
    named = m.group("named")
    return named is None or _caseless_words_are_names(named)


@lru_cache(maxsize=16)
def _credit_candidates(phrases: PhraseSet) -> tuple[re.Pattern[str], ...]:
    """What NC502 declares it looks at, besides its stubs and :func:`_credit_end`: every line
    it reports holds one of these patterns or passes that test. A trailing credit or a caption
    label holds a screen of :func:`_credit_patterns` or the caption label; a whole-line credit
    of the second form holds a label followed by its separator, one of the third form a label
    written without one (a screen too); one of the first form ends with an agency
    (:func:`_credit_end`)."""
    _, _, screens, label_prefix = _credit_patterns(phrases)
    labels = _alternation(phrases.extra.get("labels", ()))
    return (
        *screens,
        label_prefix,
        re.compile(rf"(?:{labels})\s*(?:by)?\s*(?:[:,：]|\.{{2,}}|…)", re.IGNORECASE),
    )


@lru_cache(maxsize=16)
def _credit_end(phrases: PhraseSet) -> Callable[[str], bool]:
    """The line test of NC502: a line of at most 120 characters that may be a whole-line
    credit of the first form of :func:`_credit_patterns` (``Foto: AA``, ``(AP)``, ``Jane
    Doe/PA``, ``Getty Images``). Its last agency is followed only by an optional ``photo`` or
    ``images``, an optional stamp and closing brackets, dots and spaces; so the line, with
    those stripped from its end, ends with an agency, ``photo``, ``image`` or ``images``
    (compared as ``re.IGNORECASE`` does), or with a stamp's year or time.

    Perf: the agencies include "AP", "PA" and "AA", too short for the engine's literal
    prefilter; without this test the whole-line pattern was tried on every short line
    (NC502 took 13 % of ``check``)."""
    agencies = tuple(phrases.extra.get("agencies", ()))
    if not agencies:
        return _never
    return ends_with((*agencies, "photo", "image", "images"), ")]）.", 120, _ends_in_stamp)


def _never(line: str) -> bool:
    return False


def _ends_in_stamp(stripped: str) -> bool:
    """The end of a stamp: ``[/.]`` and two to four digits (``08/11/2011``), or ``:`` and two
    (``15:24``); ``\\d`` is any decimal digit, as ``str.isdecimal`` tells."""
    n = len(stripped)
    k = n
    while k > 0 and stripped[k - 1].isdecimal():
        k -= 1
    digits = n - k
    if digits < 2 or k == 0:
        return False
    before = stripped[k - 1]
    return (before in "/." and digits <= 4) or (before == ":" and digits == 2)


def _alternation(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or "(?!)"


@rule(
    "NC502",
    "photo-credit",
    "Photo credits ('Photo: Jane Doe/Reuters', 'Image source, Getty Images', trailing '(AFP)')",
    defaults={"max_caption_words": 45},
    local=True,
    looks_at=LooksAt(
        stub_tables=("photo-credit",),
        stub_max_chars=40,
        patterns=lambda phrases: _credit_candidates(phrases["photo-credit"]),
        line_test=lambda phrases: _credit_end(phrases["photo-credit"]),
    ),
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
    patients were treatedCredit: Getty - Contributor``; the labels and agencies of each
    language's phrase file (``Фото: Иван Петров / ТАСС``, ``Φωτογραφία: Eurokinissi``,
    ``Fotoğraf: AA``), full-width colons (``图片来源：新华社``), and labels written without a
    separator (``Fot. PAP/Radek Pietruszka``, ``图/新华社``, ``Фото с сайта lenta.ru``).

    Keeps: the caption text, datelines such as ``LONDON (Reuters) -`` (the credit must end the
    line), credits at the end of long paragraphs (more than ``max_caption_words`` words),
    which are prose that merely ends with an agency's name, and a sentence that ends after a
    label word ("... according to one source: the ministry itself."): every word of a credit
    is a label, an agency, a connector ("via", "for") or a capitalised name. After a label
    without a separator the same holds ("Фото с Путиным облетело сеть" is a headline), and in
    a script without case a name is at most 16 characters ("来源：" before a sentence is prose).
    """
    phrases = ctx.phrases["photo-credit"]
    whole, trailing_forms, _, label_prefix = _credit_patterns(phrases)
    max_caption_words = int(ctx.options["max_caption_words"])
    vocabulary = _credit_vocabulary(phrases)
    stub_lines = set(matching_stub_lines(doc, phrases, max_chars=40))
    lines = doc.lines
    for i in ctx.candidates:
        line = lines[i]
        if i in stub_lines or (len(line) <= 120 and _whole_credit(line, whole, vocabulary)):
            start, end = doc.line_span(i)
            yield Hit(start, end, f"photo credit {line.strip()[:50]!r}")
            continue
        if len(line) > 600:
            continue
        start = doc.starts[i]
        m = label_prefix.match(line)
        if m:
            yield Hit(start + m.start(), start + m.end(), "caption label")
        if word_count(line) <= max_caption_words:
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

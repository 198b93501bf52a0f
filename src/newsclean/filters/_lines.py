"""Line-shape helpers shared by the filters: what prose, stubs and headlines look like."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from ..document import Document

# word_count is defined beside the per-line table the engine builds (and compiles)
from ..engine.lines import CHARS_PER_WORD as CHARS_PER_WORD
from ..engine.lines import ends_sentence as ends_sentence
from ..engine.lines import word_count as word_count
from ..phrases import PhraseSet, word_alternation
from ..spans import Hit

#: A sentence ends here: terminal punctuation, then optional closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?…。！？؟।][\"'”’»)\]]*\s*$")
#: A line that is only punctuation or bullets ("-", "|", "•", "···").
SEPARATOR_LINE = re.compile(r"^[\s\-–—|•·*_=~/\\#+.,:;>›»<‹«]+$")


#: Reported speech: a line that attributes words to someone is the article quoting a prompt
#: or a banner, never the prompt itself ("Sign up for the county's alerts now, officials told
#: residents ..."; the regulator said the banner read "we use cookies ..."). Quotation marks
#: alone are no sign: banners quote their own buttons ('By clicking "Accept all", ...').
#: The words are the ``speech_words`` lists of the ``reported-speech`` phrase table, one per
#: language ("said", "sagte", "a déclaré", "dijo", ...).
@lru_cache(maxsize=16)
def _reported_speech(phrases: PhraseSet) -> re.Pattern[str]:
    words = phrases.extra.get("speech_words", ("said", "says", "told", "according to"))
    return re.compile(rf"\b(?:{word_alternation(words)})\b", re.IGNORECASE)


def is_reported_speech(text: str, phrases: PhraseSet) -> bool:
    """True when the line attributes speech to someone, in any loaded language;
    ``phrases`` is the ``reported-speech`` phrase set."""
    return _reported_speech(phrases).search(text) is not None


def is_prose(text: str) -> bool:
    """A line of running text: several words and a sentence ending."""
    return word_count(text) >= 8 and ends_sentence(text)


def is_text(text: str) -> bool:
    """A line of running text, in any script: a prose line, a sentence of a script written
    without spaces (30 characters or more, few spaces, a sentence ending), or a paragraph long
    enough to be text whatever its ending (25 words, 200 characters)."""
    text = text.strip()
    words = word_count(text)
    if words >= 25 or len(text) >= 200 or is_prose(text):
        return True
    return len(text) >= 30 and len(text) > 12 * words and ends_sentence(text)


def text_weight(text: str) -> int:
    """Words of a text line (:func:`word_count`), counting six characters as a word when
    that is more (a script without spaces this module does not know)."""
    return max(word_count(text), len(text.strip()) // 6)


def weight_if_text(line: str) -> int:
    """``text_weight(line) if is_text(line) else 0``, with one strip and one split."""
    text = line.strip()
    words, chars = word_count(text), len(text)
    if words >= 25 or chars >= 200:
        texty = True
    else:
        texty = (words >= 8 or (chars >= 30 and chars > 12 * words)) and ends_sentence(text)
    return max(words, chars // 6) if texty else 0


def text_weights(doc: Document) -> list[int]:
    """Per non-blank line: its :func:`text_weight` when it :func:`is_text`, else 0 (what
    :func:`weight_if_text` says, from the document's line table). Kept on the document: the
    stage-2 rules read it in every round."""

    def build() -> list[int]:
        out = []
        words_of, chars_of, ends_of = doc.word_counts, doc.stripped_lengths, doc.sentence_ends
        for i in doc.nonblank:
            words, chars = words_of[i], chars_of[i]
            texty = words >= 25 or chars >= 200 or (words >= 8 or (chars >= 30 and chars > 12 * words)) and ends_of[i]
            out.append(max(words, chars // 6) if texty else 0)
        return out

    return doc.memoized("text-weights", build)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’»)]*\s+")


def title_headlines(doc: Document) -> frozenset[int]:
    """The line that holds the page's headline: the first line that is the part of the text's
    first line before or after a separator, at least half of it (3+ words, 15+ characters),
    as a dump repeats its ``<title>`` ("25 election front pages ... | Poynter.") in the
    article's headline ("25 election front pages ..."), or the whole first line again when
    less running text stands above the copy than below it (a ``<title>`` without the site's
    name, over menus and the story). Later copies are lists that name the story again ("Most
    read"), as is a copy after the article under a first line that was the headline itself
    (an extractor's text). Empty when no line repeats the title.

    The headline of the page is the article's, wherever the prose region lies: the rules
    that judge runs by their place (a trail, a run outside the region) stop at it. Once the
    title line is removed, a second ``clean`` (and the re-check) sees no headline: the
    protection holds where the title line stays, and never breaks idempotence.
    """

    def build() -> frozenset[int]:
        nonblank = doc.nonblank
        if len(nonblank) < 2:
            return frozenset()
        title = " ".join(doc.lines[nonblank[0]].split()).casefold()
        weights = text_weights(doc)
        text_above = 0
        for p, i in enumerate(nonblank[1:], start=1):
            text_above += weights[p - 1] if p > 1 else 0
            if not 2 * doc.stripped_lengths[i] >= len(title) >= doc.stripped_lengths[i] >= 15:
                continue
            line = " ".join(doc.lines[i].split()).casefold()
            if word_count(line) < 3:
                continue
            if _title_part(title, line):
                return frozenset({i})
            if line == title and 2 * text_above < sum(weights) - weights[0]:
                # The whole first line again, with less running text above it than below:
                # the headline over the article ("<title>" line, menus, the headline, the
                # story). After the article, a copy is a list's ("Latest news"), and the
                # first line was the headline itself (an extractor's text).
                return frozenset({i})
        return frozenset()

    return doc.memoized("title-headlines", build)


def holds_title_headline(doc: Document, positions: Iterable[int]) -> bool:
    """One of ``positions`` (among the non-blank lines) is the page's headline
    (:func:`title_headlines`): a run that holds it is the article, whatever its shape or place
    says (measured on dragnet: a short post whose prose region lay in a gallery's captions)."""
    headline = title_headlines(doc)
    return bool(headline) and any(doc.nonblank[p] in headline for p in positions)


#: What separates a headline from the site's name in a ``<title>``: "Headline | Site",
#: "Site - Headline", "Headline : Site", "Site » Headline".
_TITLE_SEPARATORS = "|-–—:·•»/"


def _title_part(title: str, line: str) -> bool:
    """``line`` is the part of ``title`` before or after a separator ("Headline | Site"), not
    a copy cut off inside it ("Russia, Ukraine confirm new prisoner swap under deals re")."""
    if len(line) >= len(title):
        return False
    if title.startswith(line):
        return title[len(line) :].lstrip()[:1] in tuple(_TITLE_SEPARATORS)
    if title.endswith(line):
        return title[: -len(line)].rstrip()[-1:] in tuple(_TITLE_SEPARATORS)
    return False


def sentences(line: str) -> int:
    """How many sentences the line holds, by its sentence breaks (one when it has none)."""
    return 1 + len(_SENTENCE_BREAK.findall(line.strip()))


def reads_as_paragraph(line: str) -> bool:
    """Two sentences or more and over 40 words: a paragraph, not a line of fine print."""
    return word_count(line) > 40 and len(_SENTENCE_BREAK.findall(line.strip())) >= 1


def notice_start(line: str, at: int) -> int:
    """Where the notice that holds offset ``at`` starts: 0, unless article prose comes first on
    the line (a page dump glues "© 2012 The Associated Press. All rights reserved. This material
    may not be published ..." to the last paragraph). Then the notice is the run of short
    sentences (12 words or fewer) that ends with the one holding ``at``."""
    starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(line, 0, at)]
    cut = starts[-1]
    for begin, end in zip(reversed(starts[:-1]), reversed(starts[1:])):
        if word_count(line[begin:end]) > 12:
            break
        cut = begin
    prefix = line[:cut].strip()
    return cut if cut and word_count(prefix) >= 8 and ends_sentence(prefix) else 0


def is_stub_shaped(text: str, max_words: int = 8, max_chars: int = 80) -> bool:
    """Short and not a sentence: the shape of page furniture (and of headlines)."""
    stripped = text.strip()
    if len(stripped) > max_chars or word_count(stripped) > max_words:
        return False
    return not (stripped.endswith(".") and not stripped.endswith("...")) or len(stripped) <= 3


def matching_stub_lines(doc: Document, phrases: PhraseSet, max_chars: int = 80) -> Iterator[int]:
    """Non-blank lines no longer than ``max_chars`` whose key is one of the phrase set's stubs."""
    # Same lines as testing ``len(line) <= max_chars and phrases.matches_key(doc.key(i))`` on
    # each non-blank line; Document.stub_lines finds them with one search per document.
    yield from doc.stub_lines(phrases.lines, phrases.patterns, max_chars)


def marker_lines(doc: Document, markers: re.Pattern[str], max_words: int, max_chars: int) -> Iterator[int]:
    """Lines where ``markers`` matches somewhere, at most ``max_words`` words and ``max_chars``
    characters long (longer paragraphs are prose that merely quotes a phrase)."""
    lines = doc.lines
    yield from doc.matching_lines(markers, lambda i: len(lines[i]) <= max_chars and word_count(lines[i]) <= max_words)


def matches_in_lines(doc: Document, line_numbers: Iterable[int], pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """Every match of ``pattern`` inside each of the lines, its offsets in the whole text (the
    search is bounded by the line; a pattern with a lookbehind would see the line before)."""
    for i in line_numbers:
        yield from pattern.finditer(doc.text, doc.starts[i], doc.starts[i] + len(doc.lines[i]))


def whole_line_hits(doc: Document, line_numbers: Iterable[int], message: str) -> Iterator[Hit]:
    """One hit per line, covering the line and its newline."""
    for i in line_numbers:
        start, end = doc.line_span(i)
        yield Hit(start, end, message.format(line=doc.lines[i].strip()[:60]))


def contiguous_blocks(doc: Document, line_numbers: Iterable[int]) -> list[list[int]]:
    """Group line numbers into runs that are consecutive among the non-blank lines."""
    pos = doc.position_in_nonblank
    blocks: list[list[int]] = []
    for i in sorted(set(line_numbers)):
        if blocks and pos[i] == pos[blocks[-1][-1]] + 1:
            blocks[-1].append(i)
        else:
            blocks.append([i])
    return blocks


def anchored_runs(doc: Document, strong: set[int], weak: set[int]) -> list[list[int]]:
    """Runs of consecutive non-blank lines, each strong or weak, holding at least one strong line.

    This is how a weak signal (a sentence mentioning an app store) becomes junk: only inside a
    block that something unambiguous (``DOWNLOAD THE APP``) already marks as junk.
    """
    return [block for block in contiguous_blocks(doc, strong | weak) if any(i in strong for i in block)]


def block_hit(doc: Document, block: list[int], message: str) -> Hit:
    start, end = doc.block_span(block[0], block[-1])
    return Hit(start, end, message)

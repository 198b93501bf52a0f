"""Text hygiene: mojibake repaired with ftfy, Cloudflare e-mail residue, invisible characters.

These are the only rules that *replace* text (``Finding.replacement``); everything else
removes. ftfy runs at a few MB/s, so it only sees the short runs that a cheap pattern
flags as likely mojibake; most text never reaches it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..registry import Context, LooksAt, rule
from ..spans import Hit
from ._lines import matches_in_lines

# UTF-8 lead bytes (Â..ô) read as Latin-1/cp1252, followed by continuation bytes read the same
# way (0x80-0xBF: NBSP..¿ in Latin-1, €‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ in cp1252).
_CONTINUATION = "\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"
# Up to three lead-byte characters just before a run go to ftfy with it: "ÂÂ€" repaired as
# "Â" + "€" left "Â€", which the next run repaired again (clean was not idempotent). Bounded:
# an unbounded prefix backtracks quadratically on a long run of lead bytes ("Â" * 5000).
# Invisible characters (removed by NC003) may sit inside a run: "Â\u200bÂ€" is one piece of
# mojibake once the zero-width space is gone, so it is repaired as one (idempotence).
_INVISIBLE_CHARS = "\u200b\u2060\ufeff"
_MOJIBAKE = re.compile(
    rf"(?:[\u00c2-\u00f4][{_INVISIBLE_CHARS}]*){{0,3}}(?:[\u00c2-\u00f4](?:[{_INVISIBLE_CHARS}]*[{_CONTINUATION}])+)+"
)
# What the rule looks at: every match above contains this pattern's match (a lead byte, then
# a continuation byte with only invisible characters between them).
_MOJIBAKE_SIGN = re.compile(rf"[\u00c2-\u00f4][{_INVISIBLE_CHARS}]*[{_CONTINUATION}]")
_DROP_INVISIBLE = {ord(c): None for c in _INVISIBLE_CHARS}


@rule(
    "NC001",
    "mojibake",
    "Mojibake (UTF-8 read as Latin-1/cp1252) repaired with ftfy",
    local=True,
    looks_at=LooksAt(patterns=lambda phrases: (_MOJIBAKE_SIGN,)),
)
def mojibake(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Replaces mojibake such as ``donâ€™t`` or ``cafÃ©`` with the intended text (``don’t``,
    ``café``), using ftfy on the suspicious runs only.

    Why: text decoded with the wrong codec is unreadable and breaks deduplication.

    Example: ``Zelenskyyâ€™s`` becomes ``Zelenskyy’s``.

    Keeps: accented text that is already right (``café—``): ftfy decides, and it leaves text
    that does not decode as UTF-8 alone.
    """
    # A run never holds a newline, so it is found in its line.
    for m in matches_in_lines(doc, ctx.candidates, _MOJIBAKE):
        run = m.group()
        visible = run.translate(_DROP_INVISIBLE) if any(c in run for c in _INVISIBLE_CHARS) else run
        fixed = _fix_encoding(visible)
        if fixed != visible:
            yield Hit(m.start(), m.end(), f"mojibake {visible!r} -> {fixed!r}", fixed)


def _fix_encoding(text: str) -> str:
    import ftfy  # imported here: most texts never need it

    return str(ftfy.fix_encoding(text))


_CLOUDFLARE_EMAIL = re.compile(r" ?\[email(?:&#160;|\u00a0| )protected\]")


@rule(
    "NC002",
    "cloudflare-email",
    "Cloudflare '[email protected]' residue",
    local=True,
    looks_at=LooksAt(patterns=lambda phrases: (_CLOUDFLARE_EMAIL,)),
)
def cloudflare_email(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes ``[email protected]``, which Cloudflare's e-mail obfuscation leaves where an
    address was.

    Why: it is not the address, and it reads as garbage.

    Example: ``Write to [email protected] for details`` becomes ``Write to for details``.

    Keeps: everything else on the line.
    """
    for m in matches_in_lines(doc, ctx.candidates, _CLOUDFLARE_EMAIL):
        yield Hit(m.start(), m.end(), "Cloudflare e-mail obfuscation residue")


_INVISIBLE = re.compile("[\u200b\u2060\ufeff]+")


@rule(
    "NC003",
    "invisible-characters",
    "Zero-width spaces, word joiners and stray byte-order marks",
    local=True,
    looks_at=LooksAt(patterns=lambda phrases: (_INVISIBLE,)),
)
def invisible_characters(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes zero-width spaces (U+200B), word joiners (U+2060) and byte-order marks (U+FEFF).

    Why: invisible, and they split words for every tokenizer downstream.

    Example: ``Kyi\\u200bv`` becomes ``Kyiv``.

    Keeps: zero-width joiners and non-joiners (U+200C, U+200D), which Persian, Indic scripts
    and emoji need, and soft hyphens.
    """
    for m in matches_in_lines(doc, ctx.candidates, _INVISIBLE):
        yield Hit(m.start(), m.end(), f"{len(m.group())} invisible character(s)")


_HTML_TAG_LINE = re.compile(
    r"^\s*(?:<(?:img|script|iframe|div|span|a|link|meta|noscript|style|source|picture|svg|input|br|p)\b[^<>]*>?\s*)+"
    r"(?:</\w+>\s*)*$",
    re.IGNORECASE,
)


#: WordPress shortcodes left unrendered: "[button link=... ]", "[caption id=...]", "[/embed]".
_SHORTCODE_LINE = re.compile(
    r"^\s*\[/?(?:button|caption|embed|gallery|video|audio|playlist|vc_\w+|et_pb_\w+|su_\w+)\b[^\]]*\]"
)


#: A line that opens with a tag carrying attributes or closing at once (``<div style=``,
#: ``<a href=``, ``<table>``): the screen for markup-dominated lines.
_MARKUP_LINE_START = re.compile(r"^[ \t]*<[a-zA-Z][a-zA-Z0-9]*(?:[ \t]+[a-zA-Z:-]+[ \t]*=|[ \t]*/?>)")

_TAG = re.compile(r"<[^<>\n]*>")


def _markup_dominated(line: str) -> bool:
    """Whether a line that opens with a tag holds two or more tags that make up at least half
    of its characters: leaked ad, embed or banner code with a few words of link text inside
    (``<a href="..."><img src="..." alt="AdRock"></a>``), not a sentence with a bold lead."""
    if not _MARKUP_LINE_START.match(line):
        return False
    tags = _TAG.findall(line)
    return len(tags) >= 2 and 2 * sum(len(t) for t in tags) >= len(line.strip())


@rule(
    "NC004",
    "html-residue",
    "Lines that are raw HTML tags or unrendered shortcodes left in the text",
    local=True,
    looks_at=LooksAt(patterns=lambda phrases: (_HTML_TAG_LINE, _SHORTCODE_LINE, _MARKUP_LINE_START)),
)
def html_residue(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes lines made only of HTML tags -- ``<img height="1" width="1" src="...">`` tracking
    pixels, ``<iframe ...>`` embeds, stray ``<div>`` --, lines that open with a tag and are
    mostly markup (two or more tags, at least half the characters: banner and embed code with
    its link text), and lines that open with an unrendered WordPress shortcode
    (``[button link="..."] Send us your review``).

    Why: markup that leaked through extraction (often from ``<noscript>``) is never text.

    Example: ``<img height="1" width="1" style="display:none" src="http://b.example/p?c1=2">``
    is removed.

    Keeps: lines that mention tags inside text ("Use the <img> tag for images."), and lines
    whose text outweighs their tags (``<b>Note:</b> the vote was moved to Friday.``).
    """
    lines = doc.lines
    for i in ctx.candidates:
        line = lines[i]
        if _HTML_TAG_LINE.match(line) or _SHORTCODE_LINE.match(line) or _markup_dominated(line):
            start, end = doc.line_span(i)
            yield Hit(start, end, f"HTML residue {line.strip()[:40]!r}")

"""HTML to text blocks: decoding, a depth cap, one iterative DOM walk, and the main-content choice.

This module knows about HTML and nothing about junk *text*; :mod:`newsclean.html` turns its
blocks into the text that the ordinary text rules read, and adds the DOM-signal rules.

The walk never recurses (a page nested 10^5 levels deep must not overflow the stack), and
the tree it walks is capped at :data:`MAX_DEPTH` levels before parsing, because Lexbor (like
every HTML5 tree builder) does work proportional to the stack of open elements for many
start tags: 10^4 nested ``<div>`` take 0.6 s to parse, 10^5 take 100 s. Blink caps its DOM
depth at 512 for the same reason; we do the same.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate
from typing import Literal

from .engine.finders import reference_mode
from .engine.lines import ends_sentence

__all__ = [
    "Element",
    "RawBlock",
    "PageBlocks",
    "decode_html",
    "utf8_as_is",
    "cap_depth",
    "walk",
    "choose_main",
    "class_tokens",
    "names_region",
    "MAX_DEPTH",
]

#: Deepest element nesting kept; deeper start and end tags are dropped (their text stays).
MAX_DEPTH = 512

#: Pages shorter than this cannot nest deep enough to be slow to parse (4,000 ``<div>`` at most).
_DEPTH_SCAN_MIN_CHARS = 20_000


# --------------------------------------------------------------------------------------------
# Decoding


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]{1,40})""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# What the WHATWG encoding standard maps labels to where Python differs.
_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin1": "cp1252",
    "latin-1": "cp1252",
    "ascii": "cp1252",
    "us-ascii": "cp1252",
    "iso8859-1": "cp1252",
    "x-user-defined": "cp1252",
    "utf8": "utf-8",
    "unicode": "utf-16-le",
    "utf-16": "utf-16-le",
    "gb2312": "gb18030",
    "gbk": "gb18030",
    "x-sjis": "shift_jis",
    "tis-620": "cp874",
    "iso-8859-9": "cp1254",
    "iso-8859-11": "cp874",
}


def _declared_encoding(head: bytes) -> str | None:
    m = _META_CHARSET.search(head)
    if not m:
        return None
    label = m.group(1).decode("ascii", "replace").strip().lower()
    label = _ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_html(data: str | bytes | bytearray | memoryview) -> tuple[str, str]:
    """Decode a page to text and say which encoding was used.

    Order: a byte-order mark wins; then bytes that are valid UTF-8 are read as UTF-8 (legacy
    single-byte text almost never is, and a wrong ``<meta charset>`` is common); then the
    declared ``<meta charset>``; then windows-1252. Undecodable bytes become U+FFFD, so a wrong
    or unknown declared encoding never raises.

    >>> decode_html(b'<meta charset="iso-8859-1"><p>caf\\xe9</p>')
    ('<meta charset="iso-8859-1"><p>café</p>', 'cp1252')
    >>> decode_html('<p>already text</p>')
    ('<p>already text</p>', 'str')
    """
    if isinstance(data, str):
        return data, "str"
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"clean_html expects str or bytes, not {type(data).__name__}")
    raw = bytes(data)
    for bom, name in _BOMS:
        if raw.startswith(bom):
            return raw[len(bom) :].decode(name, "replace"), name
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = _declared_encoding(raw[:4096])
    if declared and declared not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16", "utf-32"):
        return raw.decode(declared, "replace"), declared
    if declared in ("utf-8", None):
        # Declared (or assumed) UTF-8 that is not: mostly UTF-8 with a few stray bytes, or
        # windows-1252 mislabelled. Whichever needs fewer replacement characters wins.
        as_utf8 = raw.decode("utf-8", "replace")
        bad = as_utf8.count("\ufffd")
        if bad * 50 > len(as_utf8) or bad > 200:
            return raw.decode("cp1252", "replace"), "cp1252"
        return as_utf8, "utf-8"
    return raw.decode("cp1252", "replace"), "cp1252"


def utf8_as_is(data: object) -> bytes | None:
    """The page's bytes when the parser can read them as they are, else None.

    Valid UTF-8 without a byte-order mark, NUL bytes or so many tags that the depth cap
    must look at it is what :func:`decode_html` would decode as UTF-8 and the parser would
    encode back: handing Lexbor the bytes skips the round trip (measured on the 181
    benchmark pages: 1.37 ms per page to decode and parse, 0.62 ms to parse the bytes, plus
    0.24 ms for the validity check). Everything else takes the text path.
    """
    if type(data) is not bytes or len(data) > MAX_UTF8_AS_IS:
        return None
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        return None
    if len(data) >= _DEPTH_SCAN_MIN_CHARS and data.count(b"<") > _SAFE_TAG_COUNT:
        return None
    if not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
    return data


#: Bytes beyond this size always take the text path (where the size cap applies).
MAX_UTF8_AS_IS = 64_000_000


# --------------------------------------------------------------------------------------------
# Depth cap

_VOID = "area|base|br|col|embed|hr|img|input|link|meta|param|source|track|wbr|keygen|command"
# Elements with optional end tags (a new <p> closes the last one) are not counted: pages
# leave hundreds of them open, and they do not nest in the tree the parser builds.
_OPTIONAL_END = "p|li|dt|dd|option|optgroup|tr|td|th|tbody|thead|tfoot|colgroup|rb|rt|rp|rtc"
_TAG = re.compile(
    rf"<(/?)(?!(?:{_VOID}|{_OPTIONAL_END})[\s/>])[A-Za-z][^\s/>]*(?:[^>]*?(/?))>",
    re.IGNORECASE,
)


#: A page with at most this many tags parses in ~0.1 s even if they all nest (4,000 nested
#: ``<div>``); typical news pages have 1,000-3,000, so most skip the depth scan entirely.
_SAFE_TAG_COUNT = 4000


# The elements whose nesting makes a tree builder slow: block containers (a start tag scans
# the stack of open elements for a <p> in scope), tables, and formatting elements (the list
# of active formatting elements). Matched by one regex pass; the running depth is computed
# with C-level iteration (a 50 MB page of dense markup: 1.6 s).
_NESTING = re.compile(
    r"<(/?)(?:div|ul|ol|dl|section|article|blockquote|aside|header|footer|nav|main|figure|form|fieldset|"
    r"details|center|address|menu|dir|h[1-6]|pre|summary|hgroup|table|object|label|"
    r"b|i|em|strong|span|a|font|u|s|small|big|code|sup|sub|tt|strike|nobr)[\s>]"
)
_STEP = {"": 1, "/": -1}


def _nesting_bound(html: str) -> int:
    """The deepest nesting of :data:`_NESTING` elements, counting start minus end tags."""
    # Lower-casing first and matching case-sensitively is four times faster than IGNORECASE.
    return max(accumulate(map(_STEP.__getitem__, _NESTING.findall(html.lower()))), default=0)


def _estimated_depth(html: str) -> int:
    # findall gives ('' or '/', '' or '/'): closing tags step down, self-closing tags stay.
    depth = 0
    deepest = 0
    for close, slash in _TAG.findall(html):
        if close:
            depth = max(depth - 1, 0)
        elif not slash:
            depth += 1
            if depth > deepest:
                deepest = depth
    return deepest


def cap_depth(html: str, max_depth: int = MAX_DEPTH) -> tuple[str, bool]:
    """Drop start and end tags nested deeper than ``max_depth`` (their text stays), so that the
    tree builder's work stays linear. Returns the page and whether anything was dropped.

    >>> page, changed = cap_depth("<div>" * 4 + "deep" + "</div>" * 4, max_depth=2)
    >>> page, changed
    ('<div><div>deep</div></div>', True)
    """
    if len(html) < _DEPTH_SCAN_MIN_CHARS and max_depth >= MAX_DEPTH:
        return html, False
    if max_depth >= MAX_DEPTH and html.count("<") <= _SAFE_TAG_COUNT:
        return html, False
    if max_depth >= MAX_DEPTH and _nesting_bound(html) <= max_depth:
        return html, False
    if _estimated_depth(html) <= max_depth:
        return html, False
    parts: list[str] = []
    pos = 0
    depth = 0
    for m in _TAG.finditer(html):
        close, slash = m.group(1), m.group(2)
        if close:
            drop = depth > max_depth
            depth = max(depth - 1, 0)
        elif slash:
            drop = depth >= max_depth
        else:
            depth += 1
            drop = depth > max_depth
        if drop:
            parts.append(html[pos : m.start()])
            pos = m.end()
    parts.append(html[pos:])
    return "".join(parts), True


# --------------------------------------------------------------------------------------------
# Tokens of class and id attributes

_NO_TOKENS: frozenset[str] = frozenset()
_WORD = re.compile(r"[a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")


#: Blog engines name the post's categories and tags in its container's classes (WordPress
#: ``post_class()``: ``category-worth-sharing tag-comments``): words of the content, not of the
#: element's role, so they are no hint (an article filed under "sharing" is no share bar).
_TAXONOMY_CLASS = re.compile(r"(?<![^\s])(?:category|tag)-\S*")


def class_tokens(value: str) -> frozenset[str]:
    """The words of a ``class`` or ``id`` value: split on punctuation and camelCase, lower-cased.
    Blog taxonomy classes (``category-<slug>``, ``tag-<slug>``) give no words.

    >>> sorted(class_tokens("relatedPosts share_bar  c-ad--top"))
    ['ad', 'bar', 'c', 'posts', 'related', 'share', 'top']
    >>> sorted(class_tokens("post hentry category-worth-sharing tag-comments"))
    ['hentry', 'post']
    """
    if not value:
        return frozenset()
    if "category-" in value or "tag-" in value:
        value = _TAXONOMY_CLASS.sub(" ", value)
    lowered = value.lower()
    if lowered != value:  # only a value with capitals can hold a camelCase boundary
        lowered = _CAMEL.sub(" ", value).lower()
    return frozenset(_WORD.findall(lowered))


def _class_hint(value: str, mark: str) -> tuple[frozenset[str], str]:
    """The words of one ``class`` (``mark`` ".") or ``id`` (``mark`` "#") value, and the DOM
    path suffix it gives ("" for a blank value)."""
    first = value.split(maxsplit=1)
    return class_tokens(value), (mark + first[0] if first else "")


#: class value -> (words, path suffix), and the same for id values; shared by walks because
#: sites repeat their class names. Cached apart: an element's words are the union of both
#: (the words of ``cls + " " + id``), and unique ids would defeat a cache of the pair.
_CLASS_HINTS: dict[str, tuple[frozenset[str], str]] = {}
_ID_HINTS: dict[str, tuple[frozenset[str], str]] = {}
_HINT_CACHE_LIMIT = 20_000


# --------------------------------------------------------------------------------------------
# The walk

#: Elements whose content is never article text.
DROPPED_TAGS = frozenset(
    {
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "button",
        "select",
        "textarea",
        "input",
        "option",
        "datalist",
        "head",
        "title",
        "meta",
        "link",
        "map",
        "dialog",
        "menu",
        "-comment",
        "frameset",
        "frame",
    }
)

#: Page chrome: dropped unless the main content lies inside (a whole page in one <form>) or,
#: for header and footer, when they belong to an <article> (its headline and byline).
CHROME_TAGS = frozenset({"nav", "header", "footer", "aside", "form"})
CHROME_ROLES = frozenset(
    {
        "navigation",
        "banner",
        "contentinfo",
        "complementary",
        "search",
        "menu",
        "menubar",
        "dialog",
        "alertdialog",
        "toolbar",
    }
)

BLOCK_TAGS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "figcaption",
        "pre",
        "tr",
        "dt",
        "dd",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "form",
        "ul",
        "ol",
        "dl",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "figure",
        "address",
        "caption",
        "details",
        "summary",
        "center",
        "fieldset",
        "legend",
        "hr",
        "body",
        "html",
        "hgroup",
        "picture",
        "label",
    }
)
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_CELL_TAGS = frozenset({"td", "th"})
#: Inline formatting elements; without attributes they carry no hint and get no record.
_TRANSPARENT_TAGS = frozenset(
    {
        "b",
        "i",
        "em",
        "strong",
        "span",
        "u",
        "s",
        "small",
        "big",
        "sup",
        "sub",
        "font",
        "abbr",
        "cite",
        "code",
        "mark",
        "q",
        "time",
        "var",
        "kbd",
        "samp",
        "ins",
        "del",
        "dfn",
        "bdi",
        "bdo",
        "nobr",
        "tt",
        "strike",
    }
)

_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

Chrome = Literal["", "nav", "header", "footer", "aside", "form"]


@dataclass(slots=True)
class Element:
    """One element of the walked tree (pre-order index ``index``; its subtree is the index range
    ``index .. index + size``)."""

    index: int
    tag: str
    parent: int
    tokens: frozenset[str]
    label: str  # tag plus first class or id, for DOM paths: "ul.related"
    chrome: Chrome
    in_article: bool
    main_hint: int  # 2: itemprop=articleBody, 1: <article>/<main>/role=main, 0: none
    size: int = 1


@dataclass(slots=True)
class RawBlock:
    """The text of one block element, before any cleaning."""

    text: str
    element: int  # index of the innermost block element holding the text
    tag: str
    chars: int
    link_chars: int


@dataclass
class PageBlocks:
    """The walk's result: the element table and the text blocks in document order."""

    elements: list[Element] = field(default_factory=list)
    blocks: list[RawBlock] = field(default_factory=list)
    depth_capped: bool = False
    #: Per element, how many regions that are never the article it lies in (comment threads,
    #: footers, sidebars, page headers), as :func:`choose_main` found them; empty before.
    regions: list[int] = field(default_factory=list, repr=False)
    _paths: dict[int, str] = field(default_factory=dict, repr=False)

    def path(self, index: int, max_parts: int = 8) -> str:
        """The DOM path of an element, e.g. ``body>div.main>ul.related>li`` (deep paths keep
        their last ``max_parts`` steps after ``…>``)."""
        if index < 0:
            return ""
        memo = self._paths
        found = memo.get(index)
        if found is not None:
            return found
        # Climb to the nearest ancestor with a known path (iteratively: trees are deep).
        elements = self.elements
        chain: list[int] = []
        i = index
        while i >= 0 and i not in memo:
            chain.append(i)
            i = elements[i].parent
        known = memo[i] if i >= 0 else ""
        # The steps from there down; a path of more than max_parts steps reads "…>" and its
        # last max_parts steps (the same as trimming the list at every step).
        steps = known.split(">") if known else []
        extended = False
        for j in reversed(chain):
            el = elements[j]
            if el.tag != "html":
                steps.append(el.label)
                extended = True
            if not extended:
                memo[j] = known
            elif len(steps) > max_parts:
                memo[j] = "…>" + ">".join(steps[-max_parts:])
            else:
                memo[j] = ">".join(steps)
        return memo[index]

    def in_subtree(self, element: int, root: int) -> bool:
        return root <= element < root + self.elements[root].size


def _block_text(raw: str, pre: bool) -> str:
    """Collapse the whitespace of a block's raw text; ``\x00`` marks a ``<br>``, and inside
    ``<pre>`` newlines are kept."""
    if pre:
        raw = raw.replace("\n", "\x00")
    if "\x00" not in raw:
        return " ".join(raw.split())
    return "\n".join(line for line in (" ".join(part.split()) for part in raw.split("\x00")) if line)


#: Nodes the walk does not enter: dropped elements, and what is not an element at all.
_NOT_ENTERED = DROPPED_TAGS | {"-text", "-doctype", "-document", "", None}

#: What leaving an element does to the text: end a block, end a link, a cell's separating
#: space, or end a ``<pre>`` block.
_END_BLOCK, _END_LINK, _END_CELL, _END_PRE = 1, 2, 3, 4
_LEAVE_ACTION = {
    **dict.fromkeys(BLOCK_TAGS, _END_BLOCK),
    "a": _END_LINK,
    "td": _END_CELL,
    "th": _END_CELL,
    "pre": _END_PRE,
}


def _load_compiled_walk() -> Callable[[object, object], PageBlocks] | None:
    """The compiled walk (``newsclean._compiled.dom``) when it was built against the installed
    selectolax release (it reads Lexbor's structs, whose layout is that release's), else None."""
    try:
        import selectolax

        from ._compiled.dom import SELECTOLAX_VERSION
        from ._compiled.dom import walk as compiled
    except ImportError:
        return None
    if getattr(selectolax, "__version__", None) != SELECTOLAX_VERSION:
        return None
    return compiled


_compiled_walk = _load_compiled_walk()


def walk(root: object) -> PageBlocks:
    """Walk the tree under ``root`` (a selectolax Lexbor node) once, iteratively, and return its
    elements and text blocks. Dropped regions (:data:`DROPPED_TAGS`, ``hidden``,
    ``aria-hidden``, inline ``display:none``) are skipped whole.

    This loop is the hot path of :func:`newsclean.clean_html` (about 1,300 nodes per news
    page), hence the local aliases and the inlined enter/leave steps. Whitespace-only text
    (most text nodes: the indentation between tags) is not buffered at the start of a block,
    where it cannot change the block's text, so whitespace-only buffers never need a flush.

    This function is the definition; when built, ``newsclean._compiled.dom`` walks the same way
    over Lexbor's C structs (identical result, checked by ``tests/test_htmlfast.py``), unless
    ``NEWSCLEAN_REFERENCE=1`` or ``root`` is not a Lexbor node.
    """
    if _compiled_walk is not None and hasattr(root, "mem_id") and not reference_mode():
        return _compiled_walk(root, sys.modules[__name__])
    page = PageBlocks()
    elements = page.elements
    blocks = page.blocks
    new_element = Element
    new_block = RawBlock
    not_entered, block_tags, chrome_tags, chrome_roles = _NOT_ENTERED, BLOCK_TAGS, CHROME_TAGS, CHROME_ROLES
    cells = _CELL_TAGS
    transparent = _TRANSPARENT_TAGS
    leave_action = _LEAVE_ACTION
    hidden_style = _HIDDEN_STYLE.search
    class_hints, id_hints = _CLASS_HINTS, _ID_HINTS
    for cache in (class_hints, id_hints):
        if len(cache) > _HINT_CACHE_LIMIT:
            cache.clear()
    open_stack: list[int] = []  # element indices of the open elements (-3 - parent: plain inline markup)
    owner_stack: list[int] = []  # innermost block element of each open element
    # Text of the current block; empty, or starting with a piece that is not whitespace.
    buf: list[str] = []
    link_chars = 0  # > 0 only when buf holds text
    link_depth = 0
    pre_depth = 0
    # Table cells: the open ones, and those that hold a block element. Text standing in a
    # cell that also holds paragraphs (``<td>intro<p>...</p></td>``) is the cell's block, not
    # the row's: the cell can be the article, and the row also holds the cells beside it.
    cell_stack: list[int] = []
    cells_with_blocks: set[int] = set()
    buf_began = 0  # len(elements) when the buffered text began

    def flush(owner: int) -> None:
        nonlocal link_chars
        text = _block_text("".join(buf), pre_depth > 0)
        buf.clear()
        if text:
            chars = len(text)
            blocks.append(
                new_block(text, owner, elements[owner].tag if owner >= 0 else "body", chars, min(link_chars, chars))
            )
        link_chars = 0

    node = root
    while True:
        leave = False  # whether `node` was entered and has no children
        value = node.text_content  # type: ignore[attr-defined]
        if value is not None:
            if value and (buf or not value.isspace()):
                if not buf:
                    buf_began = len(elements)
                buf.append(value)
                if link_depth:
                    link_chars += len(value.strip())
        else:
            tag = node.tag  # type: ignore[attr-defined]
            if tag not in not_entered and tag[0] != "-":
                attrs = node.attributes  # type: ignore[attr-defined]
                if not attrs and tag in transparent:
                    # Plain inline markup (<b>, <em>, <span> without attributes): its text flows
                    # into the current block and it needs no element record; on the stack it
                    # stands as -3 - (nearest real element), so its children find their parent.
                    top = open_stack[-1] if open_stack else -1
                    open_stack.append(top if top < -1 else -3 - top)
                    owner_stack.append(owner_stack[-1] if owner_stack else -1)
                    child = node.first_child  # type: ignore[attr-defined]
                    if child is not None:
                        node = child
                        continue
                    leave = True
                else:
                    cls = ident = role = None
                    main_hint = 1 if tag == "article" or tag == "main" else 0
                    skip = False
                    if attrs:
                        if "hidden" in attrs or attrs.get("aria-hidden") == "true":
                            skip = True
                        else:
                            style = attrs.get("style")
                            if style and hidden_style(style):
                                skip = True
                            cls = attrs.get("class")
                            ident = attrs.get("id")
                            role = attrs.get("role")
                            if role:
                                role = role.lower()
                                if role == "main":
                                    main_hint = 1
                            itemprop = attrs.get("itemprop")
                            if itemprop and "articlebody" in itemprop.lower():
                                main_hint = 2
                    if not skip:
                        parent = open_stack[-1] if open_stack else -1
                        if parent < -1:
                            parent = -3 - parent
                        if parent >= 0:
                            parent_el = elements[parent]
                            in_article = parent_el.in_article or parent_el.tag == "article"
                        else:
                            in_article = False
                        chrome = ""
                        if tag in chrome_tags:
                            chrome = tag
                            if in_article and (tag == "header" or tag == "footer"):
                                chrome = ""
                        elif role and role in chrome_roles:
                            chrome = "aside" if role == "complementary" else "nav"
                        tokens, label = _NO_TOKENS, tag
                        if cls:
                            hint = class_hints.get(cls)
                            if hint is None:
                                hint = class_hints[cls] = _class_hint(cls, ".")
                            tokens, suffix = hint
                            if ident:
                                hint = id_hints.get(ident)
                                if hint is None:
                                    hint = id_hints[ident] = _class_hint(ident, "#")
                                if hint[0]:
                                    tokens = tokens | hint[0]
                                suffix = suffix or hint[1]
                            label = tag + suffix
                        elif ident:
                            hint = id_hints.get(ident)
                            if hint is None:
                                hint = id_hints[ident] = _class_hint(ident, "#")
                            tokens, suffix = hint
                            label = tag + suffix
                        index = len(elements)
                        elements.append(new_element(index, tag, parent, tokens, label, chrome, in_article, main_hint))  # type: ignore[arg-type]
                        if tag in block_tags:
                            owner = owner_stack[-1] if owner_stack else -1
                            if cell_stack and cell_stack[-1] > owner:
                                cell = cell_stack[-1]
                                cells_with_blocks.add(cell)
                                if buf and cell < buf_began:
                                    owner = cell
                            if buf:
                                flush(owner)
                            owner_stack.append(index)
                        else:
                            owner_stack.append(owner_stack[-1] if owner_stack else index)
                            if tag == "a":
                                link_depth += 1
                            elif buf:  # a break or a cell's space at a block's start changes nothing
                                if tag == "br":
                                    buf.append("\x00")
                                elif tag in cells:
                                    buf.append(" ")
                            if tag in cells:
                                cell_stack.append(index)
                        if tag == "pre":
                            pre_depth += 1
                        open_stack.append(index)
                        child = node.first_child  # type: ignore[attr-defined]
                        if child is not None:
                            node = child
                            continue
                        leave = True
        # Move on: leave `node` if it is an empty element, then go to the next sibling,
        # leaving every ancestor we climb out of. The walk ends when it leaves `root`.
        while True:
            if leave:
                index = open_stack.pop()
                owner = owner_stack.pop()
                if index >= 0:
                    el = elements[index]
                    el.size = len(elements) - index
                    action = leave_action.get(el.tag)
                    if action is not None:
                        if action == _END_BLOCK:
                            if buf:
                                flush(owner)
                        elif action == _END_LINK:
                            if link_depth:
                                link_depth -= 1
                        elif action == _END_CELL:
                            cell_stack.pop()
                            if buf:
                                if index in cells_with_blocks and index < buf_began:
                                    flush(index)
                                else:
                                    buf.append(" ")
                        else:  # _END_PRE
                            if buf:
                                flush(owner)
                            pre_depth -= 1
            if not open_stack:  # `node` is `root`: every node entered lies on the stack's path
                if buf:
                    flush(owner_stack[-1] if owner_stack else -1)
                return page
            nxt = node.next  # type: ignore[attr-defined]
            if nxt is not None:
                node = nxt
                break
            node = node.parent  # type: ignore[attr-defined]
            leave = True


# --------------------------------------------------------------------------------------------
# Main content

#: Class/id words of containers that hold article text. Generic CMS vocabulary only.
POSITIVE_TOKENS = frozenset(
    {
        "article",
        "body",
        "content",
        "entry",
        "main",
        "post",
        "story",
        "text",
        "blog",
        "prose",
        "articlebody",
        "storytext",
        "richtext",
    }
)
#: Class/id words of containers that do not (comments are also paragraphs, so they need this).
NEGATIVE_TOKENS = frozenset(
    {
        "comment",
        "comments",
        "related",
        "sidebar",
        "widget",
        "footer",
        "promo",
        "sponsored",
        "sponsor",
        "share",
        "sharing",
        "social",
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "advert",
        "advertisement",
        "ads",
        "ad",
        "outbrain",
        "taboola",
        "disqus",
        "recommended",
        "recommendations",
        "trending",
        "popular",
        "recirc",
        "recirculation",
        "teaser",
        "teasers",
        "nav",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "cookie",
        "cookies",
        "consent",
        "banner",
        "modal",
        "popup",
        "masthead",
        "rail",
        "byline",
        "meta",
        "tags",
        "caption",
        "credit",
        "credits",
        "author",
        "bio",
    }
)
_PARAGRAPH_TAGS = frozenset(
    {
        "p",
        "pre",
        "blockquote",
        "div",
        "td",
        "tr",
        "section",
        "article",
        "main",
        "dd",
        "center",
        "span",
        "font",
        "body",
        "li",
    }
)


#: Class/id words of regions that are never the article, whatever they hold: a container
#: *inside* one (the ``ol`` of ``div#comments > ol``) is penalised like the region itself.
#: The stems match inside longer words too (``commentlist``, ``postcomments``), as
#: readability's "unlikely candidates" pattern does; ``commentary`` and ``commentator``
#: (opinion pieces) are no comments. The words match whole.
_REGION_STEMS = (
    "comment",
    "disqus",
    "footer",
    "sidebar",
    "respond",
    "replies",
    "trackback",
    "pingback",
    "koment",  # Polish, Czech, Slovak: komentarze, komentare
    "comentari",  # Spanish, Portuguese, Catalan: comentarios
)
_REGION_WORDS = (
    "related",
    "recommended",
    "outbrain",
    "taboola",
    "trending",
    "recirc",
    "discussion",
    "foot",
    "copyright",
    "promo",
)
#: The region vocabulary as whole words: a class that says ``sidebar`` (or ``sidebar2``) means it.
_REGION_EXACT = frozenset(_REGION_STEMS + _REGION_WORDS + tuple(w + "s" for w in _REGION_STEMS))
_REGION_PATTERN = re.compile(
    r"comment(?!ar(?:y|ies)|ator)|"
    + "|".join(_REGION_STEMS[1:])
    + r"|(?<![a-z0-9])(?:"
    + "|".join(_REGION_WORDS)
    + r")(?![a-z0-9])"
)
#: Region words of a comment thread (see :func:`_outside_regions`).
_COMMENT_PATTERN = re.compile(r"comment(?!ar(?:y|ies)|ator)|disqus|respond|replies|koment|comentari")
_comment_cache: dict[frozenset[str], bool] = {}


def _names_comments(tokens: frozenset[str]) -> bool:
    """Whether class/id words name a comment thread (``commentlist``, ``disqus``, ``replies``)."""
    found = _comment_cache.get(tokens)
    if found is None:
        found = _COMMENT_PATTERN.search(" ".join(tokens)) is not None
        if len(_comment_cache) > _HINT_CACHE_LIMIT:
            _comment_cache.clear()
        _comment_cache[tokens] = found
    return found


#: Chrome tags whose whole subtree is never the article (a ``<form>`` can hold a whole page).
_REGION_CHROME = frozenset({"nav", "footer", "aside"})
#: Words that say an element holds the article even when a region word stands beside them:
#: layout classes name the sidebar the content sits next to (``content-with-sidebar``).
#: ``post`` and ``entry`` are not among them (``post-comments``, ``entry-comments``), and
#: they never overrule a comment or recirculation word (``article-comments``: the story's
#: comment thread; ``article-related``: its box of other stories).
_REGION_OVERRIDE = frozenset({"article", "body", "content", "main", "story", "text", "prose", "articlebody"})
_REGION_FACTOR = 0.2
#: Region words of a recirculation box: the story's "related" list is named after the story
#: (``div#article_related_by_phrase``), never a layout wrapper holding it.
_RECIRCULATION_PATTERN = re.compile(
    r"(?<![a-z0-9])(?:related|recommended|outbrain|taboola|trending|recirc)(?![a-z0-9])"
)
_region_cache: dict[frozenset[str], bool] = {}


def _names_a_region(tokens: frozenset[str]) -> bool:
    """Whether class/id words name a comment thread, footer, sidebar or recirculation box.

    >>> [_names_a_region(class_tokens(v)) for v in ("commentlist", "post-comments", "commentary")]
    [True, True, False]
    >>> [_names_a_region(class_tokens(v)) for v in ("content-with-sidebar", "football", "site-foot")]
    [False, False, True]
    >>> [_names_a_region(class_tokens(v)) for v in ("art-komentarze", "lista-comentarios")]
    [True, True]

    Layout words beside a comment or recirculation word say nothing: the thread and the
    "related" box under a story are named after the story (``div.article-comments``,
    ``div#reader-comments.article-id-2087172``, ``div#article_related_by_phrase_2``).

    >>> [_names_a_region(class_tokens(v)) for v in ("article-comments", "reader-comments article-id-7")]
    [True, True]
    >>> [_names_a_region(class_tokens(v)) for v in ("article_related_by_phrase_2", "content-with-sidebar")]
    [True, False]
    """
    found = _region_cache.get(tokens)
    if found is None:
        joined = " ".join(tokens)
        found = _REGION_PATTERN.search(joined) is not None and (
            not tokens & _REGION_OVERRIDE
            or _COMMENT_PATTERN.search(joined) is not None
            or _RECIRCULATION_PATTERN.search(joined) is not None
        )
        if len(_region_cache) > _HINT_CACHE_LIMIT:
            _region_cache.clear()
        _region_cache[tokens] = found
    return found


#: Class/id words of a site's page header (the blog's title and tagline): a region like a
#: footer, but only outside every container that names the content (``div.post >
#: div.entry-header`` is the article's own header, with its headline).
_PAGE_HEADER = re.compile(r"header|masthead")
_page_header_cache: dict[frozenset[str], bool] = {}


def _names_page_header(tokens: frozenset[str]) -> bool:
    """Whether class/id words name a page header (``header-wrapper``, ``headerwrap``, ``masthead``).

    >>> [_names_page_header(class_tokens(v)) for v in ("header-wrapper", "siteHeader", "content-header", "heading")]
    [True, True, False, False]
    """
    found = _page_header_cache.get(tokens)
    if found is None:
        found = not tokens & _REGION_OVERRIDE and any(_PAGE_HEADER.search(t) for t in tokens)
        if len(_page_header_cache) > _HINT_CACHE_LIMIT:
            _page_header_cache.clear()
        _page_header_cache[tokens] = found
    return found


def names_region(el: Element) -> bool:
    """Whether an element is itself a region that is never the article: chrome (nav, footer,
    aside) or class/id words of a comment thread, footer, sidebar or recirculation box."""
    return el.chrome in _REGION_CHROME or bool(el.tokens and _names_a_region(el.tokens))


def _outside_regions(elements: list[Element], wrappers: frozenset[int] = frozenset()) -> list[int]:
    """Per element: how many regions that are never the article (see :data:`_REGION_STEMS`:
    comment threads, footers, sidebars, chrome) it lies in, itself included, so that the
    comments inside a content column that a layout class names ``sidebar-left`` lose to the
    article beside them. ``<body>``/``<html>`` words (``body.comments-open``) add none, and an
    element marked as the article (``itemprop=articleBody``, ``<article>``, ``<main>``) that
    names no region starts afresh: plugins wrap a whole column in ``div.theiaStickySidebar``;
    but not an ``<article>``/``<main>`` inside a comment thread, where HTML5 marks up each
    comment as an article (``li.comment > article.content``).
    Nor do the elements of ``wrappers`` (element indices): see :func:`choose_main`."""
    inside = [0] * len(elements)
    # Per element: whether it lies in a comment thread, where an <article> is a comment (HTML5
    # marks each comment up as an article of its own) and starts nothing afresh.
    in_comments = [False] * len(elements)
    # Per element: whether it or an ancestor names the content (a positive class/id word or an
    # article/main mark), where a "header" is the article's own.
    in_content = [False] * len(elements)
    cache = _region_cache
    region_chrome = _REGION_CHROME
    positive = POSITIVE_TOKENS
    for i, el in enumerate(elements):
        p = el.parent
        depth = inside[p] if p >= 0 else 0
        tokens = el.tokens
        content = p >= 0 and in_content[p]
        if tokens:
            named = cache.get(tokens)
            if named is None:
                named = _names_a_region(tokens)
            named = named or el.chrome in region_chrome
            if not named and not content and not el.main_hint:
                named = _names_page_header(tokens)
            if not content and el.tag != "body" and el.tag != "html":  # body.single-post: every page
                content = bool(tokens & positive)
        else:
            named = el.chrome in region_chrome
        in_content[i] = content or bool(el.main_hint)
        comments = p >= 0 and in_comments[p]
        if named:
            if el.tag != "body" and el.tag != "html" and i not in wrappers:
                if not el.main_hint or (comments and el.main_hint == 1):
                    depth += 1
                if not comments and tokens:
                    comments = _names_comments(tokens)
        elif el.main_hint and not (comments and el.main_hint == 1):
            depth = 0
        in_comments[i] = comments
        inside[i] = depth
    return inside


#: A container holding the page's headline, or beside it under one parent, scores this much
#: more: on an article page the ``<h1>`` heads the story, while a sidebar of teasers or a
#: footer of legal text can hold more prose than a short article.
_HEADLINE_FACTOR = 2.0


def _headline(page: PageBlocks, in_region: list[int] | None) -> int:
    """The element of the page's headline: the first ``<h1>`` block of 10+ characters outside
    a page header and (unless ``in_region`` is None) outside the regions that are never the
    article; -1 when none."""
    elements = page.elements
    for b in page.blocks:
        if b.tag != "h1" or b.element < 0 or b.chars < 10 or (in_region is not None and in_region[b.element]):
            continue
        a = b.element
        while a >= 0 and elements[a].chrome != "header":
            a = elements[a].parent
        if a < 0:
            return b.element
    return -1


#: Block tags whose own text scores the element itself rather than its parent.
_CONTAINER_TAGS = frozenset({"div", "section", "article", "main", "td", "center", "body"})


def _weight(el: Element) -> float:
    tokens = el.tokens
    w = 1.0
    if tokens & NEGATIVE_TOKENS and not (el.main_hint or tokens & {"articlebody", "storytext"}):
        w *= 0.2
    elif tokens & POSITIVE_TOKENS:
        w *= 1.25
    if el.main_hint == 2:
        w *= 1.6
    elif el.main_hint == 1:
        w *= 1.2
    if el.chrome:
        w *= 0.1
    return w


#: Promotion to a common ancestor looks at this many near-best containers and needs this many.
_PROMOTE_TOP = 5
_PROMOTE_MIN = 3
#: A sibling of the best container joins the main content when it scores this share of it
#: (readability uses the same 0.2, plus a floor of 10 points that drops small pages' halves).
_SIBLING_SHARE = 0.2


def choose_main(page: PageBlocks) -> list[int]:
    """Element roots of the main content: the top-scoring container, plus its siblings that
    hold comparable paragraph text (an article split around an ad slot).

    Each paragraph-like block of 25+ characters scores its non-link length, added to its
    block element's parent (in full), grandparent (half) and the next levels (a third of the
    level): readability's scheme. A container's score is then weighted by its class/id words
    (:data:`POSITIVE_TOKENS`, :data:`NEGATIVE_TOKENS`), its schema.org/HTML5 role, chrome
    (nav/aside/footer), and multiplied by ``1 - link density``. Returns ``[]`` when the page
    has no paragraph text (the caller then keeps everything).
    """
    elements = page.elements
    n = len(elements)
    if not n:
        return []
    in_region = _outside_regions(elements)
    score = [0.0] * n
    chars = [0] * n
    link = [0] * n
    good = [0] * n
    # Per element, the last of its blocks (for the single-paragraph wrappers, see below).
    last_block: dict[int, int] = {}
    nblocks = [0] * n
    blocks = page.blocks
    for k, b in enumerate(blocks):
        e = b.element
        if e < 0:
            continue
        nblocks[e] += 1
        last_block[e] = k
        chars[e] += b.chars
        link[e] += b.link_chars
        if b.chars < 25 or b.tag not in _PARAGRAPH_TAGS:
            continue
        own_chars = b.chars - b.link_chars
        if own_chars <= 0 or b.link_chars * 2 > b.chars:
            continue
        value = 1 + own_chars / 100 + b.text.count(",") + b.text.count("，")
        if b.tag == "li":
            value *= 0.5
        if "©" in b.text:  # a site's legal notice, however long: no article prose
            value *= _REGION_FACTOR
        if k and blocks[k - 1].tag in _FEED_TITLE_TAGS and _under_linked_title(b, blocks[k - 1], elements):
            # The summary under a linked title: a news feed's teaser.
            value *= _REGION_FACTOR
        good[e] += b.chars - b.link_chars
        level = 0
        # Text standing directly in a container (a <div> of <br>-separated lines) scores the
        # container too, as readability turns such a div into a <p> inside it.
        if b.tag in _CONTAINER_TAGS:
            score[e] += value
        a = elements[e].parent
        # Text inside a comment thread or a sidebar scores the wrappers around it at a fifth
        # per region left: a long thread must not lift the page wrapper over the article.
        region = in_region[e]
        while a >= 0 and level < 5:
            if in_region[a] < region:
                value *= _REGION_FACTOR ** (region - in_region[a])
                region = in_region[a]
            score[a] += value if level == 0 else value / (2 if level == 1 else level * 3)
            a = elements[a].parent
            level += 1
    # Subtree totals: elements are in pre-order, so a subtree is the index range i .. i + size
    # and its total a difference of prefix sums (all integers: exact).
    chars_upto = [0, *accumulate(chars)]
    link_upto = [0, *accumulate(link)]
    good_upto = [0, *accumulate(good)]
    blocks_upto = [0, *accumulate(nblocks)]

    def subtree_density(i: int) -> float:
        end = i + elements[i].size
        total = chars_upto[end] - chars_upto[i]
        return (link_upto[end] - link_upto[i]) / total if total else 0.0

    best, best_score = -1, 0.0
    final = [0.0] * n
    scored = [i for i, s in enumerate(score) if s > 0]
    headline = _headline(page, in_region)
    if headline < 0:
        # Every headline sits in a "region": then the region is a layout wrapper named after
        # the sidebars beside the content (``div#contentandsidebarswrapper``), and the
        # wrappers around the headline are no regions.
        # Only wrappers that also hold most of the page's prose, and name the region inside a
        # longer word: a blog's title <h1> in its ``div#sidebar`` leaves the sidebar one.
        fallback = _headline(page, None)
        if fallback >= 0:
            prose = [0] * n
            for b in page.blocks:
                if b.element >= 0:
                    prose[b.element] += b.chars - b.link_chars
            prose_upto = [0, *accumulate(prose)]
            half = prose_upto[-1] / 2
            wrappers = []
            a = fallback
            while a >= 0:
                el = elements[a]
                if (
                    names_region(el)
                    and prose_upto[a + el.size] - prose_upto[a] > half
                    and not any(t.rstrip("0123456789") in _REGION_EXACT for t in el.tokens)
                ):
                    wrappers.append(a)
                a = el.parent
            if wrappers:
                headline = fallback
                in_region = _outside_regions(elements, frozenset(wrappers))
    page.regions = in_region
    for i in scored:
        el = elements[i]
        f = score[i] * _weight(el) * (1 - subtree_density(i))
        if in_region[i]:
            f *= _REGION_FACTOR ** min(in_region[i], 3)
        elif headline >= 0:
            p = el.parent
            if i <= headline < i + el.size or (
                p >= 0 and elements[p].tag not in ("body", "html") and p <= headline < p + elements[p].size
            ):
                f *= _HEADLINE_FACTOR
        final[i] = f
        if f > best_score:
            best, best_score = i, f
    if best < 0:
        return []
    # Readability's promotion: when three or more containers score close to the best and
    # share an ancestor with it (an article cut into cards or sections), that ancestor is
    # the article.
    close = sorted((i for i in scored if final[i] >= 0.75 * best_score and i != best), key=lambda i: -final[i])[
        :_PROMOTE_TOP
    ]
    if len(close) >= _PROMOTE_MIN:
        a = elements[best].parent
        while a >= 0 and elements[a].tag not in ("body", "html"):
            inside = sum(1 for c in close if a <= c < a + elements[a].size)
            if inside >= _PROMOTE_MIN:
                best = a
                best_score = max(final[a], best_score)
                break
            a = elements[a].parent
    # A list or a quote that wins stands inside its text (``div.body > p, ul, blockquote``):
    # when the element around it holds paragraphs of prose too, that element is the article.
    if elements[best].tag in _INNER_WINNERS:
        up = elements[best].parent
        if (
            up >= 0
            and elements[up].tag not in ("body", "html")
            and in_region[up] <= in_region[best]
            and good_upto[up + elements[up].size] - good_upto[up]
            >= (good_upto[best + elements[best].size] - good_upto[best]) * _INNER_WINNER_SHARE
        ):
            best = up
            best_score = max(final[up], best_score)
    # A winner alone in thin wrappers (``div#box > div#text``, nothing else of prose beside
    # it) stands for its outermost such wrapper when looking for siblings: the story's own
    # paragraphs beside the box join it.
    good_of_best = good_upto[best + elements[best].size] - good_upto[best]
    unit = best
    while True:
        up = elements[unit].parent
        if up < 0 or elements[up].tag in ("body", "html") or in_region[up] > in_region[best]:
            break
        if good_upto[up + elements[up].size] - good_upto[up] > good_of_best * _THIN_WRAPPER:
            break
        unit = up
    roots = [best]
    parent = elements[unit].parent
    if parent >= 0:
        threshold = best_score * _SIBLING_SHARE
        siblings = []
        i = parent + 1
        end = parent + elements[parent].size
        while i < end:
            siblings.append(i)
            i += elements[i].size

        def paragraph_like(i: int) -> bool:
            el = elements[i]
            return (
                good_upto[i + el.size] - good_upto[i] >= 80
                and subtree_density(i) < 0.25
                and not el.chrome
                and not (el.tokens & NEGATIVE_TOKENS)
            )

        # The article's first paragraphs, each in a wrapper of its own, right before the
        # winner (``div.firstPar > p``, ``div.secondPar > p``, then ``div.body``): readability
        # turns each wrapper into its paragraph. Only the run that leads to the winner (siblings
        # without prose, a box of links, may stand between): a notice or a caption breaks it.
        # A summary that the winner or the lead repeats (its first paragraph shown twice) is
        # no part of it.
        # Never a page's own top-level boxes (siblings under <body>), nor a region (a page header).
        lead = set()
        body_text: str | None = None
        for i in reversed(siblings[: siblings.index(unit)] if elements[parent].tag not in ("body", "html") else []):
            el = elements[i]
            if not good_upto[i + el.size] - good_upto[i]:
                continue
            one = _one_paragraph(page, i, blocks_upto, last_block)
            if one is None or in_region[i] > in_region[best] or not paragraph_like(i):
                break
            if body_text is None:
                end = unit + elements[unit].size
                body_text = "\n".join(b.text for b in page.blocks if unit <= b.element < end)
            if one[:_REPEAT_PREFIX] in body_text:
                break
            lead.add(i)
            body_text += "\n" + one
        for i in siblings:
            if i != unit and (
                (final[i] >= threshold and not _teaser_cards(page, i))
                or i in lead
                or (elements[i].tag == "p" and paragraph_like(i))
            ):
                roots.append(i)
    # The winner and the siblings that joined it hold (nearly) all the prose of their parent:
    # the parent is the article, taken whole (the short paragraphs between them included).
    # So does the prose standing in a table cell before the winner (``td > text, font > p``:
    # an old layout's cell, its first paragraph before the wrapper of the rest).
    if parent >= 0 and elements[parent].tag not in ("body", "html"):
        intro = _cell_intro(page, parent, best) if len(roots) == 1 and elements[parent].tag == "td" else 0
        if len(roots) > 1 or intro >= 80:
            joined = intro + sum(good_upto[r + elements[r].size] - good_upto[r] for r in roots)
            if joined >= _WHOLE_PARENT * (good_upto[parent + elements[parent].size] - good_upto[parent]):
                roots = [parent]
    roots.extend(_same_template_chunks(elements, best, final, best_score * _SIBLING_SHARE, roots))
    roots.sort()
    return roots


#: A lead paragraph whose first this many characters the winner holds again is a summary.
_REPEAT_PREFIX = 40


def _cell_intro(page: PageBlocks, cell: int, best: int) -> int:
    """Characters of low-link prose standing in ``cell`` itself before the element ``best``."""
    total = 0
    for b in page.blocks:
        if b.element == best or page.in_subtree(b.element, best):
            break
        if b.element == cell and b.chars >= 25 and b.link_chars * 2 <= b.chars:
            total += b.chars - b.link_chars
    return total


#: Wrappers that readability turns into the one paragraph they hold.
_PARAGRAPH_WRAPPERS = frozenset({"div", "section", "span", "font"})


def _one_paragraph(page: PageBlocks, element: int, blocks_upto: list[int], last_block: dict[int, int]) -> str | None:
    """The text of an element that is one paragraph: a ``<p>``, or a wrapper (``div``,
    ``section``, ...) whose subtree holds a single block, a ``<p>`` or the wrapper's own text,
    that ends like a sentence (a print header's URL or a line of contact numbers is no
    paragraph); None for any other element. Readability turns such a wrapper into the
    paragraph it holds before it looks at the winner's siblings, so that an article whose
    first paragraphs each stand in a wrapper of their own (``div.firstPar > p``,
    ``div.secondPar > p`` beside ``div.body``) is taken whole."""
    elements = page.elements
    el = elements[element]
    end = element + el.size
    if blocks_upto[end] - blocks_upto[element] != 1 or (el.tag != "p" and el.tag not in _PARAGRAPH_WRAPPERS):
        return None
    # The one block: the last block of the one element of the subtree that has any.
    for e in range(element, end):
        k = last_block.get(e)
        if k is not None:
            block = page.blocks[k]
            inner = elements[e]
            if (
                (e == element or block.tag == "p")
                and not (inner.tokens & NEGATIVE_TOKENS)
                and not inner.chrome
                and ends_sentence(block.text)
            ):
                return block.text
            return None
    return None


#: Tags of the linked titles a news feed's summaries stand under (see :func:`_under_linked_title`).
_FEED_TITLE_TAGS = frozenset({"dt", "li"})


def _under_linked_title(block: RawBlock, title: RawBlock, elements: list[Element]) -> bool:
    """Whether a block is the summary under the linked title before it: a definition list's
    ``dt > a`` then ``dd``, or a list item's link then the item's summary (``li > a +
    div.tooltip``): a news feed, never the article's prose."""
    if not title.link_chars * 10 >= title.chars * 6 > 0:
        return False
    if title.tag == "dt":
        return block.tag == "dd"
    if title.tag == "li":
        t = title.element
        return t < block.element < t + elements[t].size
    return False


#: A winner of these tags is a part of the text around it (see :func:`choose_main`) when that
#: holds this much more prose than the winner.
_INNER_WINNERS = frozenset({"ul", "ol", "dl", "blockquote"})
_INNER_WINNER_SHARE = 1.2


#: A container is a box of teaser cards when this share of its prose or more follows a linked
#: heading, under at least :data:`_TEASER_HEADINGS` of them.
_TEASER_SHARE = 0.7
_TEASER_HEADINGS = 2
#: Blocks that title a card: headings, and the terms of a definition list (``dl > dt + dd``,
#: a news feed of linked titles, each with its summary).
_TITLE_TAGS = HEADING_TAGS | {"dt"}


def _teaser_cards(page: PageBlocks, element: int) -> bool:
    """Whether an element's prose is teaser cards: two or more headings that are wholly links
    (another page's title), with most of the prose under them (each card's summary). Such a
    box beside the article ("More on this topic": heading link, summary, "Read more") can
    score a fifth of a short article and join it as a sibling; an article's own sections have
    headings of plain text, and a blog's permalink title heads the post's only card.

    >>> from selectolax.lexbor import LexborHTMLParser
    >>> card = '<h2><a href="/x">Another story title</a></h2><p>' + 'Its summary, in a line. ' * 4 + '</p>'
    >>> page = walk(LexborHTMLParser('<div>' + card * 2 + '</div>').root)
    >>> _teaser_cards(page, next(e.index for e in page.elements if e.tag == 'div'))
    True
    """
    end = element + page.elements[element].size
    linked = teaser = prose = 0
    under_link = False
    for b in page.blocks:
        if not element <= b.element < end:
            continue
        if b.tag in _TITLE_TAGS:
            under_link = b.chars >= 5 and b.link_chars * 10 >= b.chars * (9 if b.tag != "dt" else 6)
            linked += under_link
            continue
        own = b.chars - b.link_chars
        prose += own
        if under_link:
            teaser += own
    return linked >= _TEASER_HEADINGS and teaser >= _TEASER_SHARE * prose


#: Share of its parent's prose the joined roots must hold for the parent to replace them.
_WHOLE_PARENT = 0.9


#: A wrapper is thin when it holds at most this much more prose than the winner inside it.
_THIN_WRAPPER = 1.05

#: How many wrapper levels above the winner :func:`_same_template_chunks` looks across.
_CHUNK_LEVELS = 4


def _same_template_chunks(
    elements: list[Element], best: int, final: list[float], threshold: float, roots: list[int]
) -> list[int]:
    """Containers built from the winner's template (same tag and first class/id) that sit in
    the wrappers around the winner's, up to :data:`_CHUNK_LEVELS` levels up, and score at
    least ``threshold``: an article cut into chunks, each in a wrapper of its own around an ad
    slot (``div.article__chunks > div.grid > div.grid--item``), where the other chunks are
    cousins of the winner, not siblings. Measured on the benchmark pages: recall 0.967 ->
    0.979 with precision unchanged (two levels gave 0.977; more than four, nothing more)."""
    label = elements[best].label
    if "." not in label and "#" not in label:
        return []  # a bare tag ("div") is no template
    found: list[int] = []
    wrapper = elements[best].parent
    for _ in range(_CHUNK_LEVELS):
        if wrapper < 0:
            break
        up = elements[wrapper].parent
        if up < 0 or elements[up].tag in ("body", "html"):
            break
        for i in range(up + 1, up + elements[up].size):
            el = elements[i]
            if (
                el.label == label
                and final[i] >= threshold
                and not el.chrome
                and not any(r <= i < r + elements[r].size or i <= r < i + el.size for r in (*roots, *found))
            ):
                found.append(i)
        wrapper = up
    return found

"""clean_html: fixtures with expected text, the DOM rules and their codes, and bad HTML.

Every robustness case is generated here (no network, no large files) and must finish well
under ten seconds.
"""

from __future__ import annotations

import codecs
import random
import re
import time
from pathlib import Path
from typing import Any

import pytest

import newsclean
from newsclean import Config, clean_html, tidy
from newsclean.html import HtmlBlock, HtmlResult
from newsclean.htmlblocks import (
    _HIDDEN_STYLE,
    _TRANSPARENT_TAGS,
    BLOCK_TAGS,
    CHROME_ROLES,
    CHROME_TAGS,
    DROPPED_TAGS,
    Element,
    PageBlocks,
    RawBlock,
    _block_text,
    cap_depth,
    class_tokens,
    decode_html,
    walk,
)
from newsclean.spans import apply

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "html"
PAGES = sorted(FIXTURES.glob("*.html"))
REGISTERED = {r.code for r in Config().all_rules()}

PARA = "<p>" + "The council met on Monday and agreed a plan for the harbour, officials said. " * 3 + "</p>\n"
ARTICLE = (
    "<article><header><h1>Harbour plan agreed</h1></header>"
    + PARA * 3
    + '<ul class="related"><li><a href="/x">Minister resigns over leaked memo</a></li>'
    '<li><a href="/y">Storm season starts early</a></li></ul></article>'
)
PAGE = (
    '<html><head><meta charset="utf-8"><title>t</title></head><body>'
    '<nav><a href="/">Home</a> <a href="/world">World</a></nav>'
    + ARTICLE
    + '<aside class="sidebar"><h3>Most read</h3><p>Ten things to do this weekend in the city centre.</p></aside>'
    "<footer>© 2025 Example Media Ltd. All rights reserved.</footer></body></html>"
)


def _timed(html: str | bytes, limit: float = 10.0) -> HtmlResult:
    start = time.perf_counter()
    result = clean_html(html)
    elapsed = time.perf_counter() - start
    assert elapsed < limit, f"clean_html took {elapsed:.1f} s"
    _assert_consistent(result)
    return result


def _assert_consistent(result: HtmlResult) -> None:
    """The report and the output agree; findings are sorted, in range, with registered codes."""
    assert tidy(apply(result.source_text, result.findings)) == result.text
    assert list(result.findings) == sorted(result.findings)
    for f in result.findings:
        assert f.code in REGISTERED
        assert 0 <= f.start <= f.end <= len(result.source_text)
    for block in result.blocks:
        assert result.source_text[block.start : block.end] == block.text


# --- fixtures -------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_fixture_expected_text(page: Path) -> None:
    expected = page.with_suffix(".expected.txt").read_text(encoding="utf-8")
    result = _timed(page.read_bytes())
    assert result.text == expected


def test_fixtures_exist() -> None:
    assert len(PAGES) >= 4
    for page in PAGES:
        assert page.with_suffix(".expected.txt").is_file(), f"{page.name} has no .expected.txt"


def test_news_fixture_keeps_article_and_drops_furniture() -> None:
    result = clean_html((FIXTURES / "news_article.html").read_bytes())
    assert 'Nobody came until the water did."' in result.text  # the quote stays ...
    assert result.text.count("Nobody came until the water did.") == 1  # ... its pull-quote copy goes
    for junk in (
        "Skip to main content",
        "Most read",
        "Sign up",
        "Minister resigns",
        "All rights reserved",
        "Advertisement",
        "window.dataLayer",
        "Facebook",
    ):
        assert junk not in result.text
    assert "A warning ignored" in result.text.splitlines()  # subheads are their own lines


def test_legacy_encoding_fixture() -> None:
    result = clean_html((FIXTURES / "table_layout.html").read_bytes())
    assert result.encoding == "cp1252"
    assert "Café Central" in result.text
    assert "Home | News" not in result.text  # the menu row: link density
    assert "Copyright" not in result.text  # NC103 on the HTML path too


# --- API, hints, DOM rules ------------------------------------------------------------------


def test_exported_from_package() -> None:
    assert newsclean.clean_html is clean_html
    assert {"clean_html", "HtmlResult", "HtmlBlock"} <= set(newsclean.__all__)


def test_blocks_carry_paths_and_hints() -> None:
    result = clean_html(PAGE)
    related = [b for b in result.blocks if "Minister resigns" in b.text]
    assert len(related) == 1
    block = related[0]
    assert isinstance(block, HtmlBlock)
    assert block.path.endswith("article>ul.related>li")
    assert "related" in block.tokens
    assert block.link_density == 1.0
    assert block.role == "list-item" and block.in_main
    nav = next(b for b in result.blocks if b.text.startswith("Home"))
    assert not nav.in_main


def test_dom_rule_finding_names_the_dom_path() -> None:
    result = clean_html(PAGE)
    nc150 = [f for f in result.findings if f.code == "NC150"]
    assert nc150 and all(f.name == "dom-boilerplate-block" for f in nc150)
    assert any("ul.related>li" in f.message for f in nc150)
    for f in result.findings:
        block = result.block_at(f.start)
        assert block is not None
        assert result.paths[f] == block.path
    assert "Minister resigns" not in result.text
    assert result.main_paths == ("body>article",)


def test_header_inside_article_is_kept() -> None:
    result = clean_html(PAGE)
    assert "Harbour plan agreed" in result.text
    headline = next(b for b in result.blocks if b.text == "Harbour plan agreed")
    assert headline.chrome == "" and headline.role == "heading"


def test_ignore_dom_rule() -> None:
    result = clean_html(PAGE, Config(ignore=("NC150",)))
    assert "Minister resigns over leaked memo" in result.text
    assert not any(f.code == "NC150" for f in result.findings)


def test_ignore_main_content_keeps_the_whole_page() -> None:
    result = clean_html(PAGE, Config(ignore=("NC151",)))
    assert result.main_paths == ()
    assert "Ten things to do this weekend" in result.text
    assert not any(f.code == "NC151" for f in result.findings)
    assert "All rights reserved" not in result.text  # the text rules still run on the whole page


def test_select_only_the_dom_rules() -> None:
    result = clean_html(PAGE, Config(select=("NC15",)))
    assert {f.code for f in result.findings} <= {"NC150", "NC151"}
    result = clean_html(PAGE, Config(select=("NC150",)))
    assert {f.code for f in result.findings} == {"NC150"}


def test_dom_rule_options() -> None:
    page = (
        "<html><body><article>"
        + PARA * 3
        + '<p>See <a href="/a">the full report on the harbour</a>.</p></article></body></html>'
    )
    assert "full report" not in clean_html(page).text
    kept = clean_html(page, Config(options={"dom-boilerplate-block": {"max_link_density": 0.95}}))
    assert "full report" in kept.text


def test_dom_rules_find_nothing_in_plain_text() -> None:
    text = "Related articles\n\nThe council met on Monday.\n"
    assert not [f for f in newsclean.check(text) if f.code in ("NC150", "NC151")]


def test_weak_class_word_needs_no_content_word() -> None:
    page = (
        "<html><body><article>"
        + PARA
        + '<div class="ad-free article-body"><p>The plan costs 4 million euros, the mayor said on Monday.</p></div>'
        + '<div class="ad"><p>Buy one get one free at the harbour shop this week.</p></div>'
        + PARA
        + "</article></body></html>"
    )
    text = clean_html(page).text
    assert "4 million euros" in text
    assert "Buy one get one" not in text


def test_post_meta_lines_are_furniture_but_never_prose() -> None:
    """``p.posted`` / ``div.postmeta`` lines (who posted, when, filed under) are removed; a
    paragraph of prose in an element so named is kept, as for every weak word."""
    sentence = "The harbour board posted its accounts on Monday, and they show a deficit for the third year running, which the chair blamed on the storm repairs."
    page = (
        "<html><body><article>"
        + PARA
        + '<p class="posted">Posted by harbourwatch at March 20, 2007 10:19 PM</p>'
        + '<div class="postmeta">Filed under: Harbour | Boats</div>'
        + f'<p class="posted">{sentence}</p>'
        + PARA
        + "</article></body></html>"
    )
    result = clean_html(page)
    assert "Posted by harbourwatch" not in result.text and "Filed under" not in result.text
    assert sentence in result.text
    assert any(f.code == "NC150" and "'posted'" in f.message for f in result.findings)


def test_class_tokens() -> None:
    assert class_tokens("relatedPosts") == {"related", "posts"}
    assert class_tokens("") == frozenset()


def test_class_tokens_agrees_with_its_definition() -> None:
    """Lower-case values skip the camelCase pass, and words are found rather than split
    out; on awkward Unicode (Kelvin sign, dotted capital I, final sigma) too."""

    def by_definition(value: str) -> frozenset[str]:
        camel_split = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", value).lower()
        return frozenset(t for t in re.split(r"[^a-z0-9]+", camel_split) if t)

    rng = random.Random(2)
    alphabet = "aZ9 -_.Bq\u212a\u0130\u03a3\u00df\u017f\u00a0\tx"
    values = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(3000)]
    for value in values + ["relatedPosts share_bar", "ΑΣ x", "\u212aELVIN", "İd", "mainStory", "a1B2"]:
        assert class_tokens(value) == by_definition(value), value


# --- bad HTML -------------------------------------------------------------------------------


def test_empty_and_non_html_input() -> None:
    for html in ("", "   ", b"", "just some text, no tags at all", "<", "<<<>>>", "</p></div>"):
        result = _timed(html)
        assert isinstance(result.text, str)
    assert clean_html("").text == ""


def test_wrong_type_is_a_clear_error() -> None:
    with pytest.raises(TypeError, match="str or bytes"):
        clean_html(42)  # type: ignore[arg-type]


@pytest.mark.parametrize("cut", [0.1, 0.33, 0.5, 0.77, 0.95])
def test_truncated_html(cut: int) -> None:
    html = PAGE.encode()
    result = _timed(html[: int(len(html) * cut)])
    assert "\ufffd" not in result.text or cut < 1


def test_truncated_inside_a_tag_and_a_multibyte_character() -> None:
    html = ("<html><body><article>" + PARA * 3 + "<p>Zürich café naïve").encode()
    _timed(html[:-1])
    result = _timed(html[:-3])  # cut inside the two bytes of "ï"
    assert "The council met" in result.text
    _timed(html + b'<a href="/x" class="')


def test_wrong_declared_encoding() -> None:
    body = "<p>" + "Café owners in Zürich said the rent rose by 10 % this year, officials said. " * 3 + "</p>"
    # Declared UTF-8, actually windows-1252.
    page = f'<html><head><meta charset="utf-8"></head><body><article>{body * 3}</article></body></html>'
    result = _timed(page.encode("cp1252"))
    assert "Café owners in Zürich" in result.text
    # Declared windows-1252, actually UTF-8: valid UTF-8 wins.
    page = page.replace('charset="utf-8"', 'charset="windows-1252"')
    assert "Café owners in Zürich" in _timed(page.encode("utf-8")).text
    # An encoding Python does not know, and a declared UTF-16 that is not.
    for label in ("x-no-such-encoding", "utf-16"):
        bad = page.replace('charset="windows-1252"', f'charset="{label}"').encode("cp1252")
        assert "owners in Z" in _timed(bad).text


def test_byte_order_marks() -> None:
    page = "<html><body><article>" + PARA * 3 + "<p>Zürich.</p></article></body></html>"
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        result = _timed(bom + page.encode(codec))
        assert "The council met" in result.text


def test_nul_bytes_and_binary_garbage() -> None:
    garbage = bytes(range(256)) * 200
    _timed(garbage)
    _timed(b"<html><body><p>a\x00b</p>" + garbage + b"</body></html>")


def test_decode_html_never_raises_on_bad_bytes() -> None:
    text, encoding = decode_html(b'<meta charset="shift_jis"><p>\xff\xfe\x81</p>')
    assert isinstance(text, str) and encoding


@pytest.mark.parametrize(
    "opening",
    ["<div>x", "<ul><li>x", "<span>x", "<blockquote>x", "<table><tr><td>x"],
    ids=["div", "ul-li", "span", "blockquote", "table"],
)
def test_deeply_nested_tags(opening: str) -> None:
    levels = 100_000 if opening in ("<div>x", "<span>x") else 30_000
    html = "<html><body>" + opening * levels + PARA + "</body></html>"
    result = _timed(html)
    assert result.depth_capped
    assert "The council met on Monday" in result.text


def test_deeply_nested_closed_divs_keep_their_text() -> None:
    levels = 100_000
    paras = "".join(PARA.replace("Monday", day) for day in ("Monday", "Tuesday", "Friday"))
    html = "<html><body>" + "<div>" * levels + paras + "</div>" * levels + "</body></html>"
    result = _timed(html)
    for day in ("Monday", "Tuesday", "Friday"):
        assert f"The council met on {day}" in result.text


def test_deeply_nested_formatting_elements_with_attributes() -> None:
    html = "<html><body>" + "".join(f'<b id="b{i}">x' for i in range(100_000)) + PARA + "</body></html>"
    _timed(html)


def test_cap_depth_keeps_text() -> None:
    page, changed = cap_depth("<div>" * 5 + "deep" + "</div>" * 5, max_depth=2)
    assert changed and "deep" in page and page.count("<div>") == 2
    assert cap_depth("<div>x</div>")[1] is False


def test_fifty_megabyte_page() -> None:
    """A 50 MB page shaped like the huge pages we see: inline scripts and JSON state, data-URI
    images, a long menu, one article. The HTML stages are linear; this finishes in seconds.
    (A 50 MB page of dense markup, a million elements, takes about 40 s: see docs/html.md.)"""
    script = "<script>" + "var x = '<div>not markup</div>';\n" * 500_000 + "</script>"
    state = '<script type="application/json">' + '{"id": 12345, "title": "Story"},' * 600_000 + "</script>"
    image = '<img src="data:image/png;base64,' + "iVBORw0KGgo" * 1_300_000 + '">'
    menu = "<nav><ul>" + '<li><a href="/section">Section</a></li>' * 20_000 + "</ul></nav>"
    html = "<html><head>" + script + state + "</head><body>" + menu + image + ARTICLE + "</body></html>"
    assert len(html) > 50_000_000
    result = _timed(html, limit=10.0)
    assert "The council met on Monday" in result.text
    assert "Section" not in result.text


def test_figure_caption_rule() -> None:
    page = (
        "<html><body><article>"
        + PARA
        + '<figure><img src="a.jpg"><figcaption>Residents wade through a flooded street.</figcaption></figure>'
        + PARA.replace("Monday", "Tuesday")
        + "</article></body></html>"
    )
    result = clean_html(page)
    assert "Residents wade" not in result.text
    caption = [f for f in result.findings if f.code == "NC152"]
    assert caption and "figure>figcaption" in caption[0].message
    kept = clean_html(page, Config(ignore=("NC152",)))
    assert "Residents wade through a flooded street." in kept.text
    assert next(b for b in kept.blocks if b.text.startswith("Residents")).role == "caption"


# --- the walk against a plain statement of it -----------------------------------------------


def _reference_walk(root: object) -> PageBlocks:
    """What :func:`walk` computes, stated plainly: recursive, every text node buffered, no
    caches and no fast paths. Fine for the small pages below; the real walk must agree."""
    page = PageBlocks()
    elements, blocks = page.elements, page.blocks
    state = {"link_chars": 0, "link_depth": 0, "pre_depth": 0, "began": -1}
    buf: list[str] = []
    cells: list[int] = []  # the open table cells
    cells_with_blocks: set[int] = set()

    def flush(owner: int) -> None:
        text = _block_text("".join(buf), state["pre_depth"] > 0)
        buf.clear()
        if text:
            tag = elements[owner].tag if owner >= 0 else "body"
            blocks.append(RawBlock(text, owner, tag, len(text), min(state["link_chars"], len(text))))
        state["link_chars"] = 0
        state["began"] = -1

    def began_in(cell: int) -> bool:
        """Whether the buffered text began (its first non-blank piece) inside ``cell``."""
        return 0 <= cell < state["began"]

    def visit(node: Any, parent: int, owner: int | None) -> None:
        tag = node.tag
        if tag == "-text":
            value = node.text_content
            if value:
                if state["began"] < 0 and not value.isspace():
                    state["began"] = len(elements)
                buf.append(value)
                if state["link_depth"]:
                    state["link_chars"] += len(value.strip())
            return
        if not tag or tag.startswith("-") or tag in DROPPED_TAGS:
            return
        attrs = node.attributes
        if tag in _TRANSPARENT_TAGS and not attrs:
            for child in node.iter(include_text=True):
                visit(child, parent, -1 if owner is None else owner)
            return
        if "hidden" in attrs or attrs.get("aria-hidden") == "true":
            return
        if attrs.get("style") and _HIDDEN_STYLE.search(attrs["style"]):
            return
        cls, ident, role = attrs.get("class") or "", attrs.get("id") or "", (attrs.get("role") or "").lower()
        hint = (
            2
            if "articlebody" in (attrs.get("itemprop") or "").lower()
            else int(tag in ("article", "main") or role == "main")
        )
        in_article = parent >= 0 and (elements[parent].in_article or elements[parent].tag == "article")
        chrome = ""
        if tag in CHROME_TAGS:
            chrome = "" if in_article and tag in ("header", "footer") else tag
        elif role in CHROME_ROLES:
            chrome = "aside" if role == "complementary" else "nav"
        label = tag + ("." + cls.split()[0] if cls.split() else "#" + ident.split()[0] if ident.split() else "")
        index = len(elements)
        elements.append(Element(index, tag, parent, class_tokens(cls + " " + ident), label, chrome, in_article, hint))  # type: ignore[arg-type]
        if tag in BLOCK_TAGS:
            block_owner = -1 if owner is None else owner
            # A block inside a cell (no block element between them): text standing in the
            # cell before it is the cell's own block.
            if cells and cells[-1] > block_owner:
                cells_with_blocks.add(cells[-1])
                if began_in(cells[-1]):
                    block_owner = cells[-1]
            if buf:
                flush(block_owner)
            child_owner = index
        else:
            child_owner = index if owner is None else owner
            state["link_depth"] += tag == "a"
            buf.extend({"br": "\x00", "td": " ", "th": " "}.get(tag, ""))
        state["pre_depth"] += tag == "pre"
        if tag in ("td", "th"):
            cells.append(index)
        for child in node.iter(include_text=True):
            visit(child, index, child_owner)
        elements[index].size = len(elements) - index
        if tag in BLOCK_TAGS and buf:
            flush(index)
        if tag == "a" and state["link_depth"]:
            state["link_depth"] -= 1
        if tag in ("td", "th"):
            cells.pop()
            if index in cells_with_blocks and began_in(index):
                flush(index)
            else:
                buf.append(" ")
        state["pre_depth"] -= tag == "pre"

    visit(root, -1, None)
    if buf:
        flush(-1)
    return page


def _generated_page(rng: random.Random) -> str:
    tags = [
        "div",
        "p",
        "span",
        "b",
        "a",
        "li",
        "ul",
        "pre",
        "br",
        "td",
        "tr",
        "table",
        "article",
        "header",
        "footer",
        "nav",
        "aside",
        "script",
        "h1",
        "figure",
        "em",
        "template",
        "svg",
        "form",
        "main",
        "i",
    ]
    attrs = [
        "",
        "",
        "",
        ' class="content"',
        ' class="relatedPosts  x"',
        ' id="mainStory"',
        " hidden",
        ' class=""',
        ' aria-hidden="true"',
        ' style="display:none"',
        ' role="navigation"',
        ' role="Main"',
        ' id=" "',
        ' itemprop="articleBody"',
        ' data-x="1"',
        ' role="complementary"',
        ' class="ad share" id="a b"',
    ]
    words = ["The council met", "on Monday,", "\n", "  ", " \n\t ", "officials said.", "Zürich", "&amp;", "\u00a0"]
    parts = ["<html><body>"]
    for _ in range(rng.randint(5, 150)):
        r = rng.random()
        if r < 0.4:
            parts.append(f"<{rng.choice(tags)}{rng.choice(attrs)}>")
        elif r < 0.6:
            parts.append(f"</{rng.choice(tags)}>")
        else:
            parts.append(" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))))
    return "".join(parts)


def test_walk_agrees_with_its_plain_statement() -> None:
    """The walk's fast paths (whitespace not buffered at a block's start, cached class words,
    the iterative enter/leave steps) change nothing on generated pages and the fixtures."""
    from selectolax.lexbor import LexborHTMLParser

    rng = random.Random(1)
    pages = (
        [_generated_page(rng) for _ in range(300)]
        + [PAGE]
        + [p.read_text(encoding="utf-8", errors="replace") for p in PAGES]
    )
    for html in pages:
        root = LexborHTMLParser(html).root
        fast, plain = walk(root), _reference_walk(root)
        assert fast.blocks == plain.blocks, html
        assert fast.elements == plain.elements, html


def _reference_path(page: PageBlocks, memo: dict[int, str], index: int, max_parts: int = 8) -> str:
    """DOM paths as first written: the step list trimmed to "…" + the last steps at every step."""
    chain: list[int] = []
    i = index
    while i >= 0 and i not in memo:
        chain.append(i)
        i = page.elements[i].parent
    parts = memo[i].split(">") if i >= 0 and memo[i] else []
    for j in reversed(chain):
        el = page.elements[j]
        if el.tag != "html":
            parts.append(el.label)
            if len(parts) > max_parts:
                parts = ["…", *parts[-max_parts:]]
        memo[j] = ">".join(parts)
    return memo[index]


def test_dom_paths_agree_with_trimming_at_every_step() -> None:
    """Deep paths are trimmed once per step rather than at every step; same paths, in any
    order of asking (the memo makes later answers depend on earlier ones)."""
    from selectolax.lexbor import LexborHTMLParser

    rng = random.Random(3)
    for _ in range(40):
        html = "<html><body>" + "".join(
            rng.choice(["<div>", '<div class="a>b c">', "<section id='s'>", "<p>x", "</div>", "<b>y</b>", "<ul><li>z"])
            for _ in range(rng.randint(1, 60))
        )
        page = walk(LexborHTMLParser(html).root)
        order = list(range(len(page.elements)))
        rng.shuffle(order)
        memo: dict[int, str] = {}
        for i in order:
            assert page.path(i) == _reference_path(page, memo, i)


# --- valid UTF-8 bytes go to the parser as they are ----------------------------------------


def _same_result(a: HtmlResult, b: HtmlResult) -> None:
    assert a.text == b.text
    assert a.findings == b.findings
    assert a.blocks == b.blocks
    assert [x.path for x in a.blocks] == [x.path for x in b.blocks]
    assert a.main_paths == b.main_paths


def test_utf8_bytes_read_as_they_are_give_the_text_path_result() -> None:
    """Bytes the parser reads as they are (valid UTF-8, no BOM, no NUL, few tags) give the
    result of the text path on the same page decoded: on every fixture, on generated pages
    and on the first vendored benchmark pages."""
    import gzip

    from newsclean.htmlblocks import utf8_as_is

    rng = random.Random(3)
    pages = [p.read_bytes() for p in PAGES] + [_generated_page(rng).encode() for _ in range(50)]
    bench = sorted((FIXTURES.parent / "eval" / "scrapinghub" / "html").glob("*.html.gz"))[:40]
    pages += [gzip.open(p).read() for p in bench]
    taken = 0
    for raw in pages:
        if utf8_as_is(raw) is None:
            continue
        taken += 1
        fast = clean_html(raw)
        assert fast.encoding == "utf-8"
        _same_result(fast, clean_html(raw.decode("utf-8")))
    assert taken >= len(pages) * 0.9


def test_bytes_that_need_the_text_path_take_it() -> None:
    from newsclean.htmlblocks import utf8_as_is

    page = PAGE.encode()
    assert utf8_as_is(page) == page
    assert utf8_as_is(bytearray(page)) is None  # copied to bytes by the text path
    assert utf8_as_is(PAGE) is None
    assert utf8_as_is(codecs.BOM_UTF8 + page) is None
    assert utf8_as_is(page.replace(b"Harbour", b"Harb\x00our")) is None
    assert utf8_as_is(page.replace(b"Harbour", "Hárbour".encode("cp1252"))) is None
    many_tags = b"<html><body>" + b"<div>x</div>" * 5000 + b"</body></html>"
    assert utf8_as_is(many_tags) is None  # the depth cap must look at it
    assert clean_html(codecs.BOM_UTF8 + page).text == clean_html(page).text


def test_blocks_are_built_when_asked_for() -> None:
    """Bulk text extraction never builds the page's blocks; asking gives the blocks that the
    DOM rules judged (the main-content ones with the same hints) and the text they make."""
    result = clean_html(PAGE)
    assert result._blocks is None
    blocks = result.blocks
    assert result.blocks is blocks and result._blocks is blocks
    assert result.source_text == "\n\n".join(b.text for b in blocks) + "\n"
    related = next(b for b in blocks if "Minister resigns" in b.text)
    assert related.in_main and "related" in related.tokens
    assert any(f.code == "NC150" and f.start == related.start for f in result.findings)
    assert not any(b.in_main for b in blocks if b.text.startswith("Home"))


def test_block_paths_are_built_on_demand() -> None:
    result = clean_html(PAGE)
    assert all(b._page is not None and b._element >= 0 for b in result.blocks)
    assert result.blocks[0].path.startswith("body>")
    assert HtmlBlock("x", "p", "paragraph", frozenset(), 0.0, "", False, True, 0, 1).path == ""


# --- bad HTML on the bytes path -------------------------------------------------------------


def test_nul_characters_in_text_input() -> None:
    html = "<html><body><article>" + PARA.replace("harbour", "har\x00bour") * 3 + "</article></body></html>"
    result = clean_html(html)
    _assert_consistent(result)
    assert "\x00" not in result.text and "The council met" in result.text


def test_deep_nesting_given_as_utf8_bytes_is_capped() -> None:
    html = ("<html><body>" + "<div>" * 100_000 + PARA + "</div>" * 100_000 + "</body></html>").encode()
    result = clean_html(html)
    _assert_consistent(result)
    assert result.depth_capped and "The council met on Monday" in result.text


def test_fifty_megabytes_of_few_tags_as_utf8_bytes() -> None:
    """A 50 MB page with few tags (one huge data-URI image) goes to the parser as bytes."""
    from newsclean.htmlblocks import utf8_as_is

    image = '<img src="data:image/png;base64,' + "iVBORw0KGgo" * 4_600_000 + '">'
    html = ("<html><body>" + image + ARTICLE + "</body></html>").encode()
    assert len(html) > 50_000_000 and utf8_as_is(html) is html
    result = clean_html(html)
    _assert_consistent(result)
    assert "The council met on Monday" in result.text and "iVBOR" not in result.text


def _post_page(before_title: str) -> str:
    """A blog post (title, date line, body) whose wrapper holds ``before_title`` ahead of the title."""
    return (
        '<html><body><div id="page"><div class="post">'
        + before_title
        + '<h2><a href="/p/1">Harbour plan agreed by the council</a></h2><div class="meta">July 24, 2012</div>'
        '<div class="entry">' + PARA * 3 + "</div></div>"
        '<div class="column"><h2>Elsewhere on the site</h2><ul><li><a href="/a">Potatoes</a></li></ul></div>'
        "</div></body></html>"
    )


def test_post_title_opening_the_wrapper_joins_the_region() -> None:
    result = _timed(_post_page(""))
    assert result.main_paths == ("body>div#page>div.post>div.entry",)
    assert result.text.startswith("Harbour plan agreed by the council\n")
    assert "Elsewhere on the site" not in result.text


def test_heading_that_does_not_open_the_wrapper_stays_out() -> None:
    # A heading after other blocks of the wrapper is no title of the region (a section's,
    # a list's): nothing joins, the region's own text is unchanged.
    result = _timed(_post_page('<p class="kicker">From the archive</p>'))
    assert "Harbour plan agreed by the council" not in result.text
    assert result.text.startswith("The council met on Monday")
    assert _timed(_post_page("")).text.endswith(result.text)


_PROSE = (
    "<p>The council voted on Tuesday to keep the old library open for another five years, "
    "after residents collected more than four thousand signatures, the mayor said.</p>"
)
_TAGLINE = (
    "<p>A diary about the town, its streets, its markets, its councils, its weather, its "
    "schools, its ferries and its people, written every week since 2009 by two neighbours "
    "who never agree about anything at all.</p>"
)


def test_site_header_tagline_never_wins_over_a_short_post() -> None:
    page = (
        "<html><body><div id='wrap'><div id='header-wrapper'><h1>Town diary</h1>"
        f"<div class='description'>{_TAGLINE}</div></div>"
        f"<div id='main'><div class='post'><h3>Library stays</h3><div class='post-body'>{_PROSE}"
        "</div></div></div></div></body></html>"
    )
    result = clean_html(page)
    assert result.main_paths and result.main_paths[0].endswith("div.post-body")
    assert "neighbours who never agree" not in result.text
    assert "Town diary" not in result.text
    assert "five years" in result.text


def test_article_own_header_is_no_page_header() -> None:
    # The headline in the story's header (inside a content container) still heads the story,
    # and a "header" wrapping the whole page (layout) does not hide its headline either.
    inside = (
        "<html><body><div class='story'><div class='story-head header'><h1>Library stays open</h1></div>"
        f"<div class='copy'>{_PROSE}{_PROSE.replace('Tuesday', 'Friday')}</div></div></body></html>"
    )
    assert clean_html(inside).text.startswith("Library stays open\n")
    wrapping = (
        "<html><body><div id='header'><div id='inner'><div id='posttop'><h1>Library stays open</h1></div>"
        f"<div id='entry'>{_PROSE}{_PROSE.replace('Tuesday', 'Friday')}</div></div></div>"
        "<div id='nav'><a href='/'>Home</a></div></body></html>"
    )
    assert clean_html(wrapping).text.startswith("Library stays open\n")


def _lead_page(between: str) -> str:
    """A story whose first paragraphs stand each in a wrapper of its own before the body."""
    lead = "".join(
        f'<div class="par{n}"><p>The {n} ferry of the day will leave earlier from March, the harbour board said.</p></div>'
        for n in ("first", "second")
    )
    return (
        '<html><body><div class="story">' + lead + between + '<div class="body">' + PARA * 3 + "</div>"
        '<div class="notice"><p>'
        + "Our stories are checked by two editors before they are published. "
        * 4
        + "</p></div>"
        "</div></body></html>"
    )


def test_lead_paragraphs_in_wrappers_join_the_article() -> None:
    # Readability turns a wrapper of one paragraph into that paragraph: the lead paragraphs
    # right before the body join it, across a box of links; a notice after it does not.
    result = _timed(_lead_page('<div class="links"><a href="/a">Ferry fares to rise in spring</a></div>'))
    assert result.text.startswith("The first ferry of the day")
    assert "The second ferry" in result.text
    assert "checked by two editors" not in result.text


def test_a_caption_between_breaks_the_lead() -> None:
    # A wrapper whose text does not end like a sentence (a caption, a credit) is no paragraph:
    # the wrappers before it stay out, the body alone is the article.
    result = _timed(_lead_page('<div class="photo">Ferries at the quay in the morning / Photo Agency</div>'))
    assert result.text.startswith("The council met on Monday")
    assert "ferry of the day" not in result.text


def test_run_of_linked_headings_is_a_list_of_other_pages() -> None:
    # Other pages' titles listed under the article (``ul > li > h3 > a``) are removed; a
    # heading that is a link alone (a section's title in the article) stays.
    titles = "".join(f'<li><h3><a href="/{n}">Story number {n} about the harbour</a></h3></li>' for n in range(4))
    page = (
        '<html><body><div class="post"><h1>Harbour plan agreed by the council</h1>'
        '<div class="entry">'
        + PARA * 2
        + '<h2><a href="/plan">The plan in full</a></h2>'
        + PARA
        + "<ul>"
        + titles
        + "</ul></div></div></body></html>"
    )
    result = clean_html(page)
    assert "Story number" not in result.text
    assert "The plan in full" in result.text
    assert any(f.code == "NC150" and "link density" in f.message for f in result.findings)


def test_comments_marked_up_as_articles_never_win() -> None:
    # HTML5 marks each comment up as an <article>: inside a comment thread it starts nothing
    # afresh, and a long comment does not win over the story beside it.
    comment = (
        '<li class="comment"><article class="content"><div class="inner"><p>'
        + "I have crossed on that ferry every day for twenty years, and the new timetable is worse, "
        "because the early boat is always full. " * 12 + "</p></div></article></li>"
    )
    page = (
        '<html><body><div id="page"><div class="story"><h1>Harbour plan agreed</h1>'
        + PARA * 2
        + '</div><section class="comments"><ul class="child">'
        + comment
        + "</ul></section></div></body></html>"
    )
    result = clean_html(page)
    assert result.main_paths == ("body>div#page>div.story",)
    assert "every day for twenty years" not in result.text


def test_news_feed_of_linked_titles_is_no_part_of_the_article() -> None:
    # A definition list of linked titles, each with its summary (``dl > dt > a + dd``: a news
    # feed beside the story), neither lifts the column around it over the story nor joins it,
    # however much prose its summaries hold.
    item = (
        '<dt>10:17 <a href="/n">Ferry strike called off after late talks</a></dt>'
        "<dd>The crew's union called off the strike on Tuesday, after talks with the harbour board "
        "lasted until late at night, the board said in a statement.</dd>"
    )
    page = (
        '<html><body><table><tr><td id="right"><h1>Harbour plan agreed</h1><div class="text">'
        + PARA * 2
        + '</div><dl class="feed">'
        + item * 8
        + "</dl></td></tr></table></body></html>"
    )
    result = clean_html(page)
    assert result.main_paths == ("body>table>tbody>tr>td#right>div.text",)
    assert "Ferry strike" not in result.text
    assert "called off the strike" not in result.text


def test_list_of_linked_titles_with_summaries_never_wins() -> None:
    # A list item's link, then the item's summary (``li > a + div.tooltip``): a news feed in
    # the column beside a short story, whatever its summaries hold, is not the article.
    item = (
        '<li><a href="/n">Ferry strike called off after late talks</a><div class="tooltip">'
        "The crew's union called off the strike on Tuesday, after talks with the harbour board "
        "lasted until late at night, the board said in a statement on its website.</div></li>"
    )
    page = (
        '<html><body><div id="container"><div class="article"><h1>Harbour plan agreed</h1>'
        + PARA
        + '</div><div id="rightcol"><ul>'
        + item * 10
        + "</ul></div></div></body></html>"
    )
    result = clean_html(page)
    assert result.main_paths == ("body>div#container>div.article",)
    assert "called off the strike" not in result.text


def test_table_cell_text_before_the_wrapper_of_the_rest_joins() -> None:
    # An old layout's cell: its first paragraph stands in the cell, the rest in a
    # wrapper (a <div>, a <font size>); the cell is the article, its first paragraph included.
    intro = "The harbour board said on Tuesday that the first ferry will leave at six from March, after a review."
    page = (
        "<html><body><table><tr><td><a href='/'>Home</a> <a href='/news'>News</a></td></tr>"
        "<tr><td>" + intro + "<div>" + PARA * 3 + "</div></td></tr></table></body></html>"
    )
    result = clean_html(page)
    assert result.text.startswith(intro)
    assert "Home" not in result.text


def test_post_footer_and_author_bio_inside_the_article_are_furniture() -> None:
    # The post's own footer (``div.entry-footer``: "Posted by X at 12:00 AM", labels) and an
    # author box (``div.author-bio``) inside the story's container are no part of the story,
    # however much they read like prose.
    page = (
        '<html><body><div class="post"><h1>Harbour plan agreed by the council</h1>'
        '<div class="entry">'
        + PARA
        * 3
        + '<div class="entry-footer"><p>Posted by Jane Smith at 12:00 AM</p><p>Labels: Harbour, Council</p></div>'
        '<div class="author-bio"><p>Jane Smith has covered the harbour and the council for the paper '
        "since 2004, and before that she wrote about shipping for a trade weekly in London.</p></div>"
        "</div></div></body></html>"
    )
    result = clean_html(page)
    assert "agreed a plan for the harbour" in result.text
    assert "Posted by" not in result.text
    assert "Labels:" not in result.text
    assert "trade weekly" not in result.text
    assert {f.message.split(" at ")[0] for f in result.findings if f.code == "NC150"} >= {
        "class/id 'footer'",
        "class/id 'bio'",
    }


def test_comment_thread_named_after_the_story_is_a_region() -> None:
    # A comment thread inside the story's container, named after the story
    # (``div#reader-comments.article-id-7``): the layout word "article" beside the comment
    # word does not make it the article, so its notices go with the comments.
    comment = (
        '<div class="comment-post"><p class="comment-body">'
        + "I have crossed on that ferry every day for twenty years, and the new timetable is worse. " * 6
        + "</p></div>"
    )
    page = (
        '<html><body><div class="article-text"><h1>Harbour plan agreed by the council</h1>'
        + PARA * 2
        + '<div id="reader-comments" class="max-comments-10 article-id-7"><div class="rc-content">'
        + comment * 4
        + '<p class="bold">The views expressed in the contents above are those of our users.</p>'
        "</div></div></div></body></html>"
    )
    result = clean_html(page)
    assert "agreed a plan for the harbour" in result.text
    assert "every day for twenty years" not in result.text
    assert "The views expressed" not in result.text


def test_about_the_author_box_is_furniture_whatever_its_wrapper_says() -> None:
    # An author box inside the post (``div.about-author > div.author-text``): "author" alone
    # is a weak word (a byline's class beside a content word), but beside "about", "box" or
    # "info" it names the writer's profile, which goes even when it reads as prose.
    box = (
        '<div class="wp-about-author"><div class="about-author-text"><h3><a href="/jane">Jane</a></h3>'
        "<p>Jane Smith has covered the harbour and the council for the paper since 2004, and "
        "before that she wrote about shipping for a trade weekly in London.</p></div></div>"
    )
    page = (
        '<html><body><div class="post"><h1>Harbour plan agreed by the council</h1><div class="entry">'
        + PARA * 3
        + box
        + '<p class="author">Jane Smith</p></div></div></body></html>'
    )
    result = clean_html(page)
    assert "agreed a plan for the harbour" in result.text
    assert "trade weekly" not in result.text
    assert any(f.code == "NC150" and "'author'" in f.message for f in result.findings)


def test_related_box_named_after_the_story_never_wins() -> None:
    # A box of other stories named after the story (``div#article_related_by_phrase``):
    # the layout word "article" beside "related" does not make it the article, however
    # much prose its summaries hold.
    item = (
        "<li><a href='/n'>Ferry strike called off</a> The crew's union called off the strike on "
        "Tuesday, after talks with the harbour board lasted until late at night, the board said "
        "in a statement, and the ferries will sail again on Wednesday morning.</li>"
    )
    page = (
        '<html><body><div id="main"><div id="article"><h1>Harbour plan agreed by the council</h1>'
        '<div class="content">' + PARA + "</div></div>"
        '<div id="article_related_by_phrase_2"><ul class="list_small">' + item * 8 + "</ul></div>"
        "</div></body></html>"
    )
    result = clean_html(page)
    assert "agreed a plan for the harbour" in result.text
    assert "called off the strike" not in result.text


def test_contact_line_of_phone_and_fax_under_a_chinese_story_goes() -> None:
    # A portal's contact line under the story (a phone number and a fax label on one line)
    # is the site's, not the article's (NC208's zh data); a phone number alone stays (a press
    # release gives its contact).
    story = "<p>" + "上海市政府今天公布了新的交通规划，记者从发布会上了解到，新线路将在明年开通运营。" * 3 + "</p>"
    page = (
        "<html><body><div class='newsContent'><h1>上海公布新的交通规划</h1>"
        + story
        + story
        + "<p>如需咨询，请拨打电话：021-52921234。</p>"
        "<p>电话：021-52921234转641133 新民网 传真：021-62677454</p></div></body></html>"
    )
    result = clean_html(page)
    assert "新线路将在明年开通运营" in result.text
    assert "请拨打电话：021-52921234" in result.text
    assert "传真" not in result.text
    assert any(f.code == "NC208" for f in result.findings)


def test_a_sites_call_to_follow_or_like_its_page_goes() -> None:
    # "Join us on Facebook, ..." (ru) and "... Like our page!" (zh) under the story address the
    # reader (NC209's ru and zh data); a story that reports a page being opened stays.
    ru = "<p>" + "Правительство утвердило новый план развития транспорта, сообщили в министерстве. " * 3 + "</p>"
    page = (
        "<html><body><div class='article-text'><h1>Новый план развития транспорта</h1>"
        + ru
        + ru
        + "<p>Присоединяйтесь к нам на Facebook, Twitter, В контакте.</p></div></body></html>"
    )
    result = clean_html(page)
    assert "новый план развития транспорта" in result.text
    assert "Присоединяйтесь" not in result.text
    zh = "<p>" + "香港政府今日宣布新的交通計劃，並在Facebook開設專頁，讓市民了解最新消息。" * 3 + "</p>"
    page = (
        "<html><body><div id='news_text'><h1>香港公布新的交通計劃</h1>"
        + zh
        + zh
        + "<p>香港新浪新聞現已開設Facebook專頁，與朋友分享！快點到Facebook Like我們的專頁！[按此 Like]</p>"
        "</div></body></html>"
    )
    result = clean_html(page)
    assert "並在Facebook開設專頁" in result.text
    assert "Like我們的專頁" not in result.text


@pytest.mark.parametrize(
    ("story", "junk"),
    [
        (
            "Rząd przyjął nowy plan rozwoju transportu, poinformowało ministerstwo w czwartek rano. ",
            "Żadna część jak i całość utworów zawartych w dzienniku nie może być powielana i rozpowszechniana.",
        ),
        (
            "Правительство утвердило новый план развития транспорта, сообщили в министерстве. ",
            "Оцените, пожалуйста, статью. Нам важно Ваше мнение.",
        ),
        (
            "The government approved a new transport plan on Thursday, the ministry said in a statement. ",
            "To contact the reporter on this story: Jane Doe in Mumbai at jdoe@example.net",
        ),
    ],
)
def test_reprint_bans_rating_prompts_and_wire_contact_lines_go(story: str, junk: str) -> None:
    # A publisher's reprint ban (pl), a rating widget's prompt (ru) and the wire's contact line
    # (en) at the foot of the story are the site's (NC208 and NC209 data).
    page = (
        "<html><body><div class='article-body'><h1>Transport</h1><p>"
        + story * 3
        + "</p><p>"
        + story * 3
        + "</p><p>"
        + junk
        + "</p></div></body></html>"
    )
    result = clean_html(page)
    assert story.strip() in result.text
    assert junk[:20] not in result.text

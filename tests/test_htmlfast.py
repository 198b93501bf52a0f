"""The compiled DOM walk (``newsclean._compiled.dom``) returns exactly what the Python
:func:`newsclean.htmlblocks.walk` (the definition) returns: every vendored benchmark page and
the bad-input cases. Skipped only where the extension was not built (no C compiler)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from newsclean import htmlblocks
from newsclean.html import parse_html

dom = pytest.importorskip("newsclean._compiled.dom")

PAGES = sorted((Path(__file__).parent.parent / "fixtures" / "eval" / "scrapinghub" / "html").glob("*.html.gz"))


def both_walks(html: str | bytes) -> tuple[htmlblocks.PageBlocks, htmlblocks.PageBlocks]:
    """(Python walk, compiled walk) of the tree :func:`newsclean.clean_html` would walk."""
    tree, _, _ = parse_html(html, LexborHTMLParser)
    root = tree.root
    assert root is not None
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NEWSCLEAN_REFERENCE", "1")
        python = htmlblocks.walk(root)
    return python, dom.walk(root, htmlblocks)


def assert_same(html: str | bytes) -> None:
    python, compiled = both_walks(html)
    assert compiled.elements == python.elements
    assert compiled.blocks == python.blocks


def test_compiled_walk_is_in_use() -> None:
    assert htmlblocks._compiled_walk is dom.walk
    assert dom.LEXBOR_VERSION.count(".") == 2


def test_the_benchmark_pages_walk_the_same() -> None:
    assert len(PAGES) == 181
    for path in PAGES:
        assert_same(gzip.decompress(path.read_bytes()))


PAGE = (
    '<html><head><title>T</title><style>p{}</style></head><body><nav class="menu"><a href="/">Home</a></nav>'
    '<article itemprop="articleBody"><h1 id="t">Zürich café</h1><p>One <b>two</b> <a href="/x">three</a>.<br>Four'
    "</p><table><tr><td>a<p>b</p></td><td>c</td></tr></table><pre> x\n  y</pre><div hidden>gone</div>"
    '<div aria-hidden="true">gone</div><span style="display:none">gone</span><!-- c --><svg><foreignObject>'
    "f</foreignObject></svg><my-widget role=Complementary data-x>w</my-widget></article></body></html>"
)


@pytest.mark.parametrize(
    "html",
    [
        PAGE,
        PAGE.encode("utf-8"),
        PAGE.encode("cp1252", errors="replace"),
        PAGE.encode("utf-8")[: len(PAGE) // 2],
        PAGE.encode("utf-8")[:-3],
        PAGE.replace("One", "O\x00ne"),
        PAGE.encode("utf-8").replace(b"One", b"O\x00ne"),
        PAGE.encode("utf-8").replace("ü".encode(), b"\xfc"),
        "<div>" * 5000 + "deep" + "</div>" * 5000,
        "",
        "just text",
        "<",
        "</p></div>",
        PAGE * 300,
    ],
    ids=lambda h: f"{type(h).__name__}-{len(h)}",
)
def test_bad_inputs_walk_the_same(html: str | bytes) -> None:
    assert_same(html)


def test_another_selectolax_release_gets_the_python_walk(monkeypatch: pytest.MonkeyPatch) -> None:
    import selectolax

    monkeypatch.setattr(selectolax, "__version__", "0.0.0")
    assert htmlblocks._load_compiled_walk() is None
    monkeypatch.undo()
    assert htmlblocks._load_compiled_walk() is dom.walk

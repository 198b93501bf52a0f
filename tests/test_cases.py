"""Golden cases in fixtures/cases/*.json: exact clean output and the codes of the findings.

Each file holds the cases of one family. A case is ``{"id", "family", "kind", "input",
"expected", "codes", "note"}``; ``kind`` is ``positive`` (junk that must go) or ``negative``
(text that looks like junk and must survive). ``codes`` is the sorted set of codes the findings
must carry. Optional keys: ``guards`` (negatives: the codes of the rules the case is a trap
for; tests/test_rules_meta.py counts them), ``format: "html"`` (the input is a page, cleaned
with :func:`newsclean.clean_html`), ``profile`` (corpus mode: ``{"site", "documents", "lines":
[[line, count], ...]}``, one site's template profile; the case is cleaned with it), and ``xfail`` (a known failure, with the reason: it runs as
a *strict* xfail, so fixing the cleaner turns it into an error until the key is removed).

Expected outputs are written by hand: each is a judgement of what a perfect cleaner returns,
never a paste of what the current one does.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

import newsclean
from conftest import FIXTURES
from newsclean.corpus import SiteTemplate, TemplateLine, TemplateProfile, line_slot
from newsclean.document import line_key

CASE_DIR = FIXTURES / "cases"
KEYS = {"id", "family", "kind", "input", "expected", "codes", "note"}
OPTIONAL = {"file", "guards", "format", "xfail", "profile"}


def load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(CASE_DIR.glob("*.json")):
        for case in json.loads(path.read_text(encoding="utf-8")):
            case["file"] = path.name
            cases.append(case)
    return cases


CASES = load_cases()


def case_config(case: dict[str, Any]) -> newsclean.Config | None:
    """The config a case is cleaned with: the default, or its one-site template profile."""
    spec = case.get("profile")
    if spec is None:
        return None
    lines = {}
    for text, count in spec["lines"]:
        key = line_key(text)
        lines[line_slot(key)] = TemplateLine(count, key)
    site = SiteTemplate(spec["site"], spec["documents"], lines)
    return newsclean.Config(profile=TemplateProfile({spec["site"]: site})).for_site(spec["site"])


def _param(case: dict[str, Any]) -> Any:
    marks = []
    if "xfail" in case:
        marks.append(pytest.mark.xfail(strict=True, reason=case["xfail"]))
    return pytest.param(case, id=f"{case['family']}/{case['id']}", marks=marks)


def test_case_files_are_well_formed() -> None:
    ids = [c["id"] for c in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    for c in CASES:
        assert KEYS <= set(c), f"{c['file']}: case {c.get('id')} lacks {KEYS - set(c)}"
        assert set(c) - KEYS <= OPTIONAL, f"{c['id']}: unknown keys {set(c) - KEYS - OPTIONAL}"
        assert c.get("format", "text") in ("text", "html"), c["id"]
        assert c["kind"] in ("positive", "negative"), c["id"]
        assert c["codes"] == sorted(set(c["codes"])), f"{c['id']}: codes must be sorted and distinct"
        assert c["file"] == f"{c['family']}.json", f"{c['id']} is in {c['file']} but its family is {c['family']}"
        if c["kind"] == "positive":
            assert c["codes"] and c["expected"] != c["input"], f"{c['id']}: a positive case must remove something"
            assert "guards" not in c, f"{c['id']}: only negative cases guard rules"
        else:
            assert c.get("guards"), f"{c['id']}: a negative case names the rules it guards"
            assert not set(c["guards"]) & set(c["codes"]) or c["expected"] != c["input"], c["id"]
        assert c["note"].strip(), c["id"]


def test_enough_cases() -> None:
    assert len(CASES) >= 45


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(case: dict[str, Any]) -> None:
    if case.get("format") == "html":
        page = newsclean.clean_html(case["input"])
        text, findings, source = page.text, page.findings, page.source_text
    else:
        result = newsclean.clean_result(case["input"], case_config(case))
        text, findings, source = result.text, result.findings, case["input"]
    assert text == case["expected"]
    assert sorted({f.code for f in findings}) == case["codes"]
    # the report and the output are two views of one run
    assert newsclean.tidy(newsclean.apply(source, findings)) == text


@pytest.mark.parametrize("case", [_param(c) for c in CASES if c["kind"] == "negative"])
def test_negative_case_keeps_every_word(case: dict[str, Any]) -> None:
    """A negative case may lose a junk line (see its codes), but every word of its expected
    output is in the clean text in order: the precision contract."""
    if case.get("format") == "html":
        words = newsclean.clean_html(case["input"]).text.split()
    else:
        words = newsclean.clean(case["input"], case_config(case)).split()
    expected = case["expected"].split()
    it = iter(words)
    missing = [w for w in expected if w not in it]
    assert not missing, f"article words lost: {missing[:10]}"

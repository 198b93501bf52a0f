"""Completeness of the rule registry: codes, names, docstrings, golden cases, generated docs.

A rule added without a documented docstring, a positive and a negative golden case, or a
regenerated docs/filters.md fails here, not in review.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import tomllib
from collections import defaultdict
from types import ModuleType

import pytest

import newsclean
from conftest import REPO
from test_cases import CASES

RULES = newsclean.builtin_rules()
NAME = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*")


def _load_doc_script() -> ModuleType:
    path = REPO / "scripts" / "gen_rules_doc.py"
    spec = importlib.util.spec_from_file_location("gen_rules_doc", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_rules_doc"] = module
    spec.loader.exec_module(module)
    return module


GEN = _load_doc_script()


def test_codes_are_unique_and_well_formed() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert re.fullmatch(r"NC\d{3}", code), code


def test_names_are_unique_kebab_case() -> None:
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    for name in names:
        assert NAME.fullmatch(name), f"{name!r} is not kebab-case"


def test_builtin_rules_sorted_by_code() -> None:
    assert [r.code for r in RULES] == sorted(r.code for r in RULES)


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_docstring_has_four_parts(r: newsclean.Rule) -> None:
    doc = r.detect.__doc__
    assert doc, f"{r.code} {r.name} has no docstring"
    text = " ".join(doc.split())
    first = text.split("Why:")[0].strip()
    assert re.match(r"(Removes|Replaces)\b", first), f"{r.code}: the docstring must open with what it removes"
    positions = [text.find(part) for part in ("Why:", "Example:", "Keeps:")]
    assert all(p > 0 for p in positions), f"{r.code}: docstring lacks one of Why:/Example:/Keeps:"
    assert positions == sorted(positions), f"{r.code}: parts out of order (removes, Why, Example, Keeps)"
    for part, nxt in (("Why:", "Example:"), ("Example:", "Keeps:")):
        body = text.split(part, 1)[1].split(nxt, 1)[0].strip()
        assert len(body) > 10, f"{r.code}: the {part!r} part is empty"
    assert len(text.split("Keeps:", 1)[1].strip()) > 10, f"{r.code}: the 'Keeps:' part is empty"
    assert r.summary.strip() and len(r.summary) <= 120, f"{r.code}: summary must be one short line"


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_options_are_json_like(r: newsclean.Rule) -> None:
    for key, value in r.defaults.items():
        assert re.fullmatch(r"[a-z][a-z0-9_]*", key), f"{r.code}: option {key!r} must be snake_case"
        # lists are frozen to tuples (a config must hash); TOML writes them as arrays
        assert isinstance(value, (int, float, str, bool, tuple)), f"{r.code}: option {key} must be TOML-expressible"
        if isinstance(value, tuple):
            assert all(isinstance(v, str) for v in value), f"{r.code}: option {key} must be a list of strings"


def _cases_by_code() -> dict[str, dict[str, int]]:
    """Per code, the passing positive cases that trigger it and the passing negative cases
    that guard it (``guards``: the rules a negative case is a trap for). Known failures
    (``xfail``) do not count: a rule needs a case that shows it working."""
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"positive": 0, "negative": 0})
    for case in CASES:
        if "xfail" in case:
            continue
        codes = case["codes"] if case["kind"] == "positive" else case["guards"]
        for code in codes:
            counts[code][case["kind"]] += 1
    return counts


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_rule_has_positive_and_negative_case(r: newsclean.Rule) -> None:
    counts = _cases_by_code()[r.code]
    assert counts["positive"] >= 1, f"{r.code} {r.name}: add a positive case to fixtures/cases/"
    assert counts["negative"] >= 1, f"{r.code} {r.name}: add a negative case to fixtures/cases/"


def test_case_codes_are_registered() -> None:
    codes = {r.code for r in RULES}
    for case in CASES:
        unknown = set(case["codes"]) - codes
        assert not unknown, f"case {case['id']} names unregistered codes {unknown}"


def test_every_family_has_a_title() -> None:
    assert {r.family for r in RULES} <= set(GEN.FAMILIES)


def test_docs_are_up_to_date() -> None:
    path = REPO / "docs" / "filters.md"
    assert path.exists(), "run: python scripts/gen_rules_doc.py"
    assert path.read_text(encoding="utf-8") == GEN.render(), (
        "docs/filters.md is stale: run python scripts/gen_rules_doc.py"
    )


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_docs_have_a_row_and_section_per_rule(r: newsclean.Rule) -> None:
    text = GEN.render()
    assert f"| `{r.name}` |" in text and f"[{r.code}](#" in text
    assert f"### {r.code} `{r.name}`" in text
    for key, value in r.defaults.items():
        shown = GEN._option_value(value)
        assert f"| `{key}` | {shown} |" in text
        # the docs show the default as TOML writes it
        parsed = tomllib.loads(f"x = {shown.strip('`')}")["x"]
        assert (tuple(parsed) if isinstance(parsed, list) else parsed) == value

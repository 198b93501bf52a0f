"""The public API: names, Config validation, selection semantics, user rules, apply and tidy."""

from __future__ import annotations

import pytest

import newsclean
from newsclean import Config, ConfigError, Finding, Hit, Rule, apply, check, clean, clean_result, tidy
from newsclean.registry import select_rules

ART = "Ministers met on Monday to discuss the flood defences, officials said.\n"
ART2 = "The plan will cost £2bn over ten years and needs the approval of parliament.\n"
TRAIL = "Related Articles\nMinister resigns over leaked budget plans\n10 hours ago\n"
TEASER = "READ MORE: Floods hit the north as rivers burst their banks\n"


# ---------------------------------------------------------------- names
CORE = {
    "CleanResult",
    "Config",
    "ConfigError",
    "Context",
    "Document",
    "Finding",
    "Hit",
    "Rule",
    "apply",
    "builtin_rules",
    "check",
    "check_many",
    "clean",
    "clean_many",
    "clean_result",
    "tidy",
    "__version__",
}


def test_all_names_exist_and_core_is_public() -> None:
    assert CORE <= set(newsclean.__all__)
    assert len(newsclean.__all__) == len(set(newsclean.__all__))
    for name in newsclean.__all__:
        assert hasattr(newsclean, name), name


def test_star_import_gives_exactly_all() -> None:
    namespace: dict[str, object] = {}
    exec("from newsclean import *", namespace)
    assert {k for k in namespace if k != "__builtins__"} == set(newsclean.__all__)


def test_module_doctest_example() -> None:
    assert clean("Ministers met on Monday.\nAdvertisement\nThey agreed a plan.\n") == (
        "Ministers met on Monday.\nThey agreed a plan.\n"
    )


# ---------------------------------------------------------------- type errors and trivial input
@pytest.mark.parametrize("func", [check, clean, clean_result])
@pytest.mark.parametrize("value", [b"bytes", None, 3, ["a list"]])
def test_non_str_input_is_a_type_error(func, value) -> None:
    with pytest.raises(TypeError, match="expects str"):
        func(value)


@pytest.mark.parametrize("text", ["", "\n", "   \n\t\n", "\n\n\n"])
def test_blank_input(text: str) -> None:
    """Nothing found, nothing changed: blank input comes back byte for byte."""
    assert check(text) == []
    assert clean(text) == text


# ---------------------------------------------------------------- Config validation
def test_unknown_prefix_lists_valid_codes() -> None:
    with pytest.raises(ConfigError) as err:
        Config(select=("NC999",))
    msg = str(err.value)
    assert "'NC999'" in msg and "valid codes" in msg
    for r in newsclean.builtin_rules():
        assert r.code in msg
    with pytest.raises(ConfigError, match="ignore: 'ZZ'"):
        Config(ignore=("ZZ",))


def test_unknown_option_lists_valid_options() -> None:
    with pytest.raises(ConfigError) as err:
        Config(options={"repeated-line": {"min_lettres": 3}})
    msg = str(err.value)
    assert "min_lettres" in msg and "repeated-line" in msg and "min_words" in msg


def test_options_for_unknown_rule() -> None:
    with pytest.raises(ConfigError, match="unknown rule 'no-such-rule'"):
        Config(options={"no-such-rule": {}})


def test_config_error_is_a_value_error() -> None:
    assert issubclass(ConfigError, ValueError)


def test_from_mapping_rejects_unknown_keys_and_bad_types() -> None:
    with pytest.raises(ConfigError, match="unknown key"):
        Config.from_mapping({"selekt": ["NC1"]})
    with pytest.raises(ConfigError, match="list of strings"):
        Config.from_mapping({"select": [1, 2]})
    cfg = Config.from_mapping({"select": "NC4", "options": {"repeated-line": {"min_words": 5}}})
    assert cfg.select == ("NC4",)
    assert cfg.rule_options(next(r for r in newsclean.builtin_rules() if r.name == "repeated-line"))["min_words"] == 5


def test_string_select_is_one_prefix() -> None:
    assert Config(select="NC4").select == ("NC4",)
    assert Config(ignore="NC401").ignore == ("NC401",)


def test_options_change_behaviour() -> None:
    text = "Floods hit the north today\nFloods hit the north today\n"
    assert clean(text) == "Floods hit the north today\n"
    strict = Config(options={"repeated-line": {"min_words": 10}})
    assert clean(text, strict) == text


def test_config_is_hashable_and_frozen() -> None:
    a, b = Config(select=("NC4",)), Config(select=("NC4",))
    assert hash(a) == hash(b) and a == b
    with pytest.raises(AttributeError):
        a.select = ("NC1",)  # type: ignore[misc]


# ---------------------------------------------------------------- selection
def _codes(select=("NC",), ignore=()):
    return {r.code for r in select_rules(newsclean.builtin_rules(), select, ignore)}


def test_longest_prefix_wins() -> None:
    assert _codes(select=("NC4",), ignore=("NC402",)) == {"NC401", "NC403", "NC404"}
    assert _codes(select=("NC401",), ignore=("NC4",)) == {"NC401"}
    assert "NC401" not in _codes(ignore=("NC4",))
    assert _codes(select=("NC4",), ignore=("NC4",)) == set()  # ignore wins a tie


def test_selection_through_check() -> None:
    text = ART + TEASER + ART.replace("Monday", "Tuesday") + TRAIL
    every = {f.code for f in check(text)}
    assert {"NC401", "NC402"} <= every
    assert {f.code for f in check(text, Config(select=("NC4",), ignore=("NC402",)))} <= {"NC401", "NC403", "NC404"}
    assert "NC401" not in {f.code for f in check(text, Config(ignore=("NC401",)))}
    assert {f.code for f in check(text, Config(select=("NC402",)))} == {"NC402"}


# ---------------------------------------------------------------- user rules
def _shouting(doc, ctx):
    """Removes lines in capitals."""
    for i in doc.nonblank:
        line = doc.lines[i]
        if line.isupper() and len(line) >= ctx.options["min_chars"]:
            yield Hit(*doc.line_span(i), "line in capitals")


SHOUT = Rule("X100", "shouting-line", _shouting, "Lines in capitals", defaults={"min_chars": 10})
LOUD = ART + "THIS IS A VERY LOUD LINE\n" + ART2


def test_user_rule_runs_and_reports() -> None:
    cfg = Config(select=("NC", "X"), extend_rules=(SHOUT,))
    findings = check(LOUD, cfg)
    assert [f.code for f in findings] == ["X100"]
    f = findings[0]
    assert (f.name, f.line, f.col, f.message) == ("shouting-line", 2, 1, "line in capitals")
    assert clean(LOUD, cfg) == ART + ART2
    assert clean(LOUD) == LOUD  # not a built-in
    assert check(LOUD, Config(select=("NC", "X"), extend_rules=(SHOUT,), ignore=("X",))) == []
    opts = {"shouting-line": {"min_chars": 100}}
    assert check(LOUD, Config(select=("NC", "X"), extend_rules=(SHOUT,), options=opts)) == []


def test_user_rule_enabled_by_default() -> None:
    """The default select runs every rule, user-added ones included (the registry docstring's example)."""
    assert [f.code for f in check(LOUD, Config(extend_rules=(SHOUT,)))] == ["X100"]


def test_user_rule_code_clash_and_bad_code() -> None:
    with pytest.raises(ConfigError, match="NC101"):
        Config(extend_rules=(Rule("NC101", "clash", _shouting, "clash"),))
    with pytest.raises(ValueError, match="must look like"):
        Rule("x-1", "bad", _shouting, "bad")
    with pytest.raises(ValueError, match="stage"):
        Rule("X1", "bad", _shouting, "bad", stage=3)  # type: ignore[arg-type]


def test_user_rule_span_outside_text_is_an_error() -> None:
    def wild(doc, ctx):
        """Removes nothing sensible."""
        yield Hit(0, len(doc.text) + 5, "too far")

    with pytest.raises(ValueError, match="outside the text"):
        check("Some text here.\n", Config(select=("NC", "X"), extend_rules=(Rule("X9", "wild", wild, "wild"),)))


def test_stage_two_user_rule_sees_earlier_findings() -> None:
    seen: list[tuple[str, ...]] = []

    def spy(doc, ctx):
        """Removes nothing; records what stage 1 found."""
        seen.append(tuple(f.code for f in ctx.earlier))
        return iter(())

    check(
        ART + "Advertisement\n" + ART2,
        Config(select=("NC", "X"), extend_rules=(Rule("X2", "spy", spy, "spy", stage=2),)),
    )
    assert seen and "NC205" in seen[0]


# ---------------------------------------------------------------- clean_result
def test_clean_result() -> None:
    text = ART + "Advertisement\n" + ART2
    result = clean_result(text)
    assert result.text == clean(text) == ART + ART2
    assert isinstance(result.findings, tuple) and result.changed
    assert list(result.findings) == check(text)
    assert not clean_result(ART).changed


def test_finding_fields() -> None:
    text = ART + "  Advertisement\n"
    (f,) = check(text)
    assert (f.code, f.name, f.line, f.col) == ("NC205", "advertisement-label", 2, 1)
    assert f.removed and f.start == len(ART) and f.end == len(text)
    d = f.as_dict()
    assert d["code"] == "NC205" and d["line"] == 2 and "replacement" not in d


# ---------------------------------------------------------------- apply
def _f(start: int, end: int, repl: str = "", code: str = "NC999") -> Finding:
    return Finding(start, end, code, "x", "m", 1, start + 1, repl)


def test_apply_removes_and_merges_overlaps() -> None:
    text = "0123456789"
    assert apply(text, []) == text
    assert apply(text, [_f(2, 4)]) == "01456789"
    assert apply(text, [_f(2, 5), _f(4, 7)]) == "01789"  # overlapping
    assert apply(text, [_f(4, 7), _f(2, 5)]) == "01789"  # order does not matter
    assert apply(text, [_f(2, 4), _f(4, 6)]) == "016789"  # touching
    assert apply(text, [_f(2, 8), _f(3, 4)]) == "0189"  # nested
    assert apply(text, [_f(3, 3)]) == text  # empty span


def test_apply_replacements() -> None:
    text = "donâ€™t stop"
    assert apply(text, [_f(3, 6, "’")]) == "don’t stop"
    assert apply("abc", [_f(1, 1, "X")]) == "aXbc"  # an insertion
    # a replacement inside a removal is swallowed by it
    assert apply("0123456789", [_f(2, 8), _f(3, 4, "X")]) == "0189"
    # a removal wholly inside a replacement is left to the replacement
    assert apply("0123456789", [_f(2, 8, "X"), _f(4, 5)]) == "01X89"
    # adjacent replacements do not merge
    assert apply("0123456789", [_f(2, 4, "A"), _f(4, 6, "B")]) == "01AB6789"


def test_pipeline_equals_apply_then_tidy() -> None:
    text = "Skip to main content\n\n" + ART + "\n\nAdvertisement\n\n\n" + ART2 + "Share this article\n"
    assert clean(text) == tidy(apply(text, check(text)))


# ---------------------------------------------------------------- tidy
@pytest.mark.parametrize(
    ("raw", "tidied"),
    [
        ("\n\nTitle\n\n\n\nBody.\n\n", "Title\n\nBody.\n"),  # the docstring example
        ("Title\n\nBody.", "Title\n\nBody."),  # no final newline stays without one
        ("A\n \t \n\n  \nB\n", "A\n \t \nB\n"),  # a run of blank lines becomes one
        ("A   \n", "A\n"),
        ("", ""),
        ("\n\n", ""),
        ("A\nB\n", "A\nB\n"),
    ],
)
def test_tidy(raw: str, tidied: str) -> None:
    assert tidy(raw) == tidied
    assert tidy(tidied) == tidied

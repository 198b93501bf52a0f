"""The phrase files: every bundled file keeps to the schema, and a mistake in one fails loudly."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from newsclean.phrases import PHRASE_SCHEMA, available_languages, check_phrase_table, load_phrases


def _bundled(lang: str) -> dict[str, object]:
    folder = resources.files("newsclean") / "data" / "phrases"
    return tomllib.loads((folder / f"{lang}.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", available_languages())
def test_bundled_file_keeps_to_the_schema(lang: str) -> None:
    check_phrase_table(f"{lang}.toml", _bundled(lang))


def test_every_schema_table_is_in_the_english_file() -> None:
    assert sorted(_bundled("en")) == sorted(PHRASE_SCHEMA)


def test_greek_is_bundled() -> None:
    assert "el" in available_languages()
    assert "εκτύπωση" in load_phrases(("el",))["share-bar"].lines


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"share-bars": {"lines": ["share"]}}, r"unknown phrase table \[share-bars\]"),
        ({"share-bar": {"line": ["share"]}}, r"\[share-bar\] has unknown key 'line'"),
        ({"share-bar": {"lines": "share"}}, r"\[share-bar\] lines must be a list of strings, not str"),
        ({"share-bar": {"lines": ["share", 3]}}, r"\[share-bar\] lines must be a list of strings"),
        ({"share-bar": ["share"]}, r"\[share-bar\] must be a table of lists, not list"),
    ],
)
def test_a_mistake_fails_loudly(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_phrase_table("xx.toml", data)

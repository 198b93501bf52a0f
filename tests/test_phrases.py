"""The phrase files: every bundled file keeps to the schema, and a mistake in one fails loudly."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

import newsclean
from newsclean.document import line_key
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
        ({"photo-credit": {"prefix_label": ["fot."]}}, r"\[photo-credit\] has unknown key 'prefix_label'"),
        ({"photo-credit": {"connectors": "z"}}, r"\[photo-credit\] connectors must be a list of strings, not str"),
    ],
)
def test_a_mistake_fails_loudly(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        check_phrase_table("xx.toml", data)


_ARTICLE = "Le conseil municipal a voté jeudi le budget, a indiqué la mairie.\n{}\nLes travaux commencent au printemps, selon elle.\n"


@pytest.mark.parametrize(
    ("line", "with_words", "without"),
    [
        ("12.03.2024 um 14:30", ("de",), ("en",)),  # clock_separators
        ("Por Juan del Castillo y Ana Ruiz", ("es",), ("pt",)),  # name_particles, name_conjunctions
        ("Par Jean Dupont et Marie Curie", ("fr",), ("en",)),  # byline_prefixes, name_conjunctions
        ("(Reporting by Jane Doe; Editing by John Roe)", ("en",), ("de",)),  # credit_words
    ],
)
def test_date_and_byline_words_come_from_the_language_data(
    line: str, with_words: tuple[str, ...], without: tuple[str, ...]
) -> None:
    """The words of NC701's grammar (separators, particles, conjunctions, credit words) are
    phrase data: a language that has them finds the line, one that lacks them does not."""
    text = _ARTICLE.format(line)
    assert [f.code for f in newsclean.check(text, newsclean.Config(languages=with_words))] == ["NC701"]
    assert [f.code for f in newsclean.check(text, newsclean.Config(languages=without))] == []


_CAPTIONED = "Минобороны сообщило о новых учениях на севере страны в понедельник вечером.\n{}\nУчения продлятся неделю, сообщили в ведомстве.\n"


@pytest.mark.parametrize(
    ("line", "with_words", "without"),
    [
        ("Фото: РИА Новости", ("ru",), ("en",)),  # labels, agencies
        ("Fot. PAP/Radek Pietruszka", ("pl",), ("en",)),  # prefix_labels
        ("Φωτογραφία: Eurokinissi", ("el",), ("en",)),
        ("图片来源：新华社", ("zh",), ("en",)),
        ("Fotoğraf: AA", ("tr",), ("en",)),
    ],
)
def test_credit_words_come_from_the_language_data(
    line: str, with_words: tuple[str, ...], without: tuple[str, ...]
) -> None:
    """NC502's labels and agencies are phrase data: a language that has them finds the credit
    line, one that lacks them does not."""
    text = _CAPTIONED.format(line)
    assert [f.code for f in newsclean.check(text, newsclean.Config(languages=with_words))] == ["NC502"]
    assert [f.code for f in newsclean.check(text, newsclean.Config(languages=without))] == []


@pytest.mark.parametrize("lang", available_languages())
def test_every_stub_matches_the_line_it_is_written_as(lang: str) -> None:
    """A ``lines`` entry is stored as the key its line is looked up by: one written with a
    trailing colon or asterisk ("share this:", "... marked *") still matches."""
    phrases = load_phrases((lang,))
    for table, body in _bundled(lang).items():
        assert isinstance(body, dict)
        for entry in body.get("lines", ()):
            assert phrases[table].matches_key(line_key(entry)), f"{lang}.toml [{table}] {entry!r}"

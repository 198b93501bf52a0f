"""The page's headline found through its <title> (filters._lines.title_headlines)."""

from __future__ import annotations

from newsclean.engine.run import default_config, plan_for
from newsclean.filters._lines import title_headlines


def _headline(text: str) -> list[str]:
    doc = plan_for(default_config()).document(text)
    return [doc.lines[i] for i in sorted(title_headlines(doc))]


def test_the_first_line_the_title_contains_is_the_headline() -> None:
    text = "Harbour ferry fares to rise in January | The Daily Example\nHome\nHarbour ferry fares to rise in January\n"
    assert _headline(text) == ["Harbour ferry fares to rise in January"]


def test_only_the_first_copy_counts() -> None:
    # a "Most read" list that names the story again is no headline
    text = "Storm warning for the coast - News\nStorm warning for the coast\nBody.\nMost read\nStorm warning for the coast\n"
    doc = plan_for(default_config()).document(text)
    assert sorted(title_headlines(doc)) == [1]


def test_short_or_partial_lines_are_no_headline() -> None:
    # under half the title, fewer than 3 words, or not inside it
    assert _headline("Harbour ferry fares to rise in January | The Daily Example\nHarbour ferry\n") == []
    assert _headline("Harbour ferry fares to rise in January | The Daily Example\nThe Daily Example\n") == []
    assert _headline("Harbour ferry fares | Example\nHarbour ferry fares will rise\n") == []
    assert _headline("One line only\n") == []

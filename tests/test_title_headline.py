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


_STORY = (
    "The harbour board voted on Tuesday to close the old ferry terminal by the end of the year, officials said.\n"
    "Work on the new building starts in March and should take two years, with ferries running from a pier.\n"
)


def test_a_whole_title_copy_above_the_story_is_the_headline() -> None:
    # a <title> without the site's name, over a menu: its copy heads the story
    text = "Harbour ferry terminal to close\nHome\nSport\nHarbour ferry terminal to close\n" + _STORY
    assert _headline(text) == ["Harbour ferry terminal to close"]


def test_a_whole_title_copy_below_the_story_is_a_list() -> None:
    # an extractor's text starts with the headline itself; a copy after the story is a list's
    text = (
        "Harbour ferry terminal to close\n" + _STORY + "Latest news\nHarbour ferry terminal to close\nNew pier opens\n"
    )
    assert _headline(text) == []


def test_the_title_part_is_shorter_than_the_title() -> None:
    # a line equal to the title is no "part before a separator" (an empty rest is no separator)
    text = "Harbour ferry terminal to close\n" + _STORY + "Harbour   ferry terminal to close\n"
    assert _headline(text) == []

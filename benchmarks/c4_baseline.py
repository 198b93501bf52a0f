"""A C4-style line filter: the baseline newsclean is compared against.

Written from the rules published in the C4 paper (Raffel et al. 2020, section 2.2, "Colossal
Clean Crawled Corpus") as datatrove's ``C4QualityFilter`` documents them; no code is copied.
Only the *line-level* rules are applied, because the page-level ones (drop the whole page when
it has fewer than 5 sentences, contains "lorem ipsum" or a curly bracket, or a bad word) decide
whether to keep a document, not which part of it is junk, and on these 181 news pages they only
throw articles away (checked: they do not bring the figures closer to the published ones).

A line (stripped of surrounding whitespace) is kept when all of these hold:

- it ends in terminal punctuation: ``.``, ``?``, ``!``, ``"`` or ``'`` (C4's "! . \\" ?",
  plus the closing single quote datatrove also accepts), and not in an ellipsis ``...``;
- it has at least :data:`MIN_WORDS` whitespace-separated words (C4 paper: "at least 3 words";
  some re-implementations use 5, which gives a lower recall than the published figures);
- it does not contain the word "javascript" (any case);
- it does not contain a cookie/terms boilerplate phrase (:data:`POLICY_PHRASES`, as in datatrove).

>>> c4_filter("Menu\\nThe minister said the plan would work.\\nEnable JavaScript to play.\\n")
'The minister said the plan would work.'
"""

from __future__ import annotations

__all__ = ["c4_filter", "keep_line", "MIN_WORDS", "END_PUNCTUATION", "POLICY_PHRASES"]

MIN_WORDS = 3
END_PUNCTUATION = (".", "?", "!", '"', "'")
ELLIPSIS = "..."
POLICY_PHRASES = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)


def keep_line(line: str, min_words: int = MIN_WORDS) -> bool:
    """Whether the C4 line rules keep ``line``.

    >>> keep_line("He left."), keep_line("He left early."), keep_line("Read more...")
    (False, True, False)
    """
    line = line.strip()
    if not line.endswith(END_PUNCTUATION) or line.endswith(ELLIPSIS):
        return False
    if len(line.split()) < min_words:
        return False
    lower = line.lower()
    if "javascript" in lower:
        return False
    return not any(phrase in lower for phrase in POLICY_PHRASES)


def c4_filter(text: str, min_words: int = MIN_WORDS) -> str:
    """The lines of ``text`` that the C4 line rules keep, stripped, joined by newlines."""
    return "\n".join(line.strip() for line in text.splitlines() if keep_line(line, min_words))

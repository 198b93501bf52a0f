"""The public entry points: find the junk, then apply the findings.

``check`` and ``clean`` are two views of one run, so a report can never disagree with the
output: ``clean(text) == tidy(apply(text, findings))`` with ``findings = check(text)``, and a
text with no findings comes back unchanged.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .config import Config
from .engine.run import check_text, default_config, plan_for
from .spans import Finding, apply

__all__ = ["check", "clean", "clean_result", "CleanResult", "tidy"]

_BLANK_RUN = re.compile(r"\n([ \t\r\f\v]*\n)(?:[ \t\r\f\v]*\n)+")
_LEADING_BLANKS = re.compile(r"\A(?:[ \t\r\f\v]*\n)+")


def tidy(text: str) -> str:
    """The whitespace-only tidy that follows removals (a text with no findings is returned
    unchanged, byte for byte), and nothing else:

    - a run of blank lines becomes one blank line (paragraph breaks are kept);
    - blank lines at the start are dropped;
    - trailing whitespace at the end is dropped, and the text ends with one newline exactly
      when it ended with one before.

    >>> tidy("\\n\\nTitle\\n\\n\\n\\nBody.\\n\\n")
    'Title\\n\\nBody.\\n'
    """
    ends_with_newline = text.endswith("\n")
    out = _BLANK_RUN.sub(r"\n\1", text)
    out = _LEADING_BLANKS.sub("", out)
    out = out.rstrip()
    if out and ends_with_newline:
        out += "\n"
    return out


@dataclass(frozen=True)
class CleanResult:
    """The clean text and the findings that produced it."""

    text: str
    findings: tuple[Finding, ...]

    @property
    def changed(self) -> bool:
        return bool(self.findings)


def check(text: str, config: Config | None = None) -> list[Finding]:
    """Every finding of the enabled rules in ``text``, sorted by position then code.

    Stage-1 rules read the text alone. Stage-2 rules judge lines by what the other rules
    removed around them; they run in rounds, each seeing the stage-1 findings and the other
    stage-2 rules' findings of the previous round, until a round changes nothing. Then the
    rules that read neighbouring lines run again on the text without its removed lines, until
    that finds nothing new: what a second ``clean`` would see, so ``clean`` is idempotent.
    (The engine, :mod:`newsclean.engine`, does the work.)
    """
    if not isinstance(text, str):
        raise TypeError(f"newsclean.check expects str, not {type(text).__name__}")
    return check_text(text, plan_for(config or default_config()))


def clean_result(text: str, config: Config | None = None) -> CleanResult:
    """Clean ``text`` and return the clean text together with the findings behind it."""
    findings = check(text, config)
    if not findings:
        return CleanResult(text, ())  # nothing found, nothing changed: not even whitespace
    return CleanResult(tidy(apply(text, findings)), tuple(findings))


def clean(text: str, config: Config | None = None) -> str:
    """Return ``text`` with its page junk removed. See :func:`check` for what was found."""
    return clean_result(text, config).text

"""Output formats, built only from findings (plain functions, as in flake8 and ruff).

A finding is reported at a :class:`Location`: a file, and for JSONL input also the record,
numbered by its line in the file, so ``corpus.jsonl:17:3:5`` is line 3, column 5 of the text
field of the record on line 17 of ``corpus.jsonl``.
"""

from __future__ import annotations

import difflib
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

import orjson

from .registry import Rule
from .spans import Finding

__all__ = [
    "FORMATS",
    "Location",
    "OutputFormat",
    "Reporter",
    "explain_rule",
    "format_explanation",
    "format_github",
    "format_json",
    "format_text",
    "rules_table",
    "unified_diff",
]

OutputFormat = Literal["text", "json", "github"]
FORMATS: tuple[OutputFormat, ...] = ("text", "json", "github")

#: Removed text shown by ``--explain`` is cut to this many characters per line.
EXPLAIN_WIDTH = 160


@dataclass(frozen=True, slots=True)
class Location:
    """Where a text came from: a file name and, for JSONL, the record's line number."""

    path: str
    record: int | None = None

    def __str__(self) -> str:
        return self.path if self.record is None else f"{self.path}:{self.record}"


def format_text(loc: Location, f: Finding) -> str:
    """``path:line:col: CODE message``, the form editors and CI logs link to.

    >>> format_text(Location("a.txt"), Finding(0, 5, "NC101", "nav-stub", "navigation stub 'logo'", 1, 1))
    "a.txt:1:1: NC101 navigation stub 'logo'"
    """
    return f"{loc}:{f.line}:{f.col}: {f.code} {f.message}"


def _escape_data(value: str) -> str:
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


def format_github(loc: Location, f: Finding) -> str:
    """A GitHub Actions workflow command, shown as an annotation on the pull request.

    For a JSONL record the annotation points at the record's line; the position inside the
    field goes into the message.

    >>> format_github(Location("a.txt"), Finding(0, 5, "NC101", "nav-stub", "navigation stub", 3, 1))
    '::warning file=a.txt,line=3,col=1::NC101 navigation stub'
    """
    if loc.record is None:
        line, col, suffix = f.line, f.col, ""
    else:
        line, col, suffix = loc.record, 1, f" (record line {loc.record}: field line {f.line}, col {f.col})"
    return f"::warning file={_escape_property(loc.path)},line={line},col={col}::" + _escape_data(
        f"{f.code} {f.message}{suffix}"
    )


def format_json(loc: Location, f: Finding) -> dict[str, object]:
    """The finding as a JSON object: ``path``, ``record`` (JSONL only), then :meth:`Finding.as_dict`."""
    data: dict[str, object] = {"path": loc.path}
    if loc.record is not None:
        data["record"] = loc.record
    data.update(f.as_dict())
    return data


class Reporter:
    """Writes findings as they arrive, so a corpus-sized report never sits in memory.

    ``json`` output is one array, written element by element.
    """

    def __init__(self, fmt: OutputFormat, write: Callable[[str], None]) -> None:
        self.fmt = fmt
        self.write = write
        self.count = 0

    def add(self, loc: Location, findings: Iterable[Finding]) -> None:
        for f in findings:
            if self.fmt == "json":
                item = orjson.dumps(format_json(loc, f), option=orjson.OPT_INDENT_2).decode()
                self.write(("[\n" if self.count == 0 else ",\n") + item)
            elif self.fmt == "github":
                self.write(format_github(loc, f) + "\n")
            else:
                self.write(format_text(loc, f) + "\n")
            self.count += 1

    def close(self) -> None:
        if self.fmt == "json":
            self.write("[]\n" if self.count == 0 else "\n]\n")


def _shorten(line: str) -> str:
    line = line.rstrip("\r\n")
    return line if len(line) <= EXPLAIN_WIDTH else line[: EXPLAIN_WIDTH - 1] + "…"


def format_explanation(loc: Location, f: Finding, text: str) -> str:
    """One removal for ``--explain``: where, which rule and why, then the text it takes out
    (``-`` lines) and, for a repair, what replaces it (``+`` lines)."""
    head = f"{format_text(loc, f)} [{f.name}]"
    removed = text[f.start : f.end]
    body = [f"    - {_shorten(line)}" for line in removed.splitlines() if line.strip()] or [f"    - {removed!r}"]
    if f.replacement:
        body += [f"    + {_shorten(line)}" for line in f.replacement.splitlines()]
    return "\n".join([head, *body]) + "\n"


def unified_diff(name: str, before: str, after: str) -> str:
    """A unified diff from ``before`` to ``after``, headed ``a/name`` and ``b/name``."""
    out = []
    for line in difflib.unified_diff(
        before.splitlines(keepends=True), after.splitlines(keepends=True), f"a/{name}", f"b/{name}"
    ):
        out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def rules_table(rules: Iterable[Rule]) -> str:
    """The ``newsclean rules`` table: code, name and summary, one rule per line."""
    rules = list(rules)
    width = max((len(r.name) for r in rules), default=4)
    lines = [f"{'code':<7} {'name':<{width}}  summary"]
    lines += [f"{r.code:<7} {r.name:<{width}}  {r.summary}" for r in rules]
    return "\n".join(lines) + "\n"


def explain_rule(r: Rule) -> str:
    """The ``newsclean explain`` page: the rule's heading, then its docstring."""
    explanation = inspect.cleandoc(r.explanation)
    return f"{r.code} {r.name}\n\n{r.summary}.\n\n{explanation}\n"

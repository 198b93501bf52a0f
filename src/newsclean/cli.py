"""The ``newsclean`` command: argparse -> Config -> pipeline, ``main(argv) -> int``.

::

    newsclean < page.txt > article.txt              # no command: stdin -> stdout
    newsclean clean FILE... [-o DIR | --in-place | --diff | --explain]
    newsclean check FILE... [--format text|json|github] [--exit-zero]
    newsclean profile FILE.jsonl... --site-field url -o profile.jsonl   # corpus mode
    newsclean clean|check --profile profile.jsonl FILE...
    newsclean rules
    newsclean explain NC401

Exit codes: 0 done and nothing found; 1 ``check`` found junk, or ``clean --in-place``,
``--diff`` or ``--explain`` changed (or would change) something; 2 usage, configuration or
input errors. ``docs/cli.md`` has the details and examples.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Any, Literal

from . import __version__
from .bulk import check_many, clean_many, default_workers
from .config import Config, ConfigError, find_pyproject
from .corpus import MAX_LINES_PER_SITE, MIN_DOCUMENTS, MIN_SHARE, ProfileError, TemplateProfile, build_profile
from .formatting import FORMATS, Location, Reporter, explain_rule, format_explanation, rules_table, unified_diff
from .io import (
    STDIN,
    InputError,
    RawLine,
    atomic_output,
    dump_record,
    get_field,
    iter_lines,
    parse_field_path,
    parse_record,
    read_text,
    set_field,
)
from .pipeline import CleanResult
from .registry import CODE_PATTERN, builtin_rules
from .spans import Finding

__all__ = ["main", "build_parser", "Exit"]


class Exit(IntEnum):
    """Process exit codes, as in flake8 and ruff."""

    OK = 0
    FOUND = 1  # check: findings; clean --in-place/--diff/--explain: something changed
    ERROR = 2  # usage, configuration or input error
    INTERRUPTED = 130
    BROKEN_PIPE = 141  # 128 + SIGPIPE: the reader went away (``newsclean < x | head -1``)


COMMANDS = ("clean", "check", "profile", "rules", "explain")
BadLines = Literal["error", "pass", "skip"]
Mode = Literal["stdout", "dir", "inplace", "report"]

#: Below this much input one process beats a pool, which takes ~0.1 s per worker to start.
SMALL_INPUT_BYTES = 1 << 20
#: The progress line is redrawn at most this often (seconds).
PROGRESS_INTERVAL = 0.1


# --- argument parsing ----------------------------------------------------------------------


def _codes(value: str) -> tuple[str, ...]:
    codes = tuple(c.strip().upper() for c in value.split(",") if c.strip())
    for code in codes:
        if not CODE_PATTERN.fullmatch(code) and not code.isalpha():
            raise argparse.ArgumentTypeError(f"{code!r} is not a code prefix such as NC4 or NC401")
    return codes


def _share(value: str) -> float:
    try:
        share = float(value)
    except ValueError:
        share = -1.0
    if not 0 < share <= 1:
        raise argparse.ArgumentTypeError(f"{value!r}: give a share of the site's pages, above 0 and at most 1")
    return share


def _min_documents(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = 0
    if n < 2:
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of pages, at least 2")
    return n


def _workers(value: str) -> int:
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"{value!r}: give a number of processes (0 means one per core)")
    return n


def _add_site_field(group: Any) -> None:
    group.add_argument(
        "--site-field",
        default="url",
        metavar="PATH",
        help="JSONL: the field with each record's site, a URL or a host, dotted if nested (default: url)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser; ``docs/cli.md`` mirrors its help."""
    parser = argparse.ArgumentParser(
        prog="newsclean",
        description="Remove page junk from scraped news text and keep every word of the article.",
        epilog="Without a command, newsclean cleans standard input to standard output "
        "(same options as 'newsclean clean'). Exit codes: 0 ok, 1 junk found or files changed, 2 error.",
    )
    parser.add_argument("--version", action="version", version=f"newsclean {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    selection = argparse.ArgumentParser(add_help=False)
    group = selection.add_argument_group("rules and configuration")
    group.add_argument(
        "--select",
        type=_codes,
        metavar="CODES",
        help="comma-separated code prefixes to run, e.g. NC1,NC4 (replaces select from pyproject.toml)",
    )
    group.add_argument(
        "--ignore",
        type=_codes,
        metavar="CODES",
        help="comma-separated code prefixes to skip, e.g. NC6 (replaces ignore from pyproject.toml)",
    )
    where = group.add_mutually_exclusive_group()
    where.add_argument(
        "--config",
        metavar="PATH",
        help="read [tool.newsclean] from this pyproject.toml instead of the nearest one upwards",
    )
    where.add_argument("--isolated", action="store_true", help="ignore configuration files")

    inputs = argparse.ArgumentParser(add_help=False)
    inputs.add_argument("files", nargs="*", metavar="FILE", help="files to read; '-' (the default) is standard input")
    group = inputs.add_argument_group("input")
    group.add_argument(
        "--input-format",
        choices=("auto", "text", "jsonl"),
        default="auto",
        help="auto (default): files named *.jsonl or *.ndjson are JSONL, others plain text",
    )
    group.add_argument(
        "--jsonl",
        dest="input_format",
        action="store_const",
        const="jsonl",
        default="auto",
        help="read every input as JSONL (short for --input-format jsonl)",
    )
    group.add_argument(
        "--field",
        default="text",
        metavar="PATH",
        help="JSONL: the text field, dotted for nested fields such as doc.body (default: text)",
    )
    group.add_argument(
        "--bad-lines",
        choices=("error", "pass", "skip"),
        default="error",
        help="JSONL: what to do with a malformed line or a record without a string field: "
        "stop with an error (default), pass it through unchanged, or drop it; both report it on stderr",
    )
    group.add_argument(
        "--encoding-errors",
        choices=("strict", "replace"),
        default="strict",
        help="invalid UTF-8: stop with an error (default) or replace the bad bytes with U+FFFD",
    )
    group.add_argument("--stdin-filename", metavar="NAME", help="the name to report for standard input")
    group.add_argument(
        "--workers",
        type=_workers,
        metavar="N",
        help="processes for bulk work (default: one per core for inputs over 1 MiB; 0: one per core)",
    )
    group.add_argument(
        "--no-progress", action="store_true", help="no progress line on stderr (it only shows on a terminal)"
    )

    sites = argparse.ArgumentParser(add_help=False)
    _add_site_field(sites.add_argument_group("corpus mode (docs/corpus.md)"))
    corpus = argparse.ArgumentParser(add_help=False)
    group = corpus.add_argument_group("corpus mode (docs/corpus.md)")
    _add_site_field(group)
    group.add_argument(
        "--profile",
        metavar="FILE",
        help="a template profile made by 'newsclean profile': also remove each site's template lines (NC950)",
    )
    group.add_argument("--site", metavar="HOST", help="the site of plain-text inputs, for --profile")

    clean = sub.add_parser(
        "clean",
        parents=[inputs, selection, corpus],
        help="remove junk (the default command)",
        description="Write the text without its junk: to stdout, to a directory, or in place.",
    )
    out = clean.add_argument_group("output (default: standard output)")
    target = out.add_mutually_exclusive_group()
    target.add_argument("-o", "--output-dir", metavar="DIR", help="write each cleaned file into DIR, same base name")
    target.add_argument(
        "--in-place",
        action="store_true",
        help="rewrite changed files atomically; prints 'Fixing FILE' and exits 1 when it changed something",
    )
    out.add_argument("--diff", action="store_true", help="only print a unified diff of what would be removed")
    out.add_argument("--explain", action="store_true", help="only print each removal with its rule code and reason")
    out.add_argument("--findings-field", metavar="NAME", help="JSONL: add each record's findings under this key")
    out.add_argument("--exit-zero", action="store_true", help="exit 0 even when files changed")

    check = sub.add_parser(
        "check",
        parents=[inputs, selection, corpus],
        help="report junk as path:line:col: CODE message",
        description="Report the junk that 'clean' would remove; exit 1 when there is any.",
    )
    check.add_argument("--format", choices=FORMATS, default="text", help="text (default), json or github annotations")
    check.add_argument("--exit-zero", action="store_true", help="exit 0 even when junk is found")

    profile = sub.add_parser(
        "profile",
        parents=[inputs, sites],
        help="count each site's template lines in a JSONL corpus",
        description="Read a JSONL corpus once and write its template profile: per site (--site-field), "
        "the lines that stand on at least --min-share of its pages. Use it with clean/check --profile.",
    )
    group = profile.add_argument_group("profile")
    group.add_argument("-o", "--output", metavar="FILE", help="write the profile here (default: standard output)")
    group.add_argument(
        "--min-documents",
        type=_min_documents,
        default=MIN_DOCUMENTS,
        metavar="N",
        help=f"only sites with at least N pages (default: {MIN_DOCUMENTS})",
    )
    group.add_argument(
        "--min-share",
        type=_share,
        default=MIN_SHARE,
        metavar="X",
        help=f"only lines on at least this share of a site's pages (default: {MIN_SHARE})",
    )
    group.add_argument(
        "--max-lines-per-site",
        type=_min_documents,
        default=MAX_LINES_PER_SITE,
        metavar="N",
        help=f"memory: line counters kept per site when its table is pruned (default: {MAX_LINES_PER_SITE})",
    )

    sub.add_parser("rules", help="list the rules: code, name, summary", description="List every rule.")
    explain = sub.add_parser(
        "explain", help="show a rule's documentation", description="Show what a rule removes and why."
    )
    explain.add_argument(
        "rule", metavar="CODE", help="a rule code (NC401), name (related-article-trail) or family (NC4)"
    )
    return parser


def _validate(parser: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """Conflicts argparse cannot express; ``parser.error`` exits 2 with the usage line."""
    if args.command not in ("clean", "check", "profile"):
        return
    args.files = args.files or [STDIN]
    if args.files.count(STDIN) > 1:
        parser.error("'-' (standard input) can be read only once")
    if args.command == "clean":
        if (args.diff or args.explain) and (args.output_dir or args.in_place):
            parser.error("--diff and --explain only report; drop -o/--in-place (or run twice)")
        if args.in_place and STDIN in args.files:
            parser.error("--in-place needs file names; for standard input the clean text goes to stdout")
        if args.output_dir and STDIN in args.files and not args.stdin_filename:
            parser.error("-o needs a file name for standard input; pass --stdin-filename NAME")
        if args.output_dir:
            names = [Path(_display(p, args)).name for p in args.files]
            dupes = sorted({n for n in names if names.count(n) > 1})
            if dupes:
                parser.error(f"-o would write {', '.join(dupes)} twice; clean those files in separate runs")
        if args.findings_field and not any(_is_jsonl(p, args) for p in args.files):
            parser.error("--findings-field needs JSONL input (*.jsonl files or --jsonl)")
    try:
        args.field_path = parse_field_path(args.field)
        args.site_path = tuple(args.site_field.split("."))
        if not args.site_field or not all(args.site_path):
            raise InputError(f"--site-field {args.site_field!r}: give a field name, or a dotted path such as meta.url")
    except InputError as exc:
        parser.error(str(exc))


# --- shared plumbing ----------------------------------------------------------------------


def _error(message: str) -> None:
    print(f"newsclean: error: {message}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"newsclean: warning: {message}", file=sys.stderr)


def _write_stdout(data: bytes) -> None:
    """UTF-8 bytes to stdout whatever the locale says."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8"))
    else:
        buffer.write(data)


def _write_stdout_text(text: str) -> None:
    _write_stdout(text.encode("utf-8"))


def _flush_stdout() -> None:
    sys.stdout.flush()


def _display(path: str, args: argparse.Namespace) -> str:
    return (args.stdin_filename or "<stdin>") if path == STDIN else path


def _is_jsonl(path: str, args: argparse.Namespace) -> bool:
    if args.input_format != "auto":
        return bool(args.input_format == "jsonl")
    return _display(path, args).lower().endswith((".jsonl", ".ndjson"))


def load_config(args: argparse.Namespace) -> Config:
    """``[tool.newsclean]`` (nearest pyproject.toml upwards from the working directory, or
    ``--config``; none with ``--isolated``) with ``--select``/``--ignore`` laid over it."""
    if args.isolated:
        base = Config()
    elif args.config:
        base = Config.from_pyproject(args.config)
        if base == Config():
            _warn(f"{args.config}: no [tool.newsclean] settings; using the defaults")
    else:
        found = find_pyproject(Path.cwd())
        base = Config.from_pyproject(found) if found else Config()
    profile = None
    if getattr(args, "profile", None):
        try:
            profile = TemplateProfile.load(args.profile)
        except ProfileError as exc:
            raise InputError(str(exc)) from None
    config = base.merged(select=args.select, ignore=args.ignore, profile=profile)
    if getattr(args, "site", None):
        if config.profile is None:
            raise InputError(
                "--site names the site for a template profile; pass --profile FILE (or set profile in [tool.newsclean])"
            )
        config = config.for_site(args.site)
    return config


def _worker_count(args: argparse.Namespace, paths: Sequence[str], units: int | None = None) -> int:
    """Explicit ``--workers`` wins; otherwise a pool only for inputs large enough to pay for it."""
    if args.workers is not None:
        return int(args.workers)
    if units is not None and units <= 1:
        return 1
    total = 0
    for path in paths:
        if path == STDIN:
            return 0
        try:
            total += os.path.getsize(path)
        except OSError:
            pass
    return 1 if total < SMALL_INPUT_BYTES else 0


class Progress:
    """A ``\\r`` counter on stderr, shown only on a terminal and only for bulk work."""

    def __init__(self, enabled: bool, unit: str) -> None:
        self.enabled = enabled
        self.unit = unit
        self.done = 0
        self.changed = 0
        self._last = 0.0
        self._shown = False

    def step(self, changed: bool) -> None:
        self.done += 1
        self.changed += changed
        if self.enabled and time.monotonic() - self._last >= PROGRESS_INTERVAL:
            self._last = time.monotonic()
            sys.stderr.write(f"\rnewsclean: {self.done:,} {self.unit}, {self.changed:,} with junk")
            sys.stderr.flush()
            self._shown = True

    def close(self) -> None:
        if self._shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def _progress(args: argparse.Namespace, writes_stdout: bool) -> Progress:
    bulk = len(args.files) > 1 or any(_is_jsonl(p, args) for p in args.files)
    on_terminal = sys.stderr.isatty() and not (writes_stdout and sys.stdout.isatty())
    unit = "records" if any(_is_jsonl(p, args) for p in args.files) else "files"
    return Progress(bulk and on_terminal and not args.no_progress, unit)


# --- units of work: what travels through clean_many/check_many as an item's id -------------


@dataclass(frozen=True, slots=True)
class TextDoc:
    loc: Location
    path: str
    text: str


@dataclass(frozen=True, slots=True)
class Record:
    loc: Location
    raw: RawLine
    record: dict[str, Any]
    text: str
    exact: bool  # the raw bytes are exactly this record (no bytes were replaced)
    site: str | None = None  # corpus mode: the record's --site-field


@dataclass(frozen=True, slots=True)
class Blank:
    raw: RawLine


@dataclass(frozen=True, slots=True)
class BadLine:
    """Bad input that the run reports and goes on past (a bad file, or a JSONL line under
    ``--bad-lines pass|skip``)."""

    raw: RawLine | None
    error: InputError


@dataclass(frozen=True, slots=True)
class Fatal:
    """Bad input that stops this file (a JSONL line under ``--bad-lines error``)."""

    error: InputError


Unit = TextDoc | Record | Blank | BadLine | Fatal


def _text_items(paths: Iterable[str], args: argparse.Namespace) -> Iterator[tuple[Unit, str]]:
    for path in paths:
        name = _display(path, args)
        try:
            text = read_text(path, name, args.encoding_errors)
        except InputError as exc:
            yield BadLine(None, exc), ""
            continue
        yield TextDoc(Location(name), path, text), text


def _record_items(path: str, args: argparse.Namespace, with_sites: bool) -> Iterator[tuple[Unit, str]]:
    """Records of one JSONL file, streamed. A bad line becomes a :class:`BadLine` or, under
    ``--bad-lines error``, a :class:`Fatal` that ends the stream, so that every record before
    it is still written in order. ``with_sites`` (corpus mode: the config has a profile)
    reads each record's site field too."""
    name = _display(path, args)
    no_site = 0
    for raw in iter_lines(path):
        if not raw.data.strip():
            yield Blank(raw), ""
            continue
        loc = Location(name, raw.number)
        try:
            record, exact = parse_record(raw, name, args.encoding_errors)
            text = get_field(record, args.field_path, str(loc))
        except InputError as exc:
            if args.bad_lines == "error":
                yield Fatal(exc), ""
                return
            yield BadLine(raw, exc), ""
            continue
        site = None
        if with_sites:
            site = _site_field(record, args.site_path)
            no_site += site is None
        yield Record(loc, raw, record, text, exact, site), text
    if no_site:
        _warn(
            f"{name}: {no_site:,} record(s) without a string field {args.site_field!r} were cleaned without "
            "the profile; name the site field with --site-field"
        )


def _site_field(record: dict[str, Any], path: tuple[str, ...]) -> str | None:
    """A record's site (its ``--site-field``), or ``None`` when it has no such string field."""
    value: Any = record
    for key in path:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value if isinstance(value, str) and value.strip() else None


def _site_of(args: argparse.Namespace, config: Config) -> Callable[[Any], str | None] | None:
    """Corpus mode: each unit's site for :func:`clean_many`; ``None`` without a profile."""
    if config.profile is None:
        return None
    fallback = getattr(args, "site", None)

    def site_of(item: tuple[Unit, str]) -> str | None:
        unit = item[0]
        if isinstance(unit, Record) and unit.site is not None:
            return unit.site
        return fallback

    return site_of


def _report_bad_line(bad: BadLine, policy: BadLines, verb: str) -> None:
    what = str(bad.error).split("; ")[0]
    _warn(f"{what}; {'passed through unchanged' if policy == 'pass' else verb}")


@dataclass
class Tally:
    """What a run did, for the exit code."""

    errors: int = 0
    changed: int = 0


def _groups(args: argparse.Namespace) -> Iterator[tuple[bool, list[str]]]:
    """Consecutive plain-text files form one bulk run; each JSONL file is a run of its own."""
    for is_jsonl, paths in itertools.groupby(args.files, key=lambda p: _is_jsonl(p, args)):
        if is_jsonl:
            for path in paths:
                yield True, [path]
        else:
            yield False, list(paths)


# --- clean ----------------------------------------------------------------------------------


def _mode(args: argparse.Namespace) -> Mode:
    if args.diff or args.explain:
        return "report"
    if args.in_place:
        return "inplace"
    return "dir" if args.output_dir else "stdout"


def _report(args: argparse.Namespace, loc: Location, before: str, result: CleanResult, after: str) -> None:
    if args.explain:
        for f in result.findings:
            _write_stdout_text(format_explanation(loc, f, before))
    if args.diff and after != before:
        _write_stdout_text(unified_diff(str(loc), before, after))


class _Unchanged(Exception):
    """Raised inside :func:`atomic_output` to drop the temporary file of an unchanged input."""


def _output_path(args: argparse.Namespace, path: str) -> Path:
    if args.in_place:
        return Path(path)
    out_dir = Path(args.output_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{out_dir}: cannot create the output directory: {exc.strerror or exc}") from None
    return out_dir / Path(_display(path, args)).name


def _clean_texts(paths: list[str], args: argparse.Namespace, config: Config, tally: Tally, progress: Progress) -> None:
    mode = _mode(args)
    items = _text_items(paths, args)
    for unit, result in clean_many(items, config, workers=_worker_count(args, paths, len(paths)), with_findings=True):
        if isinstance(unit, BadLine):
            _error(str(unit.error))
            tally.errors += 1
            continue
        if not isinstance(unit, TextDoc):
            continue
        # clean_result leaves a text without findings byte for byte as it is (no whitespace
        # tidy), so `clean --in-place` changes exactly the files that `check` reports.
        after = result.text
        progress.step(result.changed)
        tally.changed += result.changed
        if mode == "report":
            _report(args, unit.loc, unit.text, result, after)
        elif mode == "stdout":
            _write_stdout_text(after)
        elif mode == "dir" or result.changed:
            try:
                with atomic_output(_output_path(args, unit.path)) as fh:
                    fh.write(after.encode("utf-8"))
            except InputError as exc:
                _error(str(exc))
                tally.errors += 1
                continue
            if mode == "inplace":
                _write_stdout_text(f"Fixing {unit.loc.path}\n")


def _clean_jsonl(path: str, args: argparse.Namespace, config: Config, tally: Tally, progress: Progress) -> None:
    """Clean one JSONL file record by record. Unchanged records are copied byte for byte;
    changed ones get the clean text in the same field, every other key kept in order."""
    mode = _mode(args)
    name = _display(path, args)
    fields: tuple[str, ...] = args.field_path
    changed_file = False
    try:
        with ExitStack() as stack:
            write: Callable[[bytes], Any] | None = _write_stdout if mode == "stdout" else None
            if mode in ("dir", "inplace"):
                write = stack.enter_context(atomic_output(_output_path(args, path))).write
            results = clean_many(
                _record_items(path, args, config.profile is not None),
                config,
                workers=_worker_count(args, [path]),
                with_findings=True,
                site_of=_site_of(args, config),
            )
            for unit, result in results:
                if isinstance(unit, Fatal):
                    raise unit.error
                line: bytes | None
                if isinstance(unit, Blank):
                    line = unit.raw.data
                elif isinstance(unit, BadLine):
                    _report_bad_line(unit, args.bad_lines, "dropped from the output")
                    line = unit.raw.data if args.bad_lines == "pass" and unit.raw else None
                    changed_file |= line is None
                elif isinstance(unit, Record):
                    progress.step(result.changed)
                    tally.changed += result.changed
                    if mode == "report":
                        _report(args, unit.loc, unit.text, result, result.text)
                        continue
                    if result.changed:
                        set_field(unit.record, fields, result.text)
                    if args.findings_field:
                        unit.record[args.findings_field] = [f.as_dict() for f in result.findings]
                    rewrite = result.changed or args.findings_field or not unit.exact
                    line = dump_record(unit.record) if rewrite else unit.raw.data
                    changed_file |= line != unit.raw.data
                else:
                    continue
                if line is not None and write is not None:
                    write(line if line.endswith(b"\n") else line + b"\n")
            if mode == "inplace" and not changed_file:
                raise _Unchanged
    except _Unchanged:
        return
    if mode == "inplace":
        tally.changed += 1  # the file changed even if no text did (--findings-field, --bad-lines skip)
        _write_stdout_text(f"Fixing {name}\n")


def _hint_if_terminal(args: argparse.Namespace) -> None:
    """``newsclean`` typed alone waits for standard input; say so instead of seeming to hang."""
    if STDIN in args.files and sys.stdin is not None and sys.stdin.isatty():
        print("newsclean: reading text from the terminal; end it with Ctrl-D (see newsclean --help)", file=sys.stderr)


def cmd_clean(args: argparse.Namespace) -> int:
    config = load_config(args)
    _hint_if_terminal(args)
    tally = Tally()
    progress = _progress(args, writes_stdout=_mode(args) in ("stdout", "report"))
    try:
        for is_jsonl, paths in _groups(args):
            if is_jsonl:
                try:
                    _clean_jsonl(paths[0], args, config, tally, progress)
                except InputError as exc:
                    _error(str(exc))
                    tally.errors += 1
            else:
                _clean_texts(paths, args, config, tally, progress)
    finally:
        progress.close()
    _flush_stdout()
    if tally.errors:
        return Exit.ERROR
    if tally.changed and _mode(args) in ("inplace", "report") and not args.exit_zero:
        return Exit.FOUND
    return Exit.OK


# --- check ----------------------------------------------------------------------------------


def _check_units(
    units: Iterable[tuple[Unit, list[Finding]]],
    args: argparse.Namespace,
    reporter: Reporter,
    tally: Tally,
    progress: Progress,
) -> None:
    for unit, findings in units:
        if isinstance(unit, Fatal):
            raise unit.error
        if isinstance(unit, BadLine):
            if unit.raw is None:
                _error(str(unit.error))
                tally.errors += 1
            else:
                _report_bad_line(unit, args.bad_lines, "not checked")
            continue
        if isinstance(unit, (TextDoc, Record)):
            progress.step(bool(findings))
            reporter.add(unit.loc, findings)


def cmd_check(args: argparse.Namespace) -> int:
    config = load_config(args)
    _hint_if_terminal(args)
    tally = Tally()
    reporter = Reporter(args.format, _write_stdout_text)
    progress = _progress(args, writes_stdout=True)
    try:
        for is_jsonl, paths in _groups(args):
            if is_jsonl:
                units = check_many(
                    _record_items(paths[0], args, config.profile is not None),
                    config,
                    workers=_worker_count(args, paths),
                    site_of=_site_of(args, config),
                )
                try:
                    _check_units(units, args, reporter, tally, progress)
                except InputError as exc:
                    _error(str(exc))
                    tally.errors += 1
            else:
                units = check_many(_text_items(paths, args), config, workers=_worker_count(args, paths, len(paths)))
                _check_units(units, args, reporter, tally, progress)
    finally:
        progress.close()
    reporter.close()
    _flush_stdout()
    if tally.errors:
        return Exit.ERROR
    return Exit.FOUND if reporter.count and not args.exit_zero else Exit.OK


# --- profile ---------------------------------------------------------------------------


def _profile_documents(args: argparse.Namespace, tally: Tally, progress: Progress) -> Iterator[tuple[str, str]]:
    """``(site, text)`` of every record of every input; bad records are reported (and, under
    ``--bad-lines error``, stop the run), records without a site are skipped and counted."""
    for path in args.files:
        name = _display(path, args)
        no_site = 0
        for raw in iter_lines(path):
            if not raw.data.strip():
                continue
            loc = Location(name, raw.number)
            try:
                record, _ = parse_record(raw, name, args.encoding_errors)
                text = get_field(record, args.field_path, str(loc))
            except InputError as exc:
                if args.bad_lines == "error":
                    raise
                _report_bad_line(BadLine(raw, exc), "skip", "not counted")
                continue
            site = _site_field(record, args.site_path)
            if site is None:
                no_site += 1
                continue
            progress.step(False)
            tally.changed += 1
            yield site, text
        if no_site:
            _warn(
                f"{name}: {no_site:,} record(s) without a string field {args.site_field!r} were not counted; "
                "name the site field with --site-field"
            )


def cmd_profile(args: argparse.Namespace) -> int:
    _hint_if_terminal(args)
    tally = Tally()
    progress = Progress(sys.stderr.isatty() and not args.no_progress, "records")
    workers = args.workers if args.workers is not None else _worker_count(args, args.files)
    workers = default_workers() if workers == 0 else workers
    try:
        profile = build_profile(
            _profile_documents(args, tally, progress),
            workers=workers,
            min_documents=args.min_documents,
            min_share=args.min_share,
            max_lines_per_site=args.max_lines_per_site,
        )
    finally:
        progress.close()
    if not tally.changed:
        _error(f"no record with a string field {args.site_field!r} and a text field {args.field!r}; nothing to count")
        return Exit.ERROR
    if args.output and args.output != STDIN:
        with atomic_output(args.output) as fh:
            profile.write(fh)
        where = args.output
    else:
        for record in profile.records():
            _write_stdout(record)
        where = "standard output"
    lines = sum(len(s.lines) for s in profile.sites.values())
    print(
        f"newsclean: {tally.changed:,} documents of {profile.params['sites_counted']:,} sites counted; "
        f"{len(profile.sites):,} sites with template lines ({lines:,} lines) written to {where}",
        file=sys.stderr,
    )
    _flush_stdout()
    return Exit.OK


# --- rules and explain ----------------------------------------------------------------------


def cmd_rules(args: argparse.Namespace) -> int:
    _write_stdout_text(rules_table(builtin_rules()))
    _flush_stdout()
    return Exit.OK


def cmd_explain(args: argparse.Namespace) -> int:
    rules = builtin_rules()
    query = args.rule.strip()
    chosen = [r for r in rules if r.code == query.upper() or r.name == query.lower()]
    if not chosen and query:
        chosen = [r for r in rules if r.code.startswith(query.upper())]
    if not chosen:
        _error(f"unknown rule {query!r}; valid codes: {', '.join(r.code for r in rules)} (see 'newsclean rules')")
        return Exit.ERROR
    _write_stdout_text("\n".join(explain_rule(r) for r in chosen))
    _flush_stdout()
    return Exit.OK


_HANDLERS: dict[str, Callable[[argparse.Namespace], int]] = {
    "clean": cmd_clean,
    "check": cmd_check,
    "profile": cmd_profile,
    "rules": cmd_rules,
    "explain": cmd_explain,
}


def _silence_stdout() -> None:
    """After a broken pipe, point stdout at /dev/null so the final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # stdout is not a real file (tests)
        pass


def main(argv: list[str] | None = None) -> int:
    """Console entry point; returns the exit code (see :class:`Exit`)."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version")):
        args_list = ["clean", *args_list]
    elif args_list[0] not in (*COMMANDS, "-h", "--help", "--version"):
        _error(
            f"unknown command {args_list[0]!r}; commands: {', '.join(COMMANDS)} "
            f"(to clean a file: newsclean clean {args_list[0]})"
        )
        return Exit.ERROR
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
        _validate(parser, args)
    except SystemExit as exc:  # argparse: --help, --version, usage errors
        return exc.code if isinstance(exc.code, int) else Exit.ERROR
    try:
        return int(_HANDLERS[args.command](args))
    except (ConfigError, InputError) as exc:
        _error(str(exc))
        return Exit.ERROR
    except BrokenPipeError:
        _silence_stdout()
        return Exit.BROKEN_PIPE
    except KeyboardInterrupt:
        return Exit.INTERRUPTED


if __name__ == "__main__":
    raise SystemExit(main())

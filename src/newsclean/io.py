"""Reading and writing for the command line: text files, JSONL records, atomic writes.

Every failure becomes an :class:`InputError` whose message names the file (and the byte
offset or record) and says what to do next, so the CLI prints one line and exits 2 instead
of showing a traceback. Writes go to a temporary file in the target's directory and are
moved over the target with :func:`os.replace`, so a crash never leaves a half-written file.
"""

from __future__ import annotations

import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO, Literal

import orjson

__all__ = [
    "STDIN",
    "EncodingErrors",
    "InputError",
    "RawLine",
    "atomic_output",
    "decode_text",
    "dump_record",
    "get_field",
    "iter_lines",
    "parse_field_path",
    "parse_record",
    "read_bytes",
    "read_text",
    "set_field",
]

#: The file name that means standard input (or output).
STDIN = "-"

#: How undecodable bytes are handled: ``strict`` stops with an error, ``replace`` substitutes U+FFFD.
EncodingErrors = Literal["strict", "replace"]


class InputError(Exception):
    """A file that cannot be read or written as asked; ``str(error)`` is the one-line message."""


def _os_error(path: str, exc: OSError, verb: str) -> InputError:
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{path}: is a directory; pass the files in it instead (e.g. {path}/*.txt)")
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{path}: no such file or directory")
    if isinstance(exc, PermissionError):
        return InputError(f"{path}: permission denied; check the file's permissions")
    return InputError(f"{path}: cannot {verb}: {exc.strerror or exc}")


def read_bytes(path: str) -> bytes:
    """The whole content of ``path`` (``-`` is standard input)."""
    if path == STDIN:
        return sys.stdin.buffer.read()
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise _os_error(path, exc, "read") from None


def decode_text(data: bytes, name: str, errors: EncodingErrors = "strict") -> str:
    """Decode UTF-8, refusing binary data: a NUL byte means the file is not text.

    >>> decode_text(b"caf\\xc3\\xa9", "a.txt")
    'café'
    >>> decode_text(b"caf\\xe9", "a.txt")
    Traceback (most recent call last):
    ...
    newsclean.io.InputError: a.txt: invalid UTF-8 at byte offset 3 (line 1); convert the file to UTF-8, or pass --encoding-errors replace to substitute U+FFFD
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise InputError(f"{name}: looks like UTF-16 text; convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)")
    nul = data.find(b"\0")
    if nul >= 0:
        raise InputError(f"{name}: binary file (NUL byte at byte offset {nul}); newsclean reads UTF-8 text")
    try:
        return data.decode("utf-8", errors)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(
            f"{name}: invalid UTF-8 at byte offset {exc.start} (line {line}); convert the file to UTF-8, "
            "or pass --encoding-errors replace to substitute U+FFFD"
        ) from None


def read_text(path: str, name: str | None = None, errors: EncodingErrors = "strict") -> str:
    """Read and decode one text file (``-`` is standard input); ``name`` is used in errors."""
    return decode_text(read_bytes(path), name or path, errors)


@contextmanager
def atomic_output(path: str | Path) -> Iterator[BinaryIO]:
    """A binary file that replaces ``path`` only when the ``with`` block succeeds.

    The data goes to a temporary file in the same directory (so :func:`os.replace` is atomic),
    is flushed to disk, gets the permissions of the file it replaces, and is moved over it.
    On any exception the temporary file is removed and ``path`` is left as it was. A symlink
    is followed: its target is rewritten, the link stays.
    """
    target = Path(os.path.realpath(path))
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".newsclean-tmp")
    except OSError as exc:
        raise _os_error(str(path), exc, "write") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        try:
            mode = stat.S_IMODE(os.stat(target).st_mode)
        except FileNotFoundError:
            mode = 0o666 & ~_umask()
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException as exc:
        with suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError) and not isinstance(exc, BrokenPipeError):
            raise _os_error(str(path), exc, "write") from None
        raise


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


# --- JSONL -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RawLine:
    """One line of a JSONL file as read: its 1-based number, byte offset and bytes."""

    number: int
    offset: int
    data: bytes


def iter_lines(path: str) -> Iterator[RawLine]:
    """Stream the lines of ``path`` (``-`` is standard input) without loading the file."""
    if path == STDIN:
        yield from _lines_of(sys.stdin.buffer)
        return
    try:
        fh = open(path, "rb")  # noqa: SIM115 (closed below; the generator may stop early)
    except OSError as exc:
        raise _os_error(path, exc, "read") from None
    with fh:
        try:
            yield from _lines_of(fh)
        except OSError as exc:
            raise _os_error(path, exc, "read") from None


def _lines_of(fh: BinaryIO) -> Iterator[RawLine]:
    offset = 0
    for number, data in enumerate(fh, start=1):
        yield RawLine(number, offset, data)
        offset += len(data)


def parse_field_path(spec: str) -> tuple[str, ...]:
    """``"doc.body"`` -> ``("doc", "body")``: a dotted path to a nested field."""
    parts = tuple(spec.split("."))
    if not spec or any(not p for p in parts):
        raise InputError(f"--field {spec!r}: give a field name, or a dotted path such as doc.body")
    return parts


def parse_record(raw: RawLine, name: str, errors: EncodingErrors = "strict") -> tuple[dict[str, Any], bool]:
    """Parse one JSONL line into an object, with an error that names the record and offset.

    The flag says whether the line's bytes are exactly that object (``False`` when invalid
    UTF-8 was replaced), i.e. whether an unchanged record may be copied byte for byte.
    """
    where = f"{name}:{raw.number}"
    data = raw.data
    exact = True
    try:
        record = orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as uexc:
            if errors != "replace":
                raise InputError(
                    f"{where}: invalid UTF-8 at byte offset {raw.offset + uexc.start} of the file; "
                    "convert it to UTF-8, or pass --encoding-errors replace"
                ) from None
            text, exact = data.decode("utf-8", "replace"), False
        try:  # valid JSON that orjson refuses (integers beyond 64 bits, NaN): keep it as is
            record = json.loads(text)
        except ValueError:
            raise InputError(
                f"{where}: malformed JSON ({exc.msg} at column {exc.colno}); fix the line, "
                "or pass --bad-lines pass (or skip)"
            ) from None
    if not isinstance(record, dict):
        raise InputError(
            f"{where}: expected a JSON object, found {_json_type(record)}; pass --bad-lines pass (or skip)"
        )
    return record, exact


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def get_field(record: dict[str, Any], path: tuple[str, ...], where: str) -> str:
    """The string at ``path`` in ``record``; a missing or non-string field is an error."""
    value: Any = record
    for depth, key in enumerate(path):
        if not isinstance(value, dict) or key not in value:
            shown = ".".join(path[: depth + 1])
            raise InputError(f"{where}: no field {shown!r}; name the text field with --field, or pass --bad-lines pass")
        value = value[key]
    if not isinstance(value, str):
        raise InputError(
            f"{where}: field {'.'.join(path)!r} is {_json_type(value)}, not a string; pass --bad-lines pass (or skip)"
        )
    return value


def set_field(record: dict[str, Any], path: tuple[str, ...], value: str) -> None:
    """Replace the value at ``path`` in place; the keys keep their order."""
    for key in path[:-1]:
        record = record[key]
    record[path[-1]] = value


def dump_record(record: dict[str, Any]) -> bytes:
    """One JSONL line (with its newline). orjson keeps key order and UTF-8 text as is."""
    try:
        return orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)
    except TypeError:  # values only the standard library can write (big integers, NaN)
        return (json.dumps(record, separators=(",", ":")) + "\n").encode("utf-8")

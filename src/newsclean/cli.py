"""The ``newsclean`` command (minimal: stdin to stdout). Extended in the CLI module work."""

from __future__ import annotations

import sys

from .pipeline import clean


def main(argv: list[str] | None = None) -> int:
    data = sys.stdin.buffer.read()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        print(f"newsclean: <stdin>: invalid UTF-8 at byte {exc.start}", file=sys.stderr)
        return 2
    sys.stdout.write(clean(text))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

import re
from collections.abc import Callable, Sequence

def candidates(
    pattern: re.Pattern[str],
    text: str,
    offsets: list[int],
    numbers: Sequence[int],
    verify: Callable[[int], bool] | None,
) -> list[int]: ...
def byte_offsets(text: str, starts: list[int]) -> list[int]: ...

class MatchLines:
    found: dict[int, set[int]]
    def __init__(self, starts: list[int], lengths: list[int]) -> None: ...
    def __call__(self, number: int, start: int, end: int, flags: int, context: object) -> None: ...

def short_keys(
    lines: list[str], nonblank: list[int], max_chars: int, strip_chars: str, collapse: Callable[[str], str]
) -> tuple[list[int], list[str], list[int], dict[str, list[int]]]: ...
def ending_lines(
    lines: list[str],
    nonblank: list[int],
    limit: int | None,
    strip: str,
    width: int,
    by_last: dict[str, tuple[str, ...]],
    fold: dict[int, int],
    digit_end: Callable[[str], bool] | None,
) -> list[int]: ...
def class_lines(lines: list[str], chars: str, digits: bool) -> list[int]: ...

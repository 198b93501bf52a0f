from collections.abc import Callable

def document_slots(
    text: str,
    collapse: Callable[[str], str],
    crc32: Callable[[bytes], int],
    max_key_chars: int,
    simple_fold: bytes,
) -> tuple[set[str], dict[str, str]]: ...

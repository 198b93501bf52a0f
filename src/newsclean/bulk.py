"""Bulk cleaning: many documents, in input order, over several processes, in bounded memory.

``clean_many(items, config, workers=k)`` gives exactly ``[clean(x) for x in items]`` (shaped
like the input items), whatever ``k`` is. Work is sent to the processes in batches, and at
most ``workers * max_pending`` batches are in flight, so memory stays flat however long the
input iterator is.
"""

from __future__ import annotations

import os
from collections import deque
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, Iterable, Iterator, Sequence, TypeVar, Union

from .config import Config
from .pipeline import CleanResult, check, clean_result
from .spans import Finding

__all__ = ["clean_many", "check_many", "default_workers"]

T = TypeVar("T")
Item = Union[str, tuple[Any, str]]

_worker_config: Config | None = None


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(config: Config | None) -> None:
    global _worker_config
    _worker_config = config


def _clean_batch(texts: Sequence[str]) -> list[CleanResult]:
    return [clean_result(t, _worker_config) for t in texts]


def _check_batch(texts: Sequence[str]) -> list[list[Finding]]:
    return [check(t, _worker_config) for t in texts]


def _text_of(item: Item) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):
        return item[1]
    raise TypeError(f"clean_many expects str or (id, str) items, not {type(item).__name__}")


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _map_ordered(
    func: Any, items: Iterable[Item], config: Config | None, workers: int, batch_size: int, max_pending: int
) -> Iterator[tuple[Item, Any]]:
    """Yield ``(item, func-result)`` in input order, computing ``func`` on batches of texts."""
    if workers <= 1:
        _init_worker(config)
        for batch in _batches(items, batch_size):
            yield from zip(batch, func([_text_of(it) for it in batch]))
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker, initargs=(config,)) as pool:
        pending: deque[tuple[list[Item], Future[Any]]] = deque()
        limit = workers * max_pending
        for batch in _batches(items, batch_size):
            pending.append((batch, pool.submit(func, [_text_of(it) for it in batch])))
            if len(pending) >= limit:
                done_batch, future = pending.popleft()
                yield from zip(done_batch, future.result())
        while pending:
            done_batch, future = pending.popleft()
            yield from zip(done_batch, future.result())


def clean_many(
    items: Iterable[Item],
    config: Config | None = None,
    *,
    workers: int = 1,
    with_findings: bool = False,
    batch_size: int = 32,
    max_pending: int = 4,
) -> Iterator[Any]:
    """Clean many texts, yielding results in input order.

    ``items`` holds texts or ``(id, text)`` pairs. Each result has the item's shape: a clean
    text, or ``(id, clean_text)``; with ``with_findings=True`` a :class:`CleanResult` takes
    the place of the clean text. ``workers=0`` means one per core.
    """
    workers = default_workers() if workers == 0 else workers
    if workers < 0 or batch_size < 1 or max_pending < 1:
        raise ValueError("workers must be >= 0, batch_size and max_pending >= 1")
    for item, result in _map_ordered(_clean_batch, items, config, workers, batch_size, max_pending):
        value: Any = result if with_findings else result.text
        yield value if isinstance(item, str) else (item[0], value)


def check_many(
    items: Iterable[Item],
    config: Config | None = None,
    *,
    workers: int = 1,
    batch_size: int = 32,
    max_pending: int = 4,
) -> Iterator[Any]:
    """Like :func:`clean_many`, yielding each text's findings (a list) instead of clean text."""
    workers = default_workers() if workers == 0 else workers
    if workers < 0 or batch_size < 1 or max_pending < 1:
        raise ValueError("workers must be >= 0, batch_size and max_pending >= 1")
    for item, findings in _map_ordered(_check_batch, items, config, workers, batch_size, max_pending):
        yield findings if isinstance(item, str) else (item[0], findings)

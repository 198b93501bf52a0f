"""Bulk cleaning: many documents, in input order, over several processes, in bounded memory.

``clean_many(items, config, workers=k)`` gives exactly ``[clean(x) for x in items]`` (shaped
like the input items), whatever ``k`` is. Work is sent to the processes in batches, and at
most ``workers * max_pending`` batches are in flight, so memory stays flat however long the
input iterator is.

How the process pool is fed (measured in ``benchmarks/throughput.py``; see
``docs/performance.md``): workers are forked where the platform allows it, so they start
with the parsed phrase data and compiled patterns of the parent; a batch carries plain
strings out and plain strings (or findings) back, never the caller's items; and a batch is
closed at ``batch_size`` documents or about a megabyte of text, whichever comes first, so one
huge document does not hold up a batch of small ones and memory per batch stays bounded.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

from .config import Config
from .pipeline import CleanResult, check, clean_result
from .spans import Finding

__all__ = ["clean_many", "check_many", "default_workers"]

T = TypeVar("T")
Item = str | tuple[Any, str]

_worker_config: Config | None = None

#: Corpus mode: a function giving an item's site (a host or URL), or ``None``.
SiteOf = Callable[[Any], "str | None"]
Sites = Sequence["str | None"] | None

#: A batch is closed at this many characters of text even when it holds fewer than
#: ``batch_size`` documents.
BATCH_CHARS = 1 << 20


def default_workers() -> int:
    """The number of cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _init_worker(config: Config | None) -> None:
    global _worker_config
    _worker_config = config


def _configs(config: Config | None, n: int, sites: Sites) -> Iterable[Config | None]:
    """The config of each text of a batch: ``config.for_site(site)`` in corpus mode."""
    if sites is None:
        return [config] * n
    base = config or Config()
    return [base.for_site(site) for site in sites]


def _clean_batch(texts: Sequence[str], config: Config | None, sites: Sites = None) -> list[CleanResult]:
    return [clean_result(t, c) for t, c in zip(texts, _configs(config, len(texts), sites))]


def _clean_text_batch(texts: Sequence[str], config: Config | None, sites: Sites = None) -> list[str]:
    # only the clean strings travel back: pickling findings costs as much as the cleaning
    # of a short text
    return [clean_result(t, c).text for t, c in zip(texts, _configs(config, len(texts), sites))]


def _check_batch(texts: Sequence[str], config: Config | None, sites: Sites = None) -> list[list[Finding]]:
    return [check(t, c) for t, c in zip(texts, _configs(config, len(texts), sites))]


def _in_worker(func: Any, texts: Sequence[str], sites: Sites = None) -> Any:
    """Run a batch function in a pool process, with the config its initializer installed."""
    return func(texts, _worker_config, sites)


def _text_of(item: Item) -> str:
    if isinstance(item, str):
        return item
    if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], str):
        return item[1]
    if isinstance(item, tuple) and len(item) == 2:
        raise TypeError(
            f"clean_many/check_many: the text of an (id, text) item must be str, not {type(item[1]).__name__}"
        )
    raise TypeError(f"clean_many/check_many expect str or (id, str) items, not {type(item).__name__}")


def _batches(
    items: Iterable[Item], size: int, site_of: SiteOf | None = None
) -> Iterator[tuple[list[Item], list[str], Sites]]:
    """``(items, texts, sites)`` batches of at most ``size`` items or about
    :data:`BATCH_CHARS` characters; the item types are checked here, as they arrive.
    ``sites`` is ``None`` unless ``site_of`` is given."""
    batch: list[Item] = []
    texts: list[str] = []
    sites: list[str | None] | None = None if site_of is None else []
    chars = 0
    for item in items:
        text = _text_of(item)
        batch.append(item)
        texts.append(text)
        if sites is not None and site_of is not None:
            sites.append(site_of(item))
        chars += len(text)
        if len(batch) >= size or chars >= BATCH_CHARS:
            yield batch, texts, sites
            batch, texts, chars = [], [], 0
            sites = None if site_of is None else []
    if batch:
        yield batch, texts, sites


def _pool(workers: int, config: Config | None) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork") if "fork" in methods else None
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_init_worker, initargs=(config,))


def _map_ordered(
    func: Any,
    items: Iterable[Item],
    config: Config | None,
    workers: int,
    batch_size: int,
    max_pending: int,
    site_of: SiteOf | None = None,
) -> Iterator[tuple[Item, Any]]:
    """Yield ``(item, func-result)`` in input order, computing ``func`` on batches of texts."""
    if workers <= 1:
        # The config is passed, never stored: two threads may clean with different configs.
        for batch, texts, sites in _batches(items, batch_size, site_of):
            yield from zip(batch, func(texts, config, sites))
        return
    with _pool(workers, config) as pool:
        pending: deque[tuple[list[Item], Future[Any]]] = deque()
        limit = workers * max_pending
        for batch, texts, sites in _batches(items, batch_size, site_of):
            pending.append((batch, pool.submit(_in_worker, func, texts, sites)))
            del texts
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
    site_of: SiteOf | None = None,
) -> Iterator[Any]:
    """Clean many texts, yielding results in input order.

    ``items`` holds texts or ``(id, text)`` pairs. Each result has the item's shape: a clean
    text, or ``(id, clean_text)``; with ``with_findings=True`` a :class:`CleanResult` takes
    the place of the clean text. ``workers=0`` means one per core. Corpus mode:
    ``site_of(item)`` gives each item's site (a host or URL), and the item is cleaned with
    ``config.for_site(site)`` (see ``docs/corpus.md``).
    """
    workers = default_workers() if workers == 0 else workers
    if workers < 0 or batch_size < 1 or max_pending < 1:
        raise ValueError("workers must be >= 0, batch_size and max_pending >= 1")
    func = _clean_batch if with_findings else _clean_text_batch
    for item, value in _map_ordered(func, items, config, workers, batch_size, max_pending, site_of):
        yield value if isinstance(item, str) else (item[0], value)


def check_many(
    items: Iterable[Item],
    config: Config | None = None,
    *,
    workers: int = 1,
    batch_size: int = 32,
    max_pending: int = 4,
    site_of: SiteOf | None = None,
) -> Iterator[Any]:
    """Like :func:`clean_many`, yielding each text's findings (a list) instead of clean text."""
    workers = default_workers() if workers == 0 else workers
    if workers < 0 or batch_size < 1 or max_pending < 1:
        raise ValueError("workers must be >= 0, batch_size and max_pending >= 1")
    for item, findings in _map_ordered(_check_batch, items, config, workers, batch_size, max_pending, site_of):
        yield findings if isinstance(item, str) else (item[0], findings)

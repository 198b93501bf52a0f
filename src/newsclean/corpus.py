"""Corpus mode: learn each site's template lines from the corpus itself.

A site prints its furniture on every page: the same "DOWNLOAD THE APP", the same footer, the
same newsletter prompt. A line that stands on 41 of a site's 50 pages is template, in any
language, whether or not a phrase list knows it. Corpus mode has two passes:

1. **count**: :class:`TemplateCounter` reads the corpus once and counts, per site, how many
   documents contain each normalised line (:func:`~newsclean.document.line_key`; a key
   longer than 64 characters is counted by its CRC-32 and length, see :func:`line_slot`);
2. **clean**: :meth:`TemplateCounter.profile` keeps the lines that meet the thresholds and
   gives a :class:`TemplateProfile`, written as a small versioned JSONL file; put it in
   ``Config(profile=...)`` and rule NC950 (``site-template-line``) removes those lines from
   the documents of that site (``config.for_site(host)``).

Memory is bounded: each site keeps at most ``max_lines_per_site`` counters (a batch form of
the Misra-Gries / space-saving summaries: when a table reaches twice its cap, the entries
with the lowest counts are dropped, and the count they reached becomes the site's *error*,
the most a line first seen afterwards may have been undercounted), and all sites together at
most ``max_entries`` (over it, every site loses its lines seen in one document only). Counts
are lower bounds, so a line is never reported on more pages than it stands on.
See ``docs/corpus.md``.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import zlib
from collections import Counter, deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import compress, filterfalse, repeat
from operator import add, le
from pathlib import Path
from queue import Empty, Full
from typing import IO, Any
from urllib.parse import urlsplit

import orjson

from .engine.finders import reference_mode
from .engine.lines import MAX_KEY_CHARS, document_slots, line_slot

__all__ = [
    "PROFILE_FORMAT",
    "PROFILE_VERSION",
    "ProfileError",
    "SiteTemplate",
    "TemplateCounter",
    "TemplateLine",
    "TemplateProfile",
    "build_profile",
    "document_keys",
    "document_lines",
    "line_slot",
    "site_of",
]

#: The ``format`` of a profile's header line, and its version: a reader refuses other versions.
PROFILE_FORMAT = "newsclean-template-profile"
PROFILE_VERSION = 1

#: Build defaults. A site needs at least ``MIN_DOCUMENTS`` documents before any of its lines
#: can be called template, and a line must stand on ``MIN_SHARE`` of them. Measured on daniel
#: (``benchmarks/corpus_mode.py --sweep``): 0.5 removes the most junk with gold kept >= 99 %
#: on each input; sites of 3 or 4 pages mostly share nothing but their menu.
MIN_DOCUMENTS = 5
MIN_SHARE = 0.5
#: Counters kept per site, and over all sites; see the module docstring and docs/corpus.md.
MAX_LINES_PER_SITE = 512
MAX_ENTRIES = 2_000_000


class ProfileError(ValueError):
    """A profile file that cannot be read; the message names the file and line."""


def site_of(value: str) -> str:
    """The site a document belongs to: the host of a URL, lower-cased, without ``www.`` or a
    port; a value that is not a URL (a site name a user gives) is only stripped and lower-cased.

    >>> site_of("https://WWW.Example.com:8080/news/1.html")
    'example.com'
    >>> site_of("Example.com")
    'example.com'
    """
    value = value.strip()
    scheme_end = value.find("://")
    if 0 < scheme_end <= 5 and value[:scheme_end].isalpha():  # perf: the usual http(s) URL
        authority = value[scheme_end + 3 :].split("/", 1)[0].split("?", 1)[0].split("#", 1)[0]
        host = authority.rsplit("@", 1)[-1]
        host = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    elif "://" in value or value.startswith("//"):
        host = urlsplit(value).hostname or ""
    else:
        host = value.split("/", 1)[0].rsplit(":", 1)[0] if "." in value and " " not in value else value
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def document_lines(text: str) -> dict[str, str]:
    """The distinct normalised lines of a document: slot -> key (blank keys left out).

    Each key is :func:`~newsclean.document.line_key` of its line; see :func:`document_keys`.
    """
    short, long = document_keys(text)
    out = dict(zip(short, short))
    out.update(long)
    return out


def document_keys(text: str) -> tuple[set[str], dict[str, str]]:
    """The distinct normalised lines of a document, split by length: the keys that are their
    own slot (up to ``MAX_KEY_CHARS``), and slot -> key for the longer ones (see
    :func:`line_slot`). Compiled when it can be: :func:`~newsclean.engine.lines.document_slots`.
    """
    return document_slots(text, reference_mode())


# --- the profile ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class TemplateLine:
    """One template line of a site: on ``count`` of the site's documents; ``key`` is its
    normalised text (:func:`~newsclean.document.line_key`)."""

    count: int
    key: str


@dataclass(frozen=True, eq=False)
class SiteTemplate:
    """The template lines of one site, by :func:`line_slot` of their key."""

    site: str
    documents: int
    lines: Mapping[str, TemplateLine]
    error: int = 0
    """How many documents a count may miss (the site's pruning floor; 0 means exact)."""

    def get(self, key: str) -> TemplateLine | None:
        """The template line with this key, if the site has it."""
        if len(key) <= MAX_KEY_CHARS:
            return self.lines.get(key)
        found = self.lines.get(line_slot(key))
        return found if found is not None and found.key == key else None

    def share(self, line: TemplateLine) -> float:
        return line.count / self.documents if self.documents else 0.0


@dataclass(frozen=True, eq=False)
class TemplateProfile:
    """Every site's template lines and the parameters they were built with.

    Hashable and comparable by content (a digest), so a :class:`~newsclean.Config` holding it
    stays hashable, and picklable, so it travels to worker processes.
    """

    sites: Mapping[str, SiteTemplate]
    params: Mapping[str, Any] = field(default_factory=dict)
    digest: str = ""

    def __post_init__(self) -> None:
        if not self.digest:
            object.__setattr__(self, "digest", hashlib.blake2b(b"".join(self.records()), digest_size=16).hexdigest())

    def __hash__(self) -> int:
        return hash(self.digest)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, TemplateProfile) and other.digest == self.digest

    def __repr__(self) -> str:
        lines = sum(len(s.lines) for s in self.sites.values())
        return f"TemplateProfile({len(self.sites)} sites, {lines} lines, digest={self.digest[:12]})"

    def site(self, name: str) -> SiteTemplate | None:
        """The template of site ``name`` (a host or URL; see :func:`site_of`), if any."""
        return self.sites.get(site_of(name))

    def _header(self) -> bytes:
        header = {"format": PROFILE_FORMAT, "version": PROFILE_VERSION, **self.params}
        return orjson.dumps(header, option=orjson.OPT_APPEND_NEWLINE)

    def records(self) -> Iterator[bytes]:
        """The profile's JSONL lines: the header, then one record per site, sorted by site."""
        yield self._header()
        for name in sorted(self.sites):
            s = self.sites[name]
            lines = sorted(s.lines.values(), key=lambda t: (-t.count, t.key))
            record = {
                "site": name,
                "documents": s.documents,
                "error": s.error,
                "lines": [{"key": t.key, "count": t.count} for t in lines],
            }
            yield orjson.dumps(record, option=orjson.OPT_APPEND_NEWLINE)

    def write(self, fh: IO[bytes]) -> None:
        """Write the profile as JSONL: a header line, then one record per site (sorted)."""
        for record in self.records():
            fh.write(record)

    @classmethod
    def load(cls, path: str | Path) -> TemplateProfile:
        """Read a profile written by :meth:`write`; a bad file is a :class:`ProfileError`."""
        try:
            with open(path, "rb") as fh:
                return cls.read(fh, str(path))
        except OSError as exc:
            raise ProfileError(f"{path}: cannot read the profile: {exc.strerror or exc}") from None

    @classmethod
    def read(cls, fh: Iterable[bytes], name: str = "profile") -> TemplateProfile:
        sites: dict[str, SiteTemplate] = {}
        params: dict[str, Any] = {}
        for number, raw in enumerate(fh, start=1):
            where = f"{name}:{number}"
            try:
                record = orjson.loads(raw)
            except orjson.JSONDecodeError as exc:
                raise ProfileError(f"{where}: malformed JSON ({exc.msg}); is this a newsclean profile?") from None
            if not isinstance(record, dict):
                raise ProfileError(f"{where}: expected a JSON object; is this a newsclean profile?")
            if number == 1:
                if record.get("format") != PROFILE_FORMAT:
                    raise ProfileError(f"{where}: not a newsclean template profile (no format {PROFILE_FORMAT!r})")
                if record.get("version") != PROFILE_VERSION:
                    raise ProfileError(
                        f"{where}: profile version {record.get('version')!r}, this newsclean reads version "
                        f"{PROFILE_VERSION}; rebuild it with 'newsclean profile'"
                    )
                params = {k: v for k, v in record.items() if k not in ("format", "version")}
                continue
            try:
                lines = {}
                for item in record["lines"]:
                    key = item["key"]
                    if not isinstance(key, str):
                        raise TypeError
                    lines[line_slot(key)] = TemplateLine(int(item["count"]), key)
                site = str(record["site"])
                sites[site] = SiteTemplate(site, int(record["documents"]), lines, int(record.get("error", 0)))
            except (KeyError, TypeError, ValueError):
                raise ProfileError(
                    f"{where}: a site record needs site, documents and lines (each a key and a count)"
                ) from None
        if not params and not sites:
            raise ProfileError(f"{name}: empty file; build a profile with 'newsclean profile'")
        return cls(sites, params)


# --- counting -------------------------------------------------------------------------------


class _SiteCounts:
    """One site's counters: documents seen, and per line hash its document count."""

    __slots__ = ("documents", "counts", "errors", "keys", "floor")

    def __init__(self) -> None:
        self.documents = 0
        self.counts: Counter[str] = Counter()
        self.errors: dict[str, int] = {}  # only entries inserted after a prune
        self.keys: dict[str, str] = {}  # the text of a long key, from its second document on
        self.floor = 0

    def add(self, lines: Mapping[str, str]) -> int:
        """Count one document's distinct lines (slot -> key); returns how many new entries
        it made."""
        short = {h for h in lines if h[0] != " "}
        return self.add_keys(short, {h: key for h, key in lines.items() if h[0] == " "})

    def add_keys(self, short: set[str], long: Mapping[str, str]) -> int:
        """Count one document given as :func:`document_keys`; returns how many new entries it
        made. Everything is counted by ``Counter.update`` and set operations (loops in C):
        this is the per-line cost of a profile build."""
        self.documents += 1
        counts, floor = self.counts, self.floor
        before = len(counts)
        if floor:  # the new entries may have been pruned before: their error is the floor
            # (filterfalse over the document's keys: set.difference(counts) and
            # keys() - keys() would walk the whole table)
            seen = counts.__contains__
            self.errors.update(dict.fromkeys(filterfalse(seen, short), floor))
            self.errors.update(dict.fromkeys(filterfalse(seen, long), floor))
        if long:
            for h in long.keys() & counts.keys():
                if counts[h] == 1:  # a line on one page is never template: its text is kept
                    self.keys[h] = long[h]  # from its second page on
            counts.update(long.keys())
        counts.update(short)
        return len(counts) - before

    def prune(self, keep: int) -> int:
        """Keep about ``keep`` entries, those of highest possible count; returns how many were
        dropped. Entries tied with the first one left out stay when that still shrinks the
        table (a mega-menu of 600 lines on every page is not cut at 512), and go when it does
        not (a table of lines seen once)."""
        if len(self.counts) <= keep:
            return 0
        possible = self._possible()
        bound = _nth_largest(possible, keep + 1)
        dropped = self._drop_at_most(bound - 1, possible)
        if len(self.counts) >= 2 * keep:
            dropped += self._drop_at_most(bound)
        return dropped

    def drop_singletons(self) -> int:
        return self._drop_at_most(1)

    def _possible(self) -> list[int]:
        """Each entry's highest possible count (its count plus its error), in table order;
        built by ``map`` (loops in C), as a prune runs every few documents of a site."""
        counts = self.counts
        if not self.errors:
            return list(counts.values())
        return list(map(add, counts.values(), map(self.errors.get, counts, repeat(0))))

    def _drop_at_most(self, bound: int, possible: list[int] | None = None) -> int:
        if bound < 1:
            return 0
        counts = self.counts
        doomed = list(compress(counts, map(le, possible or self._possible(), repeat(bound))))
        _exhaust(map(counts.pop, doomed))
        if self.errors:
            _exhaust(map(self.errors.pop, doomed, repeat(None)))
        if self.keys:
            _exhaust(map(self.keys.pop, doomed, repeat(None)))
        self.floor = max(self.floor, bound)
        return len(doomed)


def _nth_largest(values: list[int], n: int) -> int:
    """``heapq.nlargest(n, values)[-1]``, by a histogram: counts take few distinct values."""
    histogram = Counter(values)
    seen = 0
    for value in sorted(histogram, reverse=True):
        seen += histogram[value]
        if seen >= n:
            return value
    return min(values)


def _exhaust(iterator: Iterator[object]) -> None:
    """Run ``iterator`` for its effects, in C."""
    deque(iterator, maxlen=0)


class TemplateCounter:
    """Counts, per site, the documents that contain each normalised line, in bounded memory.

    >>> counter = TemplateCounter()
    >>> for i in range(6):
    ...     counter.add("example.com", f"Story {i} is here.\\nDOWNLOAD THE APP\\n")
    >>> site = counter.profile().site("example.com")
    >>> site.get("download the app")
    TemplateLine(count=6, key='download the app')
    >>> site.get(f"story 1 is here.") is None
    True
    """

    def __init__(self, max_lines_per_site: int = MAX_LINES_PER_SITE, max_entries: int = MAX_ENTRIES) -> None:
        if max_lines_per_site < 1 or max_entries < 1:
            raise ValueError("max_lines_per_site and max_entries must be >= 1")
        self.max_lines_per_site = max_lines_per_site
        self.max_entries = max_entries
        self.sites: dict[str, _SiteCounts] = {}
        self.entries = 0

    @property
    def documents(self) -> int:
        return sum(s.documents for s in self.sites.values())

    def add(self, site: str, text: str) -> None:
        """Count one document of ``site`` (a host or URL, see :func:`site_of`)."""
        self.add_keys(site_of(site), *document_keys(text))

    def add_lines(self, site: str, lines: Mapping[str, str]) -> None:
        """Count one document given as :func:`document_lines`; ``site`` already normalised."""
        self._added(self._site(site).add(lines), site)

    def add_keys(self, site: str, short: set[str], long: Mapping[str, str]) -> None:
        """Count one document given as :func:`document_keys`; ``site`` already normalised."""
        self._added(self._site(site).add_keys(short, long), site)

    def _site(self, site: str) -> _SiteCounts:
        counts = self.sites.get(site)
        if counts is None:
            counts = self.sites[site] = _SiteCounts()
        return counts

    def _added(self, new: int, site: str) -> None:
        self.entries += new
        counts = self.sites[site]
        if len(counts.counts) >= 2 * self.max_lines_per_site:
            self.entries -= counts.prune(self.max_lines_per_site)
        if self.entries > self.max_entries:
            self._shrink()

    def _shrink(self) -> None:
        """Over the global budget: drop the lines seen once, then prune the biggest tables."""
        for counts in self.sites.values():
            self.entries -= counts.drop_singletons()
        keep = self.max_lines_per_site
        while self.entries > self.max_entries // 2 and keep > 1:
            keep //= 2
            for counts in self.sites.values():
                self.entries -= counts.prune(keep)

    def merge(self, other: TemplateCounter) -> None:
        """Add the counts of ``other`` (e.g. another worker's share of the corpus).

        An entry missing from one side may have been pruned there, so the merged error of a
        line grows by that side's floor; counts stay lower bounds."""
        for name, theirs in other.sites.items():
            mine = self.sites.get(name)
            if mine is None:
                self.sites[name] = theirs
                self.entries += len(theirs.counts)
                continue
            mine.documents += theirs.documents
            for h in mine.counts.keys() - theirs.counts.keys():
                if theirs.floor:
                    mine.errors[h] = mine.errors.get(h, 0) + theirs.floor
            for h, c in theirs.counts.items():
                if h in mine.counts:
                    mine.counts[h] += c
                    err = mine.errors.get(h, 0) + theirs.errors.get(h, 0)
                else:
                    mine.counts[h] = c
                    self.entries += 1
                    err = theirs.errors.get(h, 0) + mine.floor
                if err:
                    mine.errors[h] = err
                if h not in mine.keys and h in theirs.keys:
                    mine.keys[h] = theirs.keys[h]
            mine.floor += theirs.floor
            if len(mine.counts) >= 2 * self.max_lines_per_site:
                self.entries -= mine.prune(self.max_lines_per_site)

    def profile(self, min_documents: int = MIN_DOCUMENTS, min_share: float = MIN_SHARE) -> TemplateProfile:
        """The sites with at least ``min_documents`` documents, each with its lines on at least
        ``min_share`` of them (and on 2 documents at least)."""
        if min_documents < 2 or not 0 < min_share <= 1:
            raise ValueError("min_documents must be >= 2 and min_share in (0, 1]")
        sites = {}
        for name, counts in self.sites.items():
            if counts.documents < min_documents:
                continue
            need = max(2, min_share * counts.documents)
            # A long line has no text here only when the counts were joined from parts that
            # each saw it once (datatrove tasks, Dask partitions): left out, as unverifiable.
            lines = {
                h: TemplateLine(c, h if h[0] != " " else counts.keys[h])
                for h, c in counts.counts.items()
                if c >= need and (h[0] != " " or h in counts.keys)
            }
            if lines:
                sites[name] = SiteTemplate(name, counts.documents, lines, counts.floor)
        params = {
            "min_documents": min_documents,
            "min_share": min_share,
            "max_lines_per_site": self.max_lines_per_site,
            "documents": self.documents,
            "sites_counted": len(self.sites),
        }
        return TemplateProfile(sites, params)

    # Partial counts travel between processes (and to disk, for datatrove's tasks) as plain
    # data: one list per site.
    def state(self) -> dict[str, list[Any]]:
        return {name: [s.documents, s.floor, s.counts, s.errors, s.keys] for name, s in self.sites.items()}

    @classmethod
    def from_state(cls, state: Mapping[str, list[Any]], **kwargs: int) -> TemplateCounter:
        counter = cls(**kwargs)
        for name, (documents, floor, counts, errors, keys) in state.items():
            s = _SiteCounts()
            s.documents, s.floor = int(documents), int(floor)
            s.counts = Counter({str(h): int(c) for h, c in counts.items()})
            s.errors = {str(h): int(e) for h, e in errors.items()}
            s.keys = {str(h): str(k) for h, k in keys.items()}
            counter.sites[name] = s
            counter.entries += len(s.counts)
        return counter


# --- one pass over a corpus, on several processes -------------------------------------------

#: Documents are sent to the counting processes in batches of about this many characters.
BATCH_CHARS = 1 << 20


def _route(site: str, workers: int) -> int:
    """The counting process that owns ``site``: each site is counted whole by one process, so
    its counts are exact and its line texts known, and the processes' profiles just join."""
    return zlib.crc32(site.encode("utf-8")) % workers


def _put(queue: Any, item: Any, procs: list[Any]) -> None:
    """``queue.put`` that gives up when a counting process has died (it would block forever)."""
    while True:
        try:
            queue.put(item, timeout=1)
            return
        except Full:
            _check_alive(procs)


def _get(queue: Any, procs: list[Any]) -> Any:
    while True:
        try:
            return queue.get(timeout=1)
        except Empty:
            _check_alive(procs)


def _check_alive(procs: list[Any]) -> None:
    dead = [p for p in procs if p.exitcode not in (None, 0)]
    if dead:
        raise RuntimeError(f"a profile counting process stopped (exit code {dead[0].exitcode})")


def _count_worker(inbox: Any, outbox: Any, limits: tuple[int, int], thresholds: tuple[int, float]) -> None:
    counter = TemplateCounter(*limits)
    while True:
        batch = inbox.get()
        if batch is None:
            break
        for site, text in batch:
            counter.add_keys(site, *document_keys(text))
    outbox.put((counter.documents, len(counter.sites), counter.profile(*thresholds).sites))


def build_profile(
    documents: Iterable[tuple[str, str]],
    *,
    workers: int = 1,
    min_documents: int = MIN_DOCUMENTS,
    min_share: float = MIN_SHARE,
    max_lines_per_site: int = MAX_LINES_PER_SITE,
    max_entries: int = MAX_ENTRIES,
) -> TemplateProfile:
    """The template profile of ``(site, text)`` pairs (a site is a host or URL), in one pass.

    With ``workers > 1`` the sites are shared out among that many processes (each site to one
    process); the result is the same as with one.
    """
    if min_documents < 2 or not 0 < min_share <= 1:
        raise ValueError("min_documents must be >= 2 and min_share in (0, 1]")
    if workers <= 1:
        counter = TemplateCounter(max_lines_per_site, max_entries)
        for site, text in documents:
            counter.add_keys(site_of(site), *document_keys(text))
        return counter.profile(min_documents, min_share)
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    inboxes = [ctx.Queue(maxsize=4) for _ in range(workers)]
    outbox = ctx.Queue()
    limits = (max_lines_per_site, max(1, max_entries // workers))
    procs = [
        ctx.Process(target=_count_worker, args=(inbox, outbox, limits, (min_documents, min_share)), daemon=True)
        for inbox in inboxes
    ]
    for proc in procs:
        proc.start()
    try:
        batches: list[list[tuple[str, str]]] = [[] for _ in range(workers)]
        sizes = [0] * workers
        for site, text in documents:
            normal = site_of(site)
            w = _route(normal, workers)
            batches[w].append((normal, text))
            sizes[w] += len(text)
            if sizes[w] >= BATCH_CHARS:
                _put(inboxes[w], batches[w], procs)
                batches[w], sizes[w] = [], 0
        for w in range(workers):
            if batches[w]:
                _put(inboxes[w], batches[w], procs)
            _put(inboxes[w], None, procs)
        sites: dict[str, SiteTemplate] = {}
        total = counted = 0
        for _ in procs:
            docs, n_sites, part = _get(outbox, procs)
            total += docs
            counted += n_sites
            sites.update(part)
        for proc in procs:
            proc.join()
    finally:
        for proc in procs:
            if proc.is_alive():
                proc.terminate()
    params = {
        "min_documents": min_documents,
        "min_share": min_share,
        "max_lines_per_site": max_lines_per_site,
        "documents": total,
        "sites_counted": counted,
    }
    return TemplateProfile(sites, params)

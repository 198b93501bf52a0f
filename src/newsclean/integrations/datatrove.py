"""newsclean as a datatrove pipeline step.

    pipeline = [JsonlReader("data/in"), NewsCleaner(min_length=200), JsonlWriter("data/out")]
    LocalPipelineExecutor(pipeline, tasks=8, workers=2).run()

Corpus mode (``docs/corpus.md``) is two runs: count each site's lines, then clean with the
profile that the counts give::

    LocalPipelineExecutor([JsonlReader("data/in"), SiteTemplateCounter("data/counts")], tasks=8).run()
    profile = profile_from_counts("data/counts")
    cleaner = NewsCleaner(Config(profile=profile), site_key="url")

The step is a plain picklable object (a :class:`~newsclean.Config` and a few numbers), so the
same pipeline runs unchanged under ``LocalPipelineExecutor`` and ``SlurmPipelineExecutor``.
Parallelism comes from datatrove's tasks: each task cleans its documents in one process.
See ``docs/scale.md``.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

import orjson

from . import FINDINGS_KEY, findings_as_records, missing_extra

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.batching import batched
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:
    raise missing_extra("datatrove", exc) from exc

from ..bulk import clean_many
from ..corpus import MAX_ENTRIES, MAX_LINES_PER_SITE, MIN_DOCUMENTS, MIN_SHARE, TemplateCounter, TemplateProfile
from ..pipeline import CleanResult

if TYPE_CHECKING:
    from datatrove.io import DataFolderLike
    from datatrove.pipeline.writers.disk_base import DiskWriter

    from ..config import Config

__all__ = ["NewsCleaner", "SiteTemplateCounter", "profile_from_counts", "DROP_REASON", "COUNTS_SUFFIX"]

#: The file name ending of a task's counts (``00003.newsclean-counts.json``).
COUNTS_SUFFIX = ".newsclean-counts.json"

#: ``filter_reason`` of a document dropped for being shorter than ``min_length`` once clean.
DROP_REASON = "too_short"


class NewsCleaner(PipelineStep):  # type: ignore[misc]  # datatrove ships no type information
    """Clean each document's text with newsclean; optionally drop what is too short afterwards.

    Args:
        config: the rules to run (``None``: the default :class:`~newsclean.Config`).
        findings_key: metadata key that receives the findings as JSON-ready records
            (see :func:`newsclean.integrations.findings_as_records`; spans are offsets into
            the text *before* cleaning); ``None`` records nothing.
        min_length: drop a document whose clean text has fewer characters than this; ``0``
            (the default) keeps every document, even one cleaned down to nothing (which
            datatrove's readers then skip), ``1`` drops those.
        exclusion_writer: a datatrove writer that receives dropped documents for audit, with
            their *original* text (so the recorded spans apply to it) and
            ``metadata["filter_reason"] = "too_short"``.
        batch_size: documents cleaned per call to :func:`newsclean.clean_many`.
        site_key: corpus mode: the metadata key with each document's site (a URL or host;
            JSONL readers put a record's ``url`` there), for the profile in ``config``.

    Stats, per task and merged in ``stats.json``: ``total``, ``forwarded``, ``dropped``,
    ``dropped_too_short``, ``changed`` (documents with at least one finding), one counter per
    rule (``NC401_related-article-trail``: how many spans that rule removed) and
    ``chars_removed`` (per document).
    """

    name = "📰 newsclean"
    type = "✂️ - FORMAT"

    def __init__(
        self,
        config: Config | None = None,
        *,
        findings_key: str | None = FINDINGS_KEY,
        min_length: int = 0,
        exclusion_writer: DiskWriter | None = None,
        batch_size: int = 32,
        site_key: str | None = None,
    ) -> None:
        super().__init__()
        if min_length < 0:
            raise ValueError(f"min_length must be >= 0 (0 keeps every document), not {min_length}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be >= 1, not {batch_size}")
        if findings_key == "":
            raise ValueError("findings_key must be a metadata key, or None to record no findings")
        self.config = config
        self.findings_key = findings_key
        self.min_length = min_length
        self.exclusion_writer = exclusion_writer
        self.batch_size = batch_size
        self.site_key = site_key

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        writer_cm = self.exclusion_writer if self.exclusion_writer is not None else contextlib.nullcontext()
        with writer_cm as writer:
            for batch in batched(data or (), self.batch_size):
                self.stat_update("batches")
                with self.track_time("batch"):
                    results = self._clean(batch)
                for doc, result in zip(batch, results):
                    if self._keep(doc, result):
                        doc.text = result.text
                        self.stat_update(StatHints.forwarded)
                        self.update_doc_stats(doc)
                        yield doc
                    elif writer is not None:
                        doc.metadata["filter_reason"] = DROP_REASON
                        writer.write(doc, rank)

    def _clean(self, batch: list[Document]) -> list[CleanResult]:
        if self.site_key is None:
            texts = [doc.text for doc in batch]
            return list(clean_many(texts, self.config, with_findings=True, batch_size=self.batch_size))
        items = [(_site(doc, self.site_key), doc.text) for doc in batch]
        results = clean_many(
            items, self.config, with_findings=True, batch_size=self.batch_size, site_of=lambda item: item[0]
        )
        return [result for _, result in results]

    def _keep(self, doc: Document, result: CleanResult) -> bool:
        """Record ``result`` in the stats and ``doc.metadata``; whether ``doc`` goes on."""
        self.stat_update(StatHints.total)
        if result.findings:
            self.stat_update("changed")
        for finding in result.findings:
            self.stat_update(f"{finding.code}_{finding.name}")
        self.stat_update("chars_removed", value=len(doc.text) - len(result.text), unit="doc")
        if self.findings_key is not None:
            doc.metadata[self.findings_key] = findings_as_records(result.findings)
        if len(result.text) >= self.min_length:
            return True
        self.stat_update(StatHints.dropped, f"dropped_{DROP_REASON}")
        return False


def _site(doc: Document, key: str) -> str | None:
    value = doc.metadata.get(key)
    return value if isinstance(value, str) and value.strip() else None


class SiteTemplateCounter(PipelineStep):  # type: ignore[misc]
    """Corpus mode, first run: count each site's lines (see :mod:`newsclean.corpus`).

    Each task counts its documents and, at the end, writes its counts to
    ``output_folder/<rank>.newsclean-counts.json``; :func:`profile_from_counts` joins them
    into the profile that :class:`NewsCleaner` uses in the second run. Documents pass
    through unchanged, so the step can sit in a pipeline that does other work.

    Args:
        output_folder: where the tasks write their counts (a path or a datatrove DataFolder).
        site_key: the metadata key with each document's site (a URL or host); documents
            without one are not counted (stat ``no_site``).

    Stats: ``counted``, ``no_site``, ``sites``.
    """

    name = "📰 newsclean template counter"
    type = "📊 - STATS"

    def __init__(
        self,
        output_folder: DataFolderLike,
        *,
        site_key: str = "url",
        max_lines_per_site: int = MAX_LINES_PER_SITE,
        max_entries: int = MAX_ENTRIES,
    ) -> None:
        super().__init__()
        from datatrove.io import get_datafolder

        self.output_folder = get_datafolder(output_folder)
        self.site_key = site_key
        self.max_lines_per_site = max_lines_per_site
        self.max_entries = max_entries

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        counter = TemplateCounter(self.max_lines_per_site, self.max_entries)
        for doc in data or ():
            site = _site(doc, self.site_key)
            if site is None:
                self.stat_update("no_site")
            else:
                with self.track_time():
                    counter.add(site, doc.text)
                self.stat_update("counted")
            yield doc
        self.stat_update("sites", value=len(counter.sites))
        with self.output_folder.open(f"{rank:05d}{COUNTS_SUFFIX}", "wb") as fh:
            fh.write(orjson.dumps(counter.state()))


def profile_from_counts(
    folder: DataFolderLike, *, min_documents: int = MIN_DOCUMENTS, min_share: float = MIN_SHARE
) -> TemplateProfile:
    """The profile of the counts that :class:`SiteTemplateCounter`'s tasks wrote to ``folder``."""
    from datatrove.io import get_datafolder

    data_folder = get_datafolder(folder)
    names = sorted(n for n in data_folder.list_files() if n.endswith(COUNTS_SUFFIX))
    if not names:
        raise FileNotFoundError(f"no {COUNTS_SUFFIX} files in {data_folder.path}; run SiteTemplateCounter first")
    total = TemplateCounter()
    for name in names:
        with data_folder.open(name, "rb") as fh:
            total.merge(TemplateCounter.from_state(orjson.loads(fh.read())))
    return total.profile(min_documents, min_share)

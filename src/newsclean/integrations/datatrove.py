"""newsclean as a datatrove pipeline step.

    pipeline = [JsonlReader("data/in"), NewsCleaner(min_length=200), JsonlWriter("data/out")]
    LocalPipelineExecutor(pipeline, tasks=8, workers=2).run()

The step is a plain picklable object (a :class:`~newsclean.Config` and a few numbers), so the
same pipeline runs unchanged under ``LocalPipelineExecutor`` and ``SlurmPipelineExecutor``.
Parallelism comes from datatrove's tasks: each task cleans its documents in one process.
See ``docs/scale.md``.
"""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from . import FINDINGS_KEY, findings_as_records, missing_extra

try:
    from datatrove.data import Document, DocumentsPipeline
    from datatrove.pipeline.base import PipelineStep
    from datatrove.utils.batching import batched
    from datatrove.utils.typeshelper import StatHints
except ImportError as exc:
    raise missing_extra("datatrove", exc) from exc

from ..bulk import clean_many
from ..pipeline import CleanResult

if TYPE_CHECKING:
    from datatrove.pipeline.writers.disk_base import DiskWriter

    from ..config import Config

__all__ = ["NewsCleaner", "DROP_REASON"]

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

    def run(self, data: DocumentsPipeline, rank: int = 0, world_size: int = 1) -> DocumentsPipeline:
        writer_cm = self.exclusion_writer if self.exclusion_writer is not None else contextlib.nullcontext()
        with writer_cm as writer:
            for batch in batched(data or (), self.batch_size):
                self.stat_update("batches")
                texts = [doc.text for doc in batch]
                with self.track_time("batch"):
                    results = list(clean_many(texts, self.config, with_findings=True, batch_size=self.batch_size))
                for doc, result in zip(batch, results):
                    if self._keep(doc, result):
                        doc.text = result.text
                        self.stat_update(StatHints.forwarded)
                        self.update_doc_stats(doc)
                        yield doc
                    elif writer is not None:
                        doc.metadata["filter_reason"] = DROP_REASON
                        writer.write(doc, rank)

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

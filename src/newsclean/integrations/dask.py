"""newsclean over Dask collections, one partition at a time through :func:`newsclean.clean_many`.

    bag = clean_bag(db.read_text("data/*.jsonl").map(json.loads), field="text")
    ddf = clean_dataframe_column(dd.read_parquet("data/"), "text", findings_column="findings")

Corpus mode (``docs/corpus.md``) is two passes: count, then clean with the profile::

    profile = count_templates(bag, field="text", site_field="url")        # computes
    bag = clean_bag(bag, field="text", config=Config(profile=profile), site_field="url")

Both are lazy, like any Dask operation, and give exactly what :func:`newsclean.clean_many`
gives on the same texts. Partitions are cleaned in the worker that holds them. newsclean is
pure Python, so run one single-threaded worker process per core
(``LocalCluster(threads_per_worker=1)``): threads of one process would share a core. See
``docs/scale.md``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

import orjson

from . import FINDINGS_KEY, findings_as_records, missing_extra

try:
    import dask.bag as db
    import dask.dataframe as dd
    import pandas as pd
    import pyarrow  # noqa: F401  (the findings column is a pyarrow-backed string column)
except ImportError as exc:
    raise missing_extra("dask", exc) from exc

from ..bulk import clean_many
from ..config import Config
from ..corpus import MIN_DOCUMENTS, MIN_SHARE, TemplateCounter, TemplateProfile

__all__ = ["clean_bag", "clean_dataframe_column", "count_templates", "count_dataframe_templates", "FINDINGS_DTYPE"]

#: The dtype of a findings column: Dask's own string dtype (``dataframe.convert-string``).
FINDINGS_DTYPE = pd.StringDtype("pyarrow")


def clean_bag(
    bag: db.Bag,
    field: str | None = None,
    config: Config | None = None,
    with_findings: bool = False,
    site_field: str | None = None,
) -> db.Bag:
    """Clean every element of ``bag``.

    Without ``field``, elements are what :func:`newsclean.clean_many` takes (texts or
    ``(id, text)`` pairs) and become what it yields: the clean text, or with
    ``with_findings=True`` a :class:`~newsclean.CleanResult` in its place.

    With ``field``, elements are records (dicts, e.g. parsed JSON lines) whose ``field``
    holds the text; each becomes a copy whose ``field`` holds the clean text, plus, with
    ``with_findings=True``, the findings under ``"newsclean_findings"`` as JSON-ready records
    (:func:`newsclean.integrations.findings_as_records`). Input records are not modified.

    Corpus mode: with records, ``site_field`` names the key holding each record's site (a
    URL or host) for the profile in ``config`` (see :func:`count_templates`).
    """
    if site_field is not None and field is None:
        raise ValueError("site_field needs field: the elements must be records")
    return bag.map_partitions(  # type: ignore[no-any-return, no-untyped-call]
        partial(_clean_partition, field=field, config=config, with_findings=with_findings, site_field=site_field)
    )


def count_templates(
    bag: db.Bag, field: str, site_field: str, *, min_documents: int = MIN_DOCUMENTS, min_share: float = MIN_SHARE
) -> TemplateProfile:
    """Corpus mode, first pass: the template profile of a bag of records (computes the bag).

    Each partition is counted where it lives; the partitions' counts are joined here."""
    states = bag.map_partitions(  # type: ignore[no-untyped-call]
        partial(_count_partition, field=field, site_field=site_field)
    ).compute()
    return _join(states, min_documents, min_share)


def count_dataframe_templates(
    ddf: dd.DataFrame,
    column: str,
    site_column: str,
    *,
    min_documents: int = MIN_DOCUMENTS,
    min_share: float = MIN_SHARE,
) -> TemplateProfile:
    """Corpus mode, first pass over a dataframe: the profile of ``column`` per ``site_column``."""
    for name in (column, site_column):
        if name not in ddf.columns:
            raise KeyError(f"no column {name!r}; the columns are {list(ddf.columns)}")
    counts = ddf[[site_column, column]].to_bag()
    states = counts.map_partitions(_count_pairs).compute()
    return _join(states, min_documents, min_share)


def clean_dataframe_column(
    ddf: dd.DataFrame,
    column: str,
    config: Config | None = None,
    findings_column: str | None = None,
    site_column: str | None = None,
) -> dd.DataFrame:
    """``ddf`` with the texts of ``column`` cleaned, and their findings in ``findings_column`` if given.

    The column keeps its dtype; missing values (``None``/``NaN``/``NA``) stay missing.
    ``findings_column`` is a new string column: per row, the findings as a JSON array
    (``json.loads`` gives :func:`newsclean.integrations.findings_as_records`), missing where
    the text is. A string, not a list of dicts, so that the frame writes to Parquet or CSV as
    it is: Dask cannot infer a Parquet type for a column of Python objects.

    Corpus mode: ``site_column`` holds each row's site, for the profile in ``config``.
    """
    for name in (column, site_column):
        if name is not None and name not in ddf.columns:
            raise KeyError(f"no column {name!r}; the columns are {list(ddf.columns)}")
    meta = ddf._meta
    if findings_column is not None:
        if findings_column in ddf.columns:
            raise ValueError(f"findings_column {findings_column!r} is already a column; pick a new name")
        meta = meta.assign(**{findings_column: pd.Series([], index=meta.index, dtype=FINDINGS_DTYPE)})
    func = partial(_clean_frame, column=column, config=config, findings_column=findings_column, site_column=site_column)
    return ddf.map_partitions(func, meta=meta)  # type: ignore[no-any-return, no-untyped-call]


def _site(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _count_partition(records: Iterable[Any], field: str, site_field: str) -> list[dict[str, list[Any]]]:
    return _count_pairs((r.get(site_field), r[field]) for r in records)


def _count_pairs(pairs: Iterable[tuple[Any, Any]]) -> list[dict[str, list[Any]]]:
    counter = TemplateCounter()
    for site, text in pairs:
        if _site(site) is not None and isinstance(text, str):
            counter.add(site, text)
    return [counter.state()]


def _join(states: Iterable[dict[str, list[Any]]], min_documents: int, min_share: float) -> TemplateProfile:
    total = TemplateCounter()
    for state in states:
        total.merge(TemplateCounter.from_state(state))
    return total.profile(min_documents, min_share)


def _clean_partition(
    items: Iterable[Any], field: str | None, config: Config | None, with_findings: bool, site_field: str | None
) -> list[Any]:
    if field is None:
        return list(clean_many(items, config, with_findings=with_findings))
    records = list(items)
    if site_field is None:
        results = clean_many((r[field] for r in records), config, with_findings=True)
    else:
        pairs = ((_site(r.get(site_field)), r[field]) for r in records)
        results = (res for _, res in clean_many(pairs, config, with_findings=True, site_of=lambda item: item[0]))
    out = []
    for record, result in zip(records, results):
        new = {**record, field: result.text}
        if with_findings:
            new[FINDINGS_KEY] = findings_as_records(result.findings)
        out.append(new)
    return out


def _clean_frame(
    pdf: pd.DataFrame, column: str, config: Config | None, findings_column: str | None, site_column: str | None
) -> pd.DataFrame:
    texts = pdf[column]
    values = texts.tolist()
    present = [i for i, v in enumerate(values) if not pd.isna(v)]
    findings: list[Any] = [None] * len(values)
    if site_column is None:
        results = clean_many([values[i] for i in present], config, with_findings=True)
    else:
        sites = pdf[site_column].tolist()
        pairs = [(_site(sites[i]), values[i]) for i in present]
        results = (res for _, res in clean_many(pairs, config, with_findings=True, site_of=lambda item: item[0]))
    for i, result in zip(present, results):
        values[i] = result.text
        findings[i] = orjson.dumps(findings_as_records(result.findings)).decode()
    columns = {column: pd.Series(values, index=pdf.index, dtype=texts.dtype, name=column)}
    if findings_column is not None:
        columns[findings_column] = pd.Series(findings, index=pdf.index, dtype=FINDINGS_DTYPE)
    return pdf.assign(**columns)

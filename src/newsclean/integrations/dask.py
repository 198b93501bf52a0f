"""newsclean over Dask collections, one partition at a time through :func:`newsclean.clean_many`.

    bag = clean_bag(db.read_text("data/*.jsonl").map(json.loads), field="text")
    ddf = clean_dataframe_column(dd.read_parquet("data/"), "text", findings_column="findings")

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

__all__ = ["clean_bag", "clean_dataframe_column", "FINDINGS_DTYPE"]

#: The dtype of a findings column: Dask's own string dtype (``dataframe.convert-string``).
FINDINGS_DTYPE = pd.StringDtype("pyarrow")


def clean_bag(
    bag: db.Bag, field: str | None = None, config: Config | None = None, with_findings: bool = False
) -> db.Bag:
    """Clean every element of ``bag``.

    Without ``field``, elements are what :func:`newsclean.clean_many` takes (texts or
    ``(id, text)`` pairs) and become what it yields: the clean text, or with
    ``with_findings=True`` a :class:`~newsclean.CleanResult` in its place.

    With ``field``, elements are records (dicts, e.g. parsed JSON lines) whose ``field``
    holds the text; each becomes a copy whose ``field`` holds the clean text, plus, with
    ``with_findings=True``, the findings under ``"newsclean_findings"`` as JSON-ready records
    (:func:`newsclean.integrations.findings_as_records`). Input records are not modified.
    """
    return bag.map_partitions(  # type: ignore[no-any-return, no-untyped-call]
        partial(_clean_partition, field=field, config=config, with_findings=with_findings)
    )


def clean_dataframe_column(
    ddf: dd.DataFrame, column: str, config: Config | None = None, findings_column: str | None = None
) -> dd.DataFrame:
    """``ddf`` with the texts of ``column`` cleaned, and their findings in ``findings_column`` if given.

    The column keeps its dtype; missing values (``None``/``NaN``/``NA``) stay missing.
    ``findings_column`` is a new string column: per row, the findings as a JSON array
    (``json.loads`` gives :func:`newsclean.integrations.findings_as_records`), missing where
    the text is. A string, not a list of dicts, so that the frame writes to Parquet or CSV as
    it is: Dask cannot infer a Parquet type for a column of Python objects.
    """
    if column not in ddf.columns:
        raise KeyError(f"no column {column!r}; the columns are {list(ddf.columns)}")
    meta = ddf._meta
    if findings_column is not None:
        if findings_column in ddf.columns:
            raise ValueError(f"findings_column {findings_column!r} is already a column; pick a new name")
        meta = meta.assign(**{findings_column: pd.Series([], index=meta.index, dtype=FINDINGS_DTYPE)})
    func = partial(_clean_frame, column=column, config=config, findings_column=findings_column)
    return ddf.map_partitions(func, meta=meta)  # type: ignore[no-any-return, no-untyped-call]


def _clean_partition(items: Iterable[Any], field: str | None, config: Config | None, with_findings: bool) -> list[Any]:
    if field is None:
        return list(clean_many(items, config, with_findings=with_findings))
    records = list(items)
    results = clean_many((r[field] for r in records), config, with_findings=True)
    out = []
    for record, result in zip(records, results):
        new = {**record, field: result.text}
        if with_findings:
            new[FINDINGS_KEY] = findings_as_records(result.findings)
        out.append(new)
    return out


def _clean_frame(pdf: pd.DataFrame, column: str, config: Config | None, findings_column: str | None) -> pd.DataFrame:
    texts = pdf[column]
    values = texts.tolist()
    present = [i for i, v in enumerate(values) if not pd.isna(v)]
    findings: list[Any] = [None] * len(values)
    for i, result in zip(present, clean_many([values[i] for i in present], config, with_findings=True)):
        values[i] = result.text
        findings[i] = orjson.dumps(findings_as_records(result.findings)).decode()
    columns = {column: pd.Series(values, index=pdf.index, dtype=texts.dtype, name=column)}
    if findings_column is not None:
        columns[findings_column] = pd.Series(findings, index=pdf.index, dtype=FINDINGS_DTYPE)
    return pdf.assign(**columns)

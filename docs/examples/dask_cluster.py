"""Clean JSONL files with a Dask bag, or a Parquet text column with a Dask dataframe.

    python docs/examples/dask_cluster.py jsonl 'data/raw/*.jsonl' data/clean
    python docs/examples/dask_cluster.py parquet data/raw.parquet data/clean.parquet
"""

import json
import sys

import dask.bag as db
import dask.dataframe as dd
from distributed import Client, LocalCluster

from newsclean.integrations.dask import clean_bag, clean_dataframe_column


def clean_jsonl(src: str, dst: str) -> None:
    """{"id", "text", ...} lines in, the same records with clean text and their findings out."""
    records = db.read_text(src, blocksize="16MiB").map(json.loads)
    cleaned = clean_bag(records, field="text", with_findings=True)
    cleaned.map(json.dumps).to_textfiles(f"{dst}/*.jsonl")


def clean_parquet(src: str, dst: str) -> None:
    """The "text" column cleaned, its findings (a JSON array per row) in a new column."""
    ddf = dd.read_parquet(src)
    clean_dataframe_column(ddf, "text", findings_column="newsclean_findings").to_parquet(dst)


if __name__ == "__main__":
    kind, src, dst = sys.argv[1:4]
    # One single-threaded process per core: newsclean is pure Python, threads would share one core.
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True) as cluster, Client(cluster):
        (clean_jsonl if kind == "jsonl" else clean_parquet)(src, dst)

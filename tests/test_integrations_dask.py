"""newsclean over Dask: bags and dataframe columns on a real 2-process LocalCluster."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dask.bag as db
import dask.dataframe as dd
import pandas as pd
import pytest
from distributed import Client, LocalCluster

import newsclean
from newsclean.integrations import findings_as_records
from newsclean.integrations.dask import FINDINGS_DTYPE, clean_bag, clean_dataframe_column
from test_integrations_datatrove import load_example, seed_records, write_jsonl_shards


@pytest.fixture(scope="module")
def client() -> Iterator[Client]:
    """Two single-threaded worker processes, as the docs recommend; closed after the module."""
    with (
        LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster,
        Client(cluster) as c,
    ):
        yield c


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return seed_records(50)


def test_bag_of_texts(client: Client, records: list[dict[str, Any]]) -> None:
    texts = [r["text"] for r in records]
    bag = db.from_sequence(texts, npartitions=6)
    assert clean_bag(bag).compute() == list(newsclean.clean_many(texts))
    assert clean_bag(bag, with_findings=True).compute() == list(newsclean.clean_many(texts, with_findings=True))


def test_bag_of_pairs_with_config(client: Client, records: list[dict[str, Any]]) -> None:
    pairs = [(r["id"], r["text"]) for r in records]
    config = newsclean.Config(ignore=("NC4", "NC6"))
    got = clean_bag(db.from_sequence(pairs, npartitions=5), config=config).compute()
    assert got == list(newsclean.clean_many(pairs, config))
    assert got != list(newsclean.clean_many(pairs)), "the config must make a difference on this corpus"


def test_bag_of_records(client: Client, records: list[dict[str, Any]]) -> None:
    bag = db.from_sequence(records, npartitions=7)
    expected = list(newsclean.clean_many([r["text"] for r in records], with_findings=True))
    got = clean_bag(bag, field="text", with_findings=True).compute()
    assert got == [
        {**r, "text": res.text, "newsclean_findings": findings_as_records(res.findings)}
        for r, res in zip(records, expected)
    ]
    assert clean_bag(bag, field="text").compute() == [{**r, "text": res.text} for r, res in zip(records, expected)]


def frame(records: list[dict[str, Any]]) -> pd.DataFrame:
    pdf = pd.DataFrame({"id": [r["id"] for r in records], "text": [r["text"] for r in records]})
    pdf["n"] = range(len(pdf))
    return pdf


def test_dataframe_column(client: Client, records: list[dict[str, Any]]) -> None:
    pdf = frame(records)
    ddf = dd.from_pandas(pdf, npartitions=6)
    expected = list(newsclean.clean_many(pdf["text"].tolist(), with_findings=True))

    out = clean_dataframe_column(ddf, "text")
    assert list(out.columns) == list(ddf.columns)
    got = out.compute()
    assert got["text"].tolist() == [res.text for res in expected]
    assert got.dtypes.equals(ddf.dtypes)
    pd.testing.assert_frame_equal(got.drop(columns="text"), ddf.compute().drop(columns="text"))

    out = clean_dataframe_column(ddf, "text", findings_column="findings")
    assert out.dtypes["findings"] == FINDINGS_DTYPE
    got = out.compute()
    assert got.dtypes.equals(out.dtypes), "meta must describe what the partitions hold"
    assert [json.loads(f) for f in got["findings"]] == [findings_as_records(res.findings) for res in expected]


def test_dataframe_missing_texts_stay_missing(client: Client, records: list[dict[str, Any]]) -> None:
    pdf = frame(records[:12])
    pdf.loc[[0, 5, 11], "text"] = None
    got = clean_dataframe_column(dd.from_pandas(pdf, npartitions=3), "text", findings_column="f").compute()
    missing = got["text"].isna()
    assert missing.tolist() == pdf["text"].isna().tolist()
    assert got.loc[missing, "f"].isna().all()
    assert got.loc[~missing, "text"].tolist() == list(newsclean.clean_many(pdf["text"].dropna().tolist()))


def test_dataframe_rejects_bad_columns() -> None:
    ddf = dd.from_pandas(pd.DataFrame({"text": ["a"], "other": ["b"]}), npartitions=1)
    with pytest.raises(KeyError, match="the columns are"):
        clean_dataframe_column(ddf, "body")
    with pytest.raises(ValueError, match="already a column"):
        clean_dataframe_column(ddf, "text", findings_column="other")


def test_docs_example_jsonl(client: Client, records: list[dict[str, Any]], tmp_path: Path) -> None:
    write_jsonl_shards(records, tmp_path / "in", shards=3)
    load_example("dask_cluster").clean_jsonl(str(tmp_path / "in" / "*.jsonl"), str(tmp_path / "out"))
    got = {}
    for path in sorted((tmp_path / "out").glob("*.jsonl")):
        got.update((row["id"], row) for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()))
    expected = dict(newsclean.clean_many(((r["id"], r["text"]) for r in records), with_findings=True))
    assert {i: row["text"] for i, row in got.items()} == {i: res.text for i, res in expected.items()}
    assert {i: row["newsclean_findings"] for i, row in got.items()} == {
        i: findings_as_records(res.findings) for i, res in expected.items()
    }
    assert all(row["metadata"] == r["metadata"] for r in records for row in [got[r["id"]]])


def test_docs_example_parquet(client: Client, records: list[dict[str, Any]], tmp_path: Path) -> None:
    pdf = frame(records)
    dd.from_pandas(pdf, npartitions=4).to_parquet(str(tmp_path / "in.parquet"))
    load_example("dask_cluster").clean_parquet(str(tmp_path / "in.parquet"), str(tmp_path / "out.parquet"))
    got = pd.read_parquet(tmp_path / "out.parquet").sort_values("n")
    expected = list(newsclean.clean_many(pdf["text"].tolist(), with_findings=True))
    assert got["text"].tolist() == [res.text for res in expected]
    findings = [json.loads(f) for f in got["newsclean_findings"]]
    assert findings == [findings_as_records(res.findings) for res in expected]


@pytest.mark.parametrize("absent", ["dask", "dask.dataframe", "pandas", "pyarrow"])
def test_missing_dask_names_the_install_line(absent: str) -> None:
    code = (
        f"import sys; sys.modules[{absent!r}] = None\n"
        "try:\n    import newsclean.integrations.dask\n"
        "except ImportError as exc:\n    print(exc)\n"
        "else:\n    raise SystemExit('imported without dask')\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)
    assert proc.returncode == 0, proc.stderr
    assert "pip install 'newsclean[dask]'" in proc.stdout


def test_corpus_mode_bag_two_passes_give_the_cli_result(client: Client, tmp_path: Path, capsys) -> None:
    from newsclean.cli import main
    from newsclean.corpus import TemplateProfile
    from test_corpus import corpus

    records = corpus(pages_per_site=10)
    src = tmp_path / "in"
    write_jsonl_shards(records, src, shards=3)
    profile = load_example("corpus_mode").dask_two_pass(str(src / "*.jsonl"), str(tmp_path / "out"))

    whole = tmp_path / "all.jsonl"
    whole.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert main(["profile", str(whole), "-o", str(tmp_path / "p.jsonl")]) == 0
    assert TemplateProfile.load(tmp_path / "p.jsonl") == profile
    capsys.readouterr()
    assert main(["clean", "--isolated", "--profile", str(tmp_path / "p.jsonl"), str(whole)]) == 0
    expected = {row["id"]: row["text"] for row in map(json.loads, capsys.readouterr().out.splitlines())}
    got = {}
    for path in sorted((tmp_path / "out").glob("clean-*.jsonl")):
        got.update({row["id"]: row["text"] for row in map(json.loads, path.read_text(encoding="utf-8").splitlines())})
    assert got == expected
    assert all(got[r["id"]] != newsclean.clean(r["text"]) for r in records), "the profile acts"


def test_corpus_mode_dataframe(client: Client) -> None:
    from newsclean.corpus import build_profile
    from newsclean.integrations.dask import count_dataframe_templates
    from test_corpus import corpus

    records = corpus(pages_per_site=8)
    pdf = pd.DataFrame({"url": [r["url"] for r in records], "text": [r["text"] for r in records]})
    pdf.loc[3, "text"] = None
    ddf = dd.from_pandas(pdf, npartitions=4)
    profile = count_dataframe_templates(ddf, "text", "url")
    assert profile == build_profile((r["url"], r["text"]) for i, r in enumerate(records) if i != 3)
    config = newsclean.Config(profile=profile)
    got = clean_dataframe_column(ddf, "text", config=config, site_column="url").compute()
    for i, r in enumerate(records):
        if i == 3:
            assert pd.isna(got.loc[3, "text"])
        else:
            assert got.loc[i, "text"] == newsclean.clean(r["text"], config.for_site(r["url"]))
    with pytest.raises(KeyError, match="no column 'site'"):
        clean_dataframe_column(ddf, "text", config=config, site_column="site")

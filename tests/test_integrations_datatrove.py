"""newsclean as a datatrove step: a real LocalPipelineExecutor run, the Slurm code path, the step alone."""

from __future__ import annotations

import doctest
import gzip
import importlib.util
import json
import os
import pickle
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import dill
import pytest
from datatrove.data import Document
from datatrove.pipeline.writers import JsonlWriter

import newsclean
import newsclean.integrations
from conftest import FIXTURES, REPO
from newsclean.integrations import findings_as_records
from newsclean.integrations.datatrove import NewsCleaner

SEEDS = sorted(p for p in (FIXTURES / "seeds").glob("*.txt") if not p.name.endswith(".expected.txt"))
EXAMPLES = REPO / "docs" / "examples"
SCALE_DOC = REPO / "docs" / "scale.md"


def seed_records(n: int = 50) -> list[dict[str, Any]]:
    """``n`` records made from the five real scrapes, varied so that the texts differ.

    Variant 2 keeps only the first few lines of a scrape: some of those clean down to fewer
    than 200 characters, which the ``min_length`` tests need.
    """
    seeds = [p.read_text(encoding="utf-8") for p in SEEDS]
    records = []
    for i in range(n):
        k, variant = i % len(seeds), (i // len(seeds)) % 5
        text = seeds[k]
        if variant == 1:
            text = f"Update {i}: {text}"
        elif variant == 2:
            text = "\n".join(text.split("\n")[: 2 + i % 9])
        elif variant == 3:
            text = text.replace("2", "7")
        elif variant == 4:
            text = f"{text}\n{seeds[(k + 1) % len(seeds)]}"
        records.append({"id": f"doc-{i:03d}", "text": text, "metadata": {"seed": SEEDS[k].stem, "variant": variant}})
    return records


def write_jsonl_shards(records: list[dict[str, Any]], folder: Path, shards: int = 2) -> None:
    """``records`` round-robin into ``shards`` JSONL files (datatrove gives each task whole files)."""
    folder.mkdir(parents=True)
    for s in range(shards):
        with open(folder / f"part-{s}.jsonl", "w", encoding="utf-8") as fh:
            for record in records[s::shards]:
                fh.write(json.dumps(record) + "\n")


def read_jsonl_gz(folder: Path) -> list[dict[str, Any]]:
    rows = []
    for path in sorted(folder.glob("*.jsonl.gz")):
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            rows.extend(json.loads(line) for line in fh)
    return rows


def load_example(name: str) -> ModuleType:
    """A ``docs/examples`` file as a module: the tests run the code the docs show."""
    spec = importlib.util.spec_from_file_location(f"newsclean_docs_{name}", EXAMPLES / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def check_outputs(records: list[dict[str, Any]], dst: Path) -> None:
    """The files under ``dst`` are what ``clean_many`` gives, with min_length=200 applied."""
    expected = dict(newsclean.clean_many(((r["id"], r["text"]) for r in records), with_findings=True))
    by_id = {r["id"]: r for r in records}
    kept = {i for i, res in expected.items() if len(res.text) >= 200}
    assert 0 < len(kept) < len(records), "the corpus must exercise both keeping and dropping"

    clean = {row["id"]: row for row in read_jsonl_gz(dst / "clean")}
    assert set(clean) == kept
    assert {i: row["text"] for i, row in clean.items()} == {i: expected[i].text for i in kept}
    for i, row in clean.items():
        assert row["metadata"]["seed"] == by_id[i]["metadata"]["seed"]
        assert row["metadata"]["variant"] == by_id[i]["metadata"]["variant"]
        assert row["metadata"]["newsclean_findings"] == findings_as_records(expected[i].findings)
    assert sum(bool(row["metadata"]["newsclean_findings"]) for row in clean.values()) > len(kept) // 2

    aside = {row["id"]: row for row in read_jsonl_gz(dst / "too_short")}
    assert set(aside) == set(expected) - kept
    for i, row in aside.items():
        assert row["text"] == by_id[i]["text"], "dropped documents are written aside as they came in"
        assert row["metadata"]["filter_reason"] == "too_short"
        assert row["metadata"]["newsclean_findings"] == findings_as_records(expected[i].findings)


def test_local_executor_gives_clean_many_output(tmp_path: Path) -> None:
    records = seed_records(50)
    write_jsonl_shards(records, tmp_path / "in")
    example = load_example("datatrove_pipeline")
    example.local_executor(str(tmp_path / "in"), str(tmp_path / "out"), tasks=2, workers=2).run()
    check_outputs(records, tmp_path / "out")

    expected = [res for _, res in newsclean.clean_many(((r["id"], r["text"]) for r in records), with_findings=True)]
    dropped = sum(len(res.text) < 200 for res in expected)
    all_stats = json.loads((tmp_path / "out" / "logs" / "stats.json").read_text())
    stats = next(s["stats"] for s in all_stats if "newsclean" in s["name"])

    def count(key: str) -> int:
        value = stats.get(key, 0)
        return value["total"] if isinstance(value, dict) else value

    assert count("total") == len(records)
    assert count("dropped") == count("dropped_too_short") == dropped
    assert count("forwarded") == len(records) - dropped
    assert count("changed") == sum(bool(res.findings) for res in expected)
    by_rule = Counter(f"{f.code}_{f.name}" for res in expected for f in res.findings)
    assert by_rule and {key: count(key) for key in by_rule} == dict(by_rule)
    assert count("chars_removed") == sum(len(r["text"]) - len(res.text) for r, res in zip(records, expected))


def test_slurm_job_runs_the_pickled_pipeline(tmp_path: Path) -> None:
    """What a Slurm array job does, without Slurm: load the dill-pickled executor, run one rank."""
    records = seed_records(50)
    write_jsonl_shards(records, tmp_path / "in")
    example = load_example("datatrove_pipeline")
    executor = example.slurm_executor(str(tmp_path / "in"), str(tmp_path / "out"), tasks=2)
    logs = tmp_path / "out" / "logs"
    logs.mkdir(parents=True)
    with open(logs / "executor.pik", "wb") as fh:  # as SlurmPipelineExecutor.launch_job writes it
        dill.dump(executor, fh, fmode=dill.CONTENTS_FMODE)
    (logs / "ranks_to_run.json").write_text(json.dumps([0, 1]))
    # What Slurm provides to a job: its array index, its node list, and `scontrol` to expand that list.
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "scontrol").write_text("#!/bin/sh\necho localhost\n")
    (bin_dir / "scontrol").chmod(0o755)
    slurm_env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "SLURM_NODELIST": "localhost"}
    jobs = [
        subprocess.Popen(
            [sys.executable, "-m", "datatrove.tools.launch_pickled_pipeline", str(logs / "executor.pik")],
            env={**slurm_env, "SLURM_ARRAY_TASK_ID": str(rank)},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for rank in (0, 1)
    ]
    for job in jobs:
        _, err = job.communicate(timeout=50)
        assert job.returncode == 0, err[-2000:]
    check_outputs(records, tmp_path / "out")


def run_step(step: NewsCleaner, records: list[dict[str, Any]]) -> list[Document]:
    docs = (Document(text=r["text"], id=r["id"], metadata=dict(r["metadata"])) for r in records)
    return list(step.run(docs))


def test_step_honours_config_and_findings_key() -> None:
    records = seed_records(10)
    config = newsclean.Config(ignore=("NC4",))
    out = run_step(NewsCleaner(config, findings_key="junk", batch_size=3), records)
    expected = list(newsclean.clean_many([r["text"] for r in records], config, with_findings=True))
    assert [d.id for d in out] == [r["id"] for r in records]
    assert [d.text for d in out] == [res.text for res in expected]
    assert [d.metadata["junk"] for d in out] == [findings_as_records(res.findings) for res in expected]
    assert not any(f["code"].startswith("NC4") for d in out for f in d.metadata["junk"])

    out = run_step(NewsCleaner(findings_key=None), records)
    assert all("newsclean_findings" not in d.metadata for d in out)
    assert [d.metadata for d in out] == [r["metadata"] for r in records]


def test_step_without_exclusion_writer_drops_quietly() -> None:
    records = seed_records(15)
    step = NewsCleaner(min_length=200)
    out = run_step(step, records)
    assert [d.id for d in out] == [r["id"] for r in records if len(newsclean.clean(r["text"])) >= 200]
    assert step.stats["dropped"].total == len(records) - len(out) > 0


@pytest.mark.parametrize("dumps, loads", [(pickle.dumps, pickle.loads), (dill.dumps, dill.loads)])
def test_step_survives_pickling(tmp_path: Path, dumps: Any, loads: Any) -> None:
    step = NewsCleaner(
        newsclean.Config(ignore=("NC6",)), min_length=50, exclusion_writer=JsonlWriter(str(tmp_path / "aside"))
    )
    records = seed_records(10)
    assert [d.text for d in run_step(loads(dumps(step)), records)] == [d.text for d in run_step(step, records)]


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"min_length": -1}, "min_length must be >= 0"),
        ({"batch_size": 0}, "batch_size"),
        ({"findings_key": ""}, "None to record no findings"),
    ],
)
def test_step_rejects_bad_arguments(kwargs: dict[str, Any], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        NewsCleaner(**kwargs)


def _run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False)


def test_import_newsclean_imports_no_framework() -> None:
    code = (
        "import sys, newsclean, newsclean.integrations\n"
        "newsclean.clean('Ministers met.\\nAdvertisement\\n')\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('datatrove', 'dask', 'distributed', 'pandas'))\n"
        "print(heavy)\n"
    )
    proc = _run_python(code)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


@pytest.mark.parametrize("absent", ["datatrove", "datatrove.pipeline.base"])
def test_missing_datatrove_names_the_install_line(absent: str) -> None:
    code = (
        f"import sys; sys.modules[{absent!r}] = None\n"
        "try:\n    import newsclean.integrations.datatrove\n"
        "except ImportError as exc:\n    print(exc)\n"
        "else:\n    raise SystemExit('imported without datatrove')\n"
    )
    proc = _run_python(code)
    assert proc.returncode == 0, proc.stderr
    assert "pip install 'newsclean[datatrove]'" in proc.stdout


def test_integrations_doctests() -> None:
    assert doctest.testmod(newsclean.integrations).failed == 0


def test_docs_example_one_machine(tmp_path: Path) -> None:
    records = seed_records(20)
    write_jsonl_shards(records, tmp_path / "in", shards=1)
    src, dst = tmp_path / "in" / "part-0.jsonl", tmp_path / "out.jsonl"
    load_example("one_machine").clean_jsonl(str(src), str(dst), workers=2)
    got = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    texts = newsclean.clean_many([r["text"] for r in records])
    assert got == [{**r, "text": text} for r, text in zip(records, texts)]


def test_scale_doc_shows_exactly_the_tested_examples() -> None:
    """Every Python block of docs/scale.md is a whole docs/examples file, and every file is shown.

    Each of those files is run by a test here or in test_integrations_dask.py.
    """
    blocks = re.findall(r"```python\n(.*?)```", SCALE_DOC.read_text(encoding="utf-8"), flags=re.S)
    examples = {p.name: p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.glob("*.py"))}
    assert sorted(blocks) == sorted(examples.values()), f"docs/scale.md must show exactly {sorted(examples)}"


def test_corpus_mode_two_runs_give_the_cli_result(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Count on a real LocalPipelineExecutor, join the counts, clean with the profile: the
    profile and the clean texts are what ``newsclean profile`` and ``clean --profile`` give."""
    from newsclean.cli import main
    from newsclean.corpus import TemplateProfile
    from test_corpus import corpus

    records = corpus(pages_per_site=10)
    write_jsonl_shards(records, tmp_path / "in", shards=3)
    profile = load_example("corpus_mode").datatrove_two_pass(str(tmp_path / "in"), str(tmp_path / "out"))

    whole = tmp_path / "all.jsonl"
    whole.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    assert main(["profile", str(whole), "-o", str(tmp_path / "cli-profile.jsonl")]) == 0
    assert TemplateProfile.load(tmp_path / "cli-profile.jsonl") == profile
    assert (tmp_path / "out" / "profile.jsonl").read_bytes() == (tmp_path / "cli-profile.jsonl").read_bytes()

    capsys.readouterr()
    assert main(["clean", "--isolated", "--profile", str(tmp_path / "cli-profile.jsonl"), str(whole)]) == 0
    expected = {row["id"]: row["text"] for row in map(json.loads, capsys.readouterr().out.splitlines())}
    got = {row["id"]: row["text"] for row in read_jsonl_gz(tmp_path / "out" / "clean")}
    assert got == expected
    assert sum(got[r["id"]] != newsclean.clean(r["text"]) for r in records) == len(records), "the profile acts"
    stats = json.loads((tmp_path / "out" / "logs" / "count" / "stats.json").read_text())
    counted = next(s["stats"] for s in stats if "template counter" in s["name"])
    assert counted["counted"] == len(records)

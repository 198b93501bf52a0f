"""The ``newsclean`` command: ``main([...])`` for most cases, the installed script for key paths."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sysconfig
from pathlib import Path

import orjson
import pytest

import newsclean
from conftest import FIXTURES
from newsclean.cli import main

SEEDS = sorted(p for p in (FIXTURES / "seeds").glob("*.txt") if not p.name.endswith(".expected.txt"))
SEED = FIXTURES / "seeds" / "002_ce9d8f7dc52d2698.txt"  # one NC401 finding at 15:1


def _console_script() -> str | None:
    """The ``newsclean`` script installed beside this interpreter (a venv's ``bin`` need not
    be on PATH), else the one PATH finds."""
    beside = Path(sysconfig.get_path("scripts")) / ("newsclean.exe" if os.name == "nt" else "newsclean")
    return str(beside) if beside.is_file() else shutil.which("newsclean")


SCRIPT = _console_script()
needs_script = pytest.mark.skipif(SCRIPT is None, reason="the newsclean console script is not installed")


def _expected(seed: Path) -> Path:
    return seed.with_name(seed.stem + ".expected.txt")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split("\n") if line.strip()]


def run(*args: str, stdin: bytes = b"", cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """The installed console script, as a user runs it."""
    return subprocess.run([SCRIPT or "newsclean", *args], input=stdin, capture_output=True, cwd=cwd, timeout=120)


@pytest.fixture(autouse=True)
def _isolated_cwd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run every test in an empty directory so no pyproject.toml is picked up by accident."""
    monkeypatch.chdir(tmp_path)


def _set_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


# --- acceptance: the seeds -----------------------------------------------------------------


@needs_script
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_script_stdin_prints_expected_lines(seed: Path) -> None:
    done = run(stdin=seed.read_bytes())
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert _lines(done.stdout.decode("utf-8")) == _lines(_expected(seed).read_text(encoding="utf-8"))


@needs_script
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_script_check_seed_exits_1_and_lists_codes(seed: Path) -> None:
    done = run("check", str(seed))
    assert done.returncode == 1
    lines = done.stdout.decode().splitlines()
    findings = newsclean.check(seed.read_text(encoding="utf-8"))
    assert len(lines) == len(findings) > 0
    for line, f in zip(lines, findings):
        assert line == f"{seed}:{f.line}:{f.col}: {f.code} {f.message}"


@needs_script
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_script_check_expected_file_exits_0(seed: Path) -> None:
    done = run("check", str(_expected(seed)))
    assert (done.returncode, done.stdout, done.stderr) == (0, b"", b"")


def test_main_stdin_to_stdout(monkeypatch: pytest.MonkeyPatch, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    _set_stdin(monkeypatch, SEED.read_bytes())
    assert main([]) == 0
    assert capsysbinary.readouterr().out.decode() == newsclean.clean(SEED.read_text(encoding="utf-8"))


def test_main_dash_and_options_without_command(monkeypatch: pytest.MonkeyPatch, capsysbinary) -> None:
    _set_stdin(monkeypatch, SEED.read_bytes())
    assert main(["--ignore", "NC4", "-"]) == 0
    assert capsysbinary.readouterr().out == SEED.read_bytes()  # no findings left: byte for byte


# --- check ------------------------------------------------------------------------------------


def test_check_formats(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEED)]) == 1
    assert capsys.readouterr().out.startswith(f"{SEED}:15:1: NC401 related-article trail")

    assert main(["check", "--format", "json", str(SEED)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data[0]["path"] == str(SEED) and data[0]["code"] == "NC401" and data[0]["line"] == 15

    assert main(["check", "--format", "github", str(SEED)]) == 1
    out = capsys.readouterr().out
    assert out.startswith(f"::warning file={SEED},line=15,col=1::NC401 ")

    assert main(["check", "--format", "json", str(_expected(SEED))]) == 0
    assert json.loads(capsys.readouterr().out) == []


def test_check_exit_zero_and_select_ignore(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--exit-zero", str(SEED)]) == 0
    assert "NC401" in capsys.readouterr().out
    assert main(["check", "--ignore", "NC4", str(SEED)]) == 0
    assert main(["check", "--select", "NC1,NC2", str(SEED)]) == 0
    assert main(["check", "--select", "nc4", str(SEED)]) == 1


def test_unknown_code_prefix_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--select", "NC99", str(SEED)]) == 2
    err = capsys.readouterr().err
    assert "NC99" in err and "NC401" in err and "Traceback" not in err
    assert main(["check", "--select", "4,x-y", str(SEED)]) == 2


def test_pyproject_config_is_found_upwards_and_overridden(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.newsclean]\nignore = ["NC4"]\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    monkeypatch.chdir(sub)
    assert main(["check", str(SEED)]) == 0
    assert main(["check", "--ignore", "", str(SEED)]) == 1  # the flag replaces the file's list
    assert main(["check", "--isolated", str(SEED)]) == 1
    other = tmp_path / "other.toml"
    other.write_text('[tool.newsclean]\nselect = ["NC4"]\n', encoding="utf-8")
    assert main(["check", "--config", str(other), str(SEED)]) == 1
    capsys.readouterr()
    (tmp_path / "pyproject.toml").write_text('[tool.newsclean]\nselct = ["NC4"]\n', encoding="utf-8")
    assert main(["check", str(SEED)]) == 2
    assert "unknown key(s) selct" in capsys.readouterr().err


# --- clean to files -------------------------------------------------------------------------


def test_in_place_fixes_and_reports(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    shutil.copy(SEED, page)
    page.chmod(0o640)
    ok = tmp_path / "ok.txt"
    ok.write_text("Ministers met on Monday.\n\n\n\nThey agreed.   \n", encoding="utf-8")
    before_ok = ok.read_bytes()
    assert main(["clean", "--in-place", str(page), str(ok)]) == 1
    assert capsys.readouterr().out == f"Fixing {page}\n"
    assert _lines(page.read_text(encoding="utf-8")) == _lines(_expected(SEED).read_text(encoding="utf-8"))
    assert ok.read_bytes() == before_ok  # no findings: not even whitespace is touched
    assert page.stat().st_mode & 0o777 == 0o640
    assert main(["clean", "--in-place", str(page)]) == 0
    assert capsys.readouterr().out == ""
    assert [p.name for p in tmp_path.iterdir() if "newsclean-tmp" in p.name] == []


def test_in_place_crash_leaves_the_file_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "page.txt"
    shutil.copy(SEED, page)

    def boom(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", boom)
    assert main(["clean", "--in-place", str(page)]) == 130
    assert page.read_bytes() == SEED.read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["page.txt"]


def test_output_dir(tmp_path: Path, capsys) -> None:
    out = tmp_path / "out" / "deep"
    assert main(["clean", "-o", str(out), str(SEED), str(_expected(SEED))]) == 0
    assert (out / SEED.name).read_text(encoding="utf-8") == newsclean.clean(SEED.read_text(encoding="utf-8"))
    assert (out / _expected(SEED).name).read_bytes() == _expected(SEED).read_bytes()
    assert main(["clean", "-o", str(out), str(SEED), str(SEED)]) == 2
    assert "twice" in capsys.readouterr().err


def test_diff_and_explain_report_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = tmp_path / "page.txt"
    shutil.copy(SEED, page)
    assert main(["clean", "--diff", str(page)]) == 1
    diff = capsys.readouterr().out
    assert diff.startswith(f"--- a/{page}\n+++ b/{page}\n@@ ")
    assert "\n-Most Read News\n" in diff
    assert main(["clean", "--explain", str(page)]) == 1
    explained = capsys.readouterr().out
    assert explained.startswith(f"{page}:15:1: NC401 ") and "[related-article-trail]" in explained
    assert "\n    - Most Read News\n" in explained
    assert page.read_bytes() == SEED.read_bytes()
    assert main(["clean", "--diff", "--explain", str(_expected(SEED))]) == 0
    assert capsys.readouterr().out == ""
    assert main(["clean", "--diff", "--in-place", str(page)]) == 2


# --- JSONL ------------------------------------------------------------------------------------


def _corpus(path: Path) -> list[dict[str, object]]:
    records = [
        {"id": i, "doc": {"lang": "en", "body": seed.read_text(encoding="utf-8")}, "tags": ["x", 1.5], "ü": None}
        for i, seed in enumerate(SEEDS)
    ]
    records.append({"id": 99, "doc": {"lang": "en", "body": "Ministers met on Monday.\n"}, "n": 2**70})
    with path.open("wb") as fh:
        for i, rec in enumerate(records):
            fh.write(json.dumps(rec, ensure_ascii=False).encode() + b"\n")
            if i == 1:
                fh.write(b"\n")  # a blank line passes through
    return records


@pytest.mark.parametrize("workers", ["1", "2"])
def test_jsonl_clean_nested_field_keeps_everything_else(tmp_path: Path, capsysbinary, workers: str) -> None:
    corpus = tmp_path / "corpus.jsonl"
    records = _corpus(corpus)
    assert main(["clean", "--field", "doc.body", "--findings-field", "nc", "--workers", workers, str(corpus)]) == 0
    lines = capsysbinary.readouterr().out.split(b"\n")
    assert lines[2] == b"" and lines[-1] == b""
    out = [json.loads(line) for line in lines if line]
    assert [r["id"] for r in out] == [r["id"] for r in records]
    for rec, got in zip(records, out):
        assert list(got) == [*rec, "nc"]
        assert got["doc"]["body"] == newsclean.clean(rec["doc"]["body"]) or not got["nc"]
        assert {k: v for k, v in got.items() if k not in ("doc", "nc")} == {k: v for k, v in rec.items() if k != "doc"}
        assert [f["code"] for f in got["nc"]] == [f.code for f in newsclean.check(rec["doc"]["body"])]


def test_jsonl_unchanged_records_are_byte_identical(tmp_path: Path, capsysbinary) -> None:
    corpus = tmp_path / "c.jsonl"
    raw = b'{"b": 1,   "text": "Ministers met on Monday.\\n"}\n'
    corpus.write_bytes(raw)
    assert main(["clean", str(corpus)]) == 0
    assert capsysbinary.readouterr().out == raw


def test_jsonl_check_positions_name_the_record(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus)
    assert main(["check", "--field", "doc.body", str(corpus)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{corpus}:4:15:1: NC401 related-article trail 'Most Read News' with 20 teaser line(s)" in out
    assert main(["check", "--format", "github", "--field", "doc.body", str(corpus)]) == 1
    assert "::warning file=" in capsys.readouterr().out


def test_jsonl_in_place_and_stdin(tmp_path: Path, monkeypatch, capsys) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus)
    assert main(["clean", "--in-place", "--field", "doc.body", str(corpus)]) == 1
    assert capsys.readouterr().out == f"Fixing {corpus}\n"
    assert main(["check", "--field", "doc.body", str(corpus)]) == 0
    _set_stdin(monkeypatch, b'{"text": "skip to main content\\nMinisters met on Monday.\\n"}\n')
    assert main(["clean", "--jsonl", "-"]) == 0
    assert json.loads(capsys.readouterr().out) == {"text": "Ministers met on Monday.\n"}


BAD = b'{"text": "Ministers met.\\nAdvertisement\\n"}\n{bad json\n{"text": 5}\n{"other": "x"}\n[1]\n{"text": "ok"}'


def test_jsonl_bad_line_is_an_error_naming_the_record(tmp_path: Path, capsysbinary) -> None:
    corpus = tmp_path / "bad.jsonl"
    corpus.write_bytes(BAD)
    out_dir = tmp_path / "out"
    assert main(["clean", "-o", str(out_dir), str(corpus)]) == 2
    err = capsysbinary.readouterr().err.decode()
    assert err.startswith(f"newsclean: error: {corpus}:2: malformed JSON") and err.count("\n") == 1
    assert list(out_dir.iterdir()) == []  # nothing half-written
    assert main(["clean", "--in-place", str(corpus)]) == 2
    assert corpus.read_bytes() == BAD


@pytest.mark.parametrize("policy", ["pass", "skip"])
def test_jsonl_bad_lines_pass_or_skip(tmp_path: Path, capsysbinary, policy: str) -> None:
    corpus = tmp_path / "bad.jsonl"
    corpus.write_bytes(BAD)
    assert main(["clean", "--bad-lines", policy, str(corpus)]) == 0
    captured = capsysbinary.readouterr()
    out = captured.out.splitlines()
    assert json.loads(out[0]) == {"text": "Ministers met.\n"}
    if policy == "pass":
        assert out[1:] == BAD.splitlines()[1:]
    else:
        assert out[1:] == [b'{"text": "ok"}']
    err = captured.err.decode().splitlines()
    assert [line.split(": ")[2].split(":")[-1] for line in err] == ["2", "3", "4", "5"]
    assert "no field 'text'" in err[2] and "a number, not a string" in err[1]


def test_jsonl_invalid_utf8_names_record_and_offset(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(b'{"text": "a"}\n{"text": "caf\xe9"}\n')
    assert main(["clean", str(corpus)]) == 2
    assert f"{corpus}:2: invalid UTF-8 at byte offset 27" in capsys.readouterr().err
    assert main(["clean", "--encoding-errors", "replace", str(corpus)]) == 0
    assert "caf\ufffd" in capsys.readouterr().out


# --- bad input --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"caf\xc3\xa9 ok\nbad \xff byte\n", "invalid UTF-8 at byte offset 13 (line 2)"),
        (b"text\x00binary", "binary file (NUL byte at byte offset 4)"),
        (b"\xff\xfet\x00", "UTF-16"),
    ],
)
def test_bad_text_files(tmp_path: Path, capsys, content: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    for command in (["check"], ["clean"], ["clean", "--in-place"]):
        assert main([*command, str(bad)]) == 2
        err = capsys.readouterr().err
        assert err == f"newsclean: error: {bad}: {err.split(': ', 3)[3]}" and message in err
        assert err.count("\n") == 1
    assert bad.read_bytes() == content


def test_other_files_still_processed_after_a_bad_one(tmp_path: Path, capsys) -> None:
    assert main(["check", str(tmp_path / "missing.txt"), str(tmp_path), str(SEED)]) == 2
    captured = capsys.readouterr()
    assert "missing.txt: no such file" in captured.err and "is a directory" in captured.err
    assert "NC401" in captured.out


def test_replace_encoding_errors(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"Ministers met in Z\xfcrich on Monday.\n")
    assert main(["clean", "--encoding-errors", "replace", str(bad)]) == 0
    assert capsys.readouterr().out == "Ministers met in Z\ufffdrich on Monday.\n"


def test_empty_input_is_clean(tmp_path: Path, monkeypatch, capsysbinary) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["check", str(empty)]) == 0
    assert main(["clean", "--in-place", str(empty)]) == 0
    _set_stdin(monkeypatch, b"")
    assert main([]) == 0
    assert capsysbinary.readouterr() == (b"", b"")


def test_huge_single_line(tmp_path: Path, capsysbinary) -> None:
    line = ("Ministers met on Monday and agreed a plan for the port. " * 90_000).strip()
    assert len(line) > 5_000_000
    big = tmp_path / "big.txt"
    big.write_text(line, encoding="utf-8")
    assert main(["clean", str(big)]) == 0
    assert capsysbinary.readouterr().out == line.encode()


def test_usage_errors(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["clean", "--in-place"]) == 2
    assert "--in-place needs file names" in capsys.readouterr().err
    assert main(["page.txt"]) == 2
    assert "newsclean clean page.txt" in capsys.readouterr().err
    assert main(["check", "--format", "xml", "a.txt"]) == 2
    assert main(["clean", "--findings-field", "nc", str(SEED)]) == 2
    assert main(["check", "-", "-"]) == 2
    assert main(["check", "--workers", "-1", "-"]) == 2
    assert main(["--version"]) == 0
    assert newsclean.__version__ in capsys.readouterr().out


# --- rules and explain ------------------------------------------------------------------------


def test_rules_table_lists_every_rule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["rules"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["code", "name", "summary"]
    rules = newsclean.builtin_rules()
    assert [line.split()[:2] for line in out[1:]] == [[r.code, r.name] for r in rules]


def test_explain(capsys: pytest.CaptureFixture[str]) -> None:
    rule = next(r for r in newsclean.builtin_rules() if r.code == "NC401")
    for query in ("NC401", "nc401", "related-article-trail"):
        assert main(["explain", query]) == 0
        out = capsys.readouterr().out
        assert out.startswith("NC401 related-article-trail\n") and rule.summary in out
        assert " ".join(rule.explanation.split()[:8]) in " ".join(out.split())
    assert main(["explain", "NC4"]) == 0
    assert capsys.readouterr().out.count("\nNC4") >= 1
    assert main(["explain", "NC999"]) == 2
    err = capsys.readouterr().err
    assert "unknown rule 'NC999'" in err and "NC401" in err and "NC001" in err


# --- the installed script: key paths -----------------------------------------------------------


@needs_script
def test_script_jsonl_and_errors(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus)
    done = run("check", "--field", "doc.body", "--workers", "2", str(corpus))
    assert done.returncode == 1 and f"{corpus}:4:15:1: NC401".encode() in done.stdout
    done = run("clean", "--jsonl", "--field", "doc.body", stdin=corpus.read_bytes())
    assert done.returncode == 0
    assert [orjson.loads(line)["id"] for line in done.stdout.splitlines() if line] == [0, 1, 2, 3, 4, 99]
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"ok\n\xff\n")
    done = run("check", str(bad))
    assert done.returncode == 2
    assert (
        done.stderr
        == f"newsclean: error: {bad}: invalid UTF-8 at byte offset 3 (line 2); convert the file to UTF-8, or pass --encoding-errors replace to substitute U+FFFD\n".encode()
    )
    done = run("explain", "NC999")
    assert done.returncode == 2 and b"Traceback" not in done.stderr


@needs_script
def test_script_closed_stdout_has_no_traceback(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    text = "".join(f"On day {i} the ministers met again and agreed on part {i} of the plan.\n" for i in range(3_000))
    big.write_text(text, encoding="utf-8")
    assert newsclean.check(text) == []
    proc = subprocess.run(f"'{SCRIPT}' clean '{big}' '{big}' | head -1", shell=True, capture_output=True, timeout=120)
    assert proc.stdout == b"On day 0 the ministers met again and agreed on part 0 of the plan.\n"
    assert proc.stderr == b""


def test_progress_only_when_enabled(capsys: pytest.CaptureFixture[str]) -> None:
    from newsclean.cli import Progress

    quiet = Progress(False, "records")
    quiet.step(True)
    quiet.close()
    assert capsys.readouterr().err == ""
    shown = Progress(True, "records")
    shown.step(True)
    shown.step(False)
    shown.close()
    err = capsys.readouterr().err
    assert err.startswith("\rnewsclean: 1 records, 1 with junk") and err.endswith("\r\033[K")


@needs_script
def test_no_progress_when_stderr_is_piped(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    _corpus(corpus)
    done = run("clean", "--field", "doc.body", str(corpus))
    assert done.returncode == 0 and done.stderr == b""


def test_jsonl_in_place_findings_field_counts_as_a_change(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_bytes(b'{"text": "Ministers met on Monday.\\n"}\n')
    assert main(["clean", "--in-place", str(corpus)]) == 0
    assert capsys.readouterr().out == ""
    assert main(["clean", "--in-place", "--findings-field", "nc", str(corpus)]) == 1
    assert capsys.readouterr().out == f"Fixing {corpus}\n"
    assert orjson.loads(corpus.read_bytes()) == {"text": "Ministers met on Monday.\n", "nc": []}

"""Behaviour guard for performance work: the findings of ``newsclean.check`` (and a hash of
``clean``) on every public evaluation file and every seed, stored and compared.

    python benchmarks/check_identical.py --save base       # record benchmarks/out/findings-base.json
    python benchmarks/check_identical.py --compare base    # run again, print every difference
    python benchmarks/check_identical.py --against HEAD~1  # this tree vs the package of a git revision
    python benchmarks/check_identical.py --reference       # fast paths vs NEWSCLEAN_REFERENCE=1
    python benchmarks/check_identical.py --reference --dev-sets 300  # + 300 texts of each dev set

A performance change must leave the comparison empty. ``--against REV`` takes ``src/`` of that
revision (``git archive``) and the working tree's ``src/`` as they are now, runs both in
subprocesses over the same files and compares: a commit that only makes things faster must
show no difference against its parent.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

if os.environ.get("NEWSCLEAN_SRC"):
    sys.path.insert(0, os.environ["NEWSCLEAN_SRC"])
import newsclean  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
OUT = Path(__file__).resolve().parent / "out"
sys.path.insert(0, str(Path(__file__).resolve().parent))
from paths import SCRAPINGHUB_TEXT, SEEDS, dev_set_records, shared_eval  # noqa: E402

SOURCES = [SCRAPINGHUB_TEXT, SEEDS]


def snapshot_pair(revision: str) -> tuple[Path, Path]:
    """The package as it is now (``out/cur``) and as it was at ``revision`` (``out/ref``)."""
    cur, ref = OUT / "cur", OUT / "ref"
    for folder in (cur, ref):
        shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(REPO / "src" / "newsclean", cur / "newsclean", ignore=shutil.ignore_patterns("__pycache__"))
    ref.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", revision, "src/newsclean"], cwd=REPO, capture_output=True)
    if archive.returncode:
        raise SystemExit(archive.stderr.decode(errors="replace"))
    subprocess.run(["tar", "-x", "-C", str(ref), "--strip-components=1"], input=archive.stdout, check=True)
    return cur, ref


def run_in(src: Path | None, reference: bool = False, dev_sets: int = 0) -> dict[str, list[list[object]]]:
    env = dict(os.environ)
    env.pop("NEWSCLEAN_SRC", None)
    env.pop("NEWSCLEAN_REFERENCE", None)
    if src is not None:
        env["NEWSCLEAN_SRC"] = str(src)
    if reference:
        env["NEWSCLEAN_REFERENCE"] = "1"
    command = [sys.executable, __file__, "--dump", "--dev-sets", str(dev_sets)]
    out = subprocess.run(command, env=env, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout)


def inputs() -> list[Path]:
    files: list[Path] = []
    for folder in SOURCES:
        files.extend(sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".txt", ".md")))
    return files


def dev_set_texts(per_set: int) -> list[tuple[str, str]]:
    """The first ``per_set`` records of each development set outside the repository
    (``dragnet``, ``daniel``: their dump, extracted and resiliparse texts), if present."""
    texts: list[tuple[str, str]] = []
    for name in ("dragnet", "daniel"):
        if per_set <= 0 or not (shared_eval() / name / "inputs.jsonl.gz").is_file():
            continue
        for n, record in enumerate(dev_set_records(name, "inputs.jsonl.gz")):
            if n >= per_set:
                break
            for field in ("dump", "extracted", "resiliparse"):
                if record.get(field):
                    texts.append((f"{name}/{record['id']}.{field}", record[field]))
    return texts


def run(dev_sets: int = 0) -> dict[str, list[list[object]]]:
    result: dict[str, list[list[object]]] = {}
    named = [(f"{p.parent.name}/{p.name}", p.read_text(encoding="utf-8")) for p in inputs()]
    for name, text in named + dev_set_texts(dev_sets):
        findings = newsclean.check(text)
        rows = [[f.start, f.end, f.code, f.name, f.message, f.line, f.col, f.replacement] for f in findings]
        clean = newsclean.clean(text)
        rows.append(["clean-sha1", hashlib.sha1(clean.encode()).hexdigest()])
        result[name] = rows
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", metavar="NAME")
    group.add_argument("--compare", metavar="NAME")
    group.add_argument("--against", metavar="REV", help="compare with the package at a git revision")
    group.add_argument("--reference", action="store_true", help="compare the fast paths with NEWSCLEAN_REFERENCE=1")
    group.add_argument("--dump", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--dev-sets", type=int, default=0, metavar="N", help="also N records of each dev set")
    args = parser.parse_args(argv)
    if args.dump:
        print(json.dumps(run(args.dev_sets), ensure_ascii=False))
        return 0
    if args.reference:
        return report(run_in(None, reference=True, dev_sets=args.dev_sets), run_in(None, dev_sets=args.dev_sets))
    if args.against:
        cur, ref = snapshot_pair(args.against)
        stored, current = run_in(ref, dev_sets=args.dev_sets), run_in(cur, dev_sets=args.dev_sets)
        return report(stored, current)
    current = run()
    OUT.mkdir(exist_ok=True)
    if args.save:
        path = OUT / f"findings-{args.save}.json"
        path.write_text(json.dumps(current, ensure_ascii=False, indent=0), encoding="utf-8")
        total = sum(len(v) - 1 for v in current.values())
        print(f"saved {len(current)} files, {total} findings -> {path}")
        return 0
    stored = json.loads((OUT / f"findings-{args.compare}.json").read_text(encoding="utf-8"))
    return report(stored, current)


def report(stored: dict[str, list[list[object]]], current: dict[str, list[list[object]]]) -> int:
    diffs = 0
    for name in sorted(set(stored) | set(current)):
        old, new = stored.get(name), current.get(name)
        if old == new:
            continue
        diffs += 1
        old_set = {json.dumps(r, ensure_ascii=False) for r in old or []}
        new_set = {json.dumps(r, ensure_ascii=False) for r in new or []}
        print(f"--- {name}")
        for r in sorted(old_set - new_set):
            print(f"  - {r}")
        for r in sorted(new_set - old_set):
            print(f"  + {r}")
    print(f"{len(current)} files compared, {diffs} differ")
    return 1 if diffs else 0


if __name__ == "__main__":
    sys.exit(main())

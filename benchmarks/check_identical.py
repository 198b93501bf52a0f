"""Behaviour guard for performance work: the findings of ``newsclean.check`` on every public
evaluation file and every seed, stored and compared.

    python benchmarks/check_identical.py --save base      # record benchmarks/out/findings-base.json
    python benchmarks/check_identical.py --compare base   # run again, print every difference
    python benchmarks/check_identical.py --ab             # the tree now vs the same tree without
                                                          # the performance edits, same minute

A performance change must leave the comparison empty. Differences can also come from
concurrent edits to the filter logic or the phrase data; ``--ab`` rules those out: it copies
the package as it is now, undoes only the performance edits in the copy (the core modules
from ``git HEAD``, the small filter edits listed in :data:`PERF_EDITS`), runs both, and
compares.
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
SOURCES = [Path("/work/shared/eval-public/scrapinghub-text"), REPO / "fixtures" / "seeds"]


#: Core modules whose performance edits are undone by restoring them from ``git HEAD``.
#: The commit before the performance work (GitHub issue #5) began.
BASE_COMMIT = "d505f64"
CORE = ("document.py",)
#: The performance edits in filter modules: (file, text now, text before). Undone in the copy.
PERF_EDITS: list[tuple[str, str, str]] = [
    (
        "filters/_lines.py",
        """    # Same lines as testing ``len(line) <= max_chars and phrases.matches_key(doc.key(i))`` on
    # each non-blank line; Document.stub_lines finds them with one search per document.
    yield from doc.stub_lines(phrases.lines, phrases.patterns, max_chars)""",
        """    lines = doc.lines
    for i in doc.nonblank:
        if len(lines[i]) <= max_chars and phrases.matches_key(doc.key(i)):
            yield i""",
    ),
    (
        'filters/promo.py',
        '    for i in doc.search_lines(markers):  # perf: only lines where markers.search may match\n        line = doc.lines[i]\n        if len(line) > 800 or word_count(line) > max_words:',
        '    for i in doc.nonblank:\n        line = doc.lines[i]\n        if len(line) > 800 or word_count(line) > max_words:',
    ),
    (
        'filters/credits.py',
        '    for i in doc.search_lines(markers):  # perf: only lines where markers.search may match\n        line = doc.lines[i]\n        if len(line) > 900 or word_count(line) > max_words:',
        '    for i in doc.nonblank:\n        line = doc.lines[i]\n        if len(line) > 900 or word_count(line) > max_words:',
    ),
    (
        'filters/widgets.py',
        '    # perf: only lines where markers or weak may match (weak.findall >= 2 implies a search hit)\n    for i in sorted({*doc.search_lines(phrases.markers), *doc.search_lines(weak)}):\n        line = doc.lines[i]\n        if len(line) < 20 or word_count(line) > max_words:',
        '    for i in doc.nonblank:\n        line = doc.lines[i]\n        if len(line) < 20 or word_count(line) > max_words:',
    ),
    (
        'filters/credits.py',
        '    stub_lines = set(matching_stub_lines(doc, phrases, max_chars=40))\n    # perf: a line yields nothing unless it is a stub or one of the three patterns can match\n    # in it; Document.search_lines finds a superset of those lines without a call per line.\n    lines = doc.lines\n    whole_lines = [i for i in doc.nonblank if len(lines[i]) <= 120 and whole.match(lines[i])]\n    candidates = stub_lines.union(whole_lines, doc.search_lines(label_prefix), doc.search_lines(trailing))\n    for i in sorted(candidates):\n        line = doc.lines[i]\n        start, end = doc.line_span(i)',
        '    stub_lines = set(matching_stub_lines(doc, phrases, max_chars=40))\n    for i in doc.nonblank:\n        line = doc.lines[i]\n        start, end = doc.line_span(i)',
    ),
    (
        'filters/bylines.py',
        '        has_digit = any(map(str.isdigit, line))  # perf: same test, no generator frame',
        '        has_digit = any(ch.isdigit() for ch in line)',
    ),
    (
        'filters/related.py',
        '    if words <= 8 and any(map(str.isdigit, text)) and (  # perf: same test as a generator',
        '    if words <= 8 and any(ch.isdigit() for ch in text) and (',
    ),
]


def snapshot_pair() -> tuple[Path, Path]:
    """Two copies of the package taken from one snapshot of the tree, so concurrent edits
    cannot fall between them: ``out/cur`` as it is, ``out/ref`` minus the performance edits."""
    cur, ref = OUT / "cur", OUT / "ref"
    for folder in (cur, ref):
        shutil.rmtree(folder, ignore_errors=True)
    src = REPO / "src" / "newsclean"
    shutil.copytree(src, cur / "newsclean", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(cur / "newsclean", ref / "newsclean")
    for name in CORE:
        old = subprocess.run(["git", "show", f"{BASE_COMMIT}:src/newsclean/{name}"], cwd=REPO, capture_output=True, text=True)
        if old.returncode == 0:
            (ref / "newsclean" / name).write_text(old.stdout, encoding="utf-8")
    for name, now, before in PERF_EDITS:
        path = ref / "newsclean" / name
        text = path.read_text(encoding="utf-8")
        if now not in text:
            raise SystemExit(f"performance edit not found in {name}; update PERF_EDITS")
        path.write_text(text.replace(now, before), encoding="utf-8")
    return cur, ref


def run_in(src: Path | None) -> dict[str, list[list[object]]]:
    env = dict(os.environ)
    env.pop("NEWSCLEAN_SRC", None)
    if src is not None:
        env["NEWSCLEAN_SRC"] = str(src)
    out = subprocess.run([sys.executable, __file__, "--dump"], env=env, capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(out.stderr)
    return json.loads(out.stdout)


def inputs() -> list[Path]:
    files: list[Path] = []
    for folder in SOURCES:
        files.extend(sorted(p for p in folder.iterdir() if p.is_file() and p.suffix in (".txt", ".md")))
    return files


def run() -> dict[str, list[list[object]]]:
    result: dict[str, list[list[object]]] = {}
    for path in inputs():
        text = path.read_text(encoding="utf-8")
        findings = newsclean.check(text)
        rows = [[f.start, f.end, f.code, f.name, f.message, f.line, f.col, f.replacement] for f in findings]
        clean = newsclean.clean(text)
        rows.append(["clean-sha1", hashlib.sha1(clean.encode()).hexdigest()])
        result[f"{path.parent.name}/{path.name}"] = rows
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--save", metavar="NAME")
    group.add_argument("--compare", metavar="NAME")
    group.add_argument("--ab", action="store_true", help="compare with the same tree minus the performance edits")
    group.add_argument("--dump", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.dump:
        print(json.dumps(run(), ensure_ascii=False))
        return 0
    if args.ab:
        cur, ref = snapshot_pair()
        stored, current = run_in(ref), run_in(cur)
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

"""Instructions that ``newsclean.check`` executes on a fixed sample (callgrind's Ir), for A/B
comparisons that a busy shared machine cannot disturb.

    python benchmarks/instructions.py                 # this tree
    python benchmarks/instructions.py --against d0e7550   # this tree and a git revision
    python benchmarks/instructions.py --reference     # this tree with NEWSCLEAN_REFERENCE=1
    python benchmarks/instructions.py --html [--against REV]   # clean_html on HTML pages

The sample is every ninth vendored scrape (61 texts, 0.67 MB); with ``--html``, every ninth
vendored Scrapinghub page (21 pages, as UTF-8 bytes) through ``newsclean.clean_html``. Each version runs twice under
``valgrind --tool=callgrind``: start-up plus a warm-up pass that compiles every pattern, and
the same plus one measured pass; the difference is the cost of the measured pass alone.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from paths import REPO, SCRAPINGHUB_HTML, SCRAPINGHUB_TEXT  # noqa: E402

DRIVER = """
import sys
sys.path.insert(0, sys.argv[1]) if sys.argv[1] != "-" else None
import newsclean
paths = sys.argv[3:]
texts = [open(p, encoding="utf-8").read() for p in paths]
for t in texts:
    newsclean.check(t)
if sys.argv[2] == "measure":
    for t in texts:
        newsclean.check(t)
"""

HTML_DRIVER = """
import gzip, sys
sys.path.insert(0, sys.argv[1]) if sys.argv[1] != "-" else None
import newsclean
pages = [gzip.open(p).read() for p in sys.argv[3:]]
for page in pages:
    newsclean.clean_html(page)
if sys.argv[2] == "measure":
    for page in pages:
        newsclean.clean_html(page)
"""


def html_sample() -> list[Path]:
    return sorted(SCRAPINGHUB_HTML.glob("*.html.gz"))[::9]


def sample() -> list[Path]:
    files = sorted(
        p for p in SCRAPINGHUB_TEXT.glob("*.txt") if p.name.endswith(("dump.txt", "extracted.txt", "resiliparse.txt"))
    )
    return files[::9]


def instructions(src: str, mode: str, files: list[Path], env: dict[str, str], driver: str = DRIVER) -> int:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            f"--callgrind-out-file={out}",
            sys.executable,
            "-c",
            driver,
            src,
            mode,
            *map(str, files),
        ]
        done = subprocess.run(command, capture_output=True, text=True, env=env)
        if done.returncode:
            raise SystemExit(done.stderr[-2000:])
        m = re.search(r"^summary:\s*(\d+)", out.read_text(), re.MULTILINE)
        if not m:
            raise SystemExit("no callgrind summary")
        return int(m.group(1))


def measure(src: str, reference: bool = False, html: bool = False) -> int:
    files = html_sample() if html else sample()
    driver = HTML_DRIVER if html else DRIVER
    env = dict(os.environ)
    env.pop("NEWSCLEAN_REFERENCE", None)
    if reference:
        env["NEWSCLEAN_REFERENCE"] = "1"
    return instructions(src, "measure", files, env, driver) - instructions(src, "warm", files, env, driver)


def snapshot(revision: str, into: Path) -> str:
    """``src/newsclean`` of ``revision`` in ``into``, with this tree's compiled kernels when
    the revision's kernel sources are the same (``git archive`` holds no build products, and
    a revision measured without its kernels would count the pure-Python fallback)."""
    archive = subprocess.run(["git", "archive", revision, "src/newsclean"], cwd=REPO, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(into), "--strip-components=1"], input=archive.stdout, check=True)
    here, there = REPO / "src" / "newsclean" / "_compiled", into / "newsclean" / "_compiled"
    for built in here.glob("*.so"):
        source = built.name.split(".", 1)[0] + ".pyx"
        if (there / source).is_file() and (there / source).read_bytes() == (here / source).read_bytes():
            shutil.copy(built, there)
    return str(into)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", metavar="REV", help="also measure the package at a git revision")
    parser.add_argument("--reference", action="store_true", help="also measure this tree with NEWSCLEAN_REFERENCE=1")
    parser.add_argument("--html", action="store_true", help="measure clean_html on HTML pages instead")
    args = parser.parse_args(argv)
    files = html_sample() if args.html else sample()
    mb = sum(p.stat().st_size for p in files) / 1e6
    here = measure(str(REPO / "src"), html=args.html)
    print(f"sample: {len(files)} {'pages (gzipped size)' if args.html else 'texts'}, {mb:.2f} MB")
    print(f"this tree: {here / 1e6:,.0f} M instructions ({here / 1e6 / mb:,.0f} M per MB)")
    if args.reference:
        ref = measure(str(REPO / "src"), reference=True, html=args.html)
        print(f"this tree, NEWSCLEAN_REFERENCE=1: {ref / 1e6:,.0f} M instructions ({ref / here:.2f}x)")
    if args.against:
        with tempfile.TemporaryDirectory() as tmp:
            other = measure(snapshot(args.against, Path(tmp)), html=args.html)
        print(f"{args.against}: {other / 1e6:,.0f} M instructions; this tree is {other / here:.2f}x fewer")
    return 0


if __name__ == "__main__":
    sys.exit(main())

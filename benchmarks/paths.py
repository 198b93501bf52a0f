"""Where the benchmarks find their data.

- The Scrapinghub pages and their text conditions are vendored in the repository
  (``fixtures/eval/``, MIT): tests and benchmarks read them there, so a fresh clone has them.
- The larger development sets (``dragnet``, ``daniel``) live outside the repository, in
  ``shared/eval-public`` next to the clone, or wherever ``NEWSCLEAN_EVAL_DATA`` points; only
  benchmarks read them, never tests.
"""

from __future__ import annotations

import gzip
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

__all__ = ["REPO", "VENDORED", "SCRAPINGHUB_HTML", "SCRAPINGHUB_TEXT", "SEEDS", "shared_eval", "dev_set_records"]

REPO = Path(__file__).resolve().parents[1]
#: The vendored Scrapinghub benchmark: ``scrapinghub/`` (pages, gold) and ``scrapinghub-text/``.
VENDORED = REPO / "fixtures" / "eval"
SCRAPINGHUB_HTML = VENDORED / "scrapinghub" / "html"
SCRAPINGHUB_TEXT = VENDORED / "scrapinghub-text"
SEEDS = REPO / "fixtures" / "seeds"


def shared_eval() -> Path:
    """The folder of the larger development sets: ``$NEWSCLEAN_EVAL_DATA``, else
    ``shared/eval-public`` next to the repository clone (it may not exist)."""
    env = os.environ.get("NEWSCLEAN_EVAL_DATA")
    return Path(env) if env else REPO.parent / "shared" / "eval-public"


def dev_set_records(name: str, file: str = "pages.jsonl.gz") -> Iterator[dict[str, Any]]:
    """The records of a development set's ``pages.jsonl.gz`` (id, lang, url, html, gold) or
    ``inputs.jsonl.gz`` (id, dump, extracted, resiliparse), in stored order; a
    ``FileNotFoundError`` names what is missing."""
    path = shared_eval() / name / file
    if not path.is_file():
        raise FileNotFoundError(f"benchmark data not found: {path} (set NEWSCLEAN_EVAL_DATA)")
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            yield json.loads(line)

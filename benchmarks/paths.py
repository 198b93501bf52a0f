"""Where the benchmarks find their data.

- The Scrapinghub pages and their text conditions are vendored in the repository
  (``fixtures/eval/``, MIT): tests and benchmarks read them there, so a fresh clone has them.
- The larger development sets (``dragnet``, ``daniel``) live outside the repository, in
  ``shared/eval-public`` next to the clone, or wherever ``NEWSCLEAN_EVAL_DATA`` points; only
  benchmarks read them, never tests.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["REPO", "VENDORED", "SCRAPINGHUB_HTML", "SCRAPINGHUB_TEXT", "SEEDS", "shared_eval"]

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

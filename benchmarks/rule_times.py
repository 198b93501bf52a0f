"""Time spent in each rule over the vendored benchmark scrapes (dump, extracted, resiliparse),
measured inside the engine: every rule runs as ``newsclean.check`` runs it (stage-2 rules with
the findings of the others, each fixpoint round and re-check included), so the figures add up
to the time of ``check``.

    python benchmarks/rule_times.py [--reference] [--cpu]

``--cpu`` times with ``time.process_time`` (the process's CPU time), which a loaded shared
machine disturbs much less than the wall clock; ``PYTHONPATH=<other>/src`` times another
tree's package the same way.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import newsclean
import newsclean.engine.run as engine_run
from newsclean.registry import Context, Rule

sys.path.insert(0, str(Path(__file__).resolve().parent))
from paths import SCRAPINGHUB_TEXT  # noqa: E402

SPENT: dict[str, float] = defaultdict(float)
CLOCK = time.perf_counter


def _timed(rule_obj: Rule) -> Rule:
    """The rule with its detector timed (hits are collected inside the timing, as the engine
    consumes them)."""
    detect = rule_obj.detect
    label = f"{rule_obj.code} {rule_obj.name}"

    def timed_detect(doc: newsclean.Document, ctx: Context) -> Iterator[newsclean.Hit]:
        t0 = CLOCK()
        hits = list(detect(doc, ctx))
        SPENT[label] += CLOCK() - t0
        return iter(hits)

    return replace(rule_obj, detect=timed_detect)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", action="store_true", help="with NEWSCLEAN_REFERENCE=1 (no fast paths)")
    parser.add_argument("--cpu", action="store_true", help="CPU time of the process, not the wall clock")
    args = parser.parse_args(argv)
    global CLOCK
    if args.cpu:
        CLOCK = time.process_time
    if args.reference:
        os.environ["NEWSCLEAN_REFERENCE"] = "1"
    texts = [
        p.read_text(encoding="utf-8")
        for p in sorted(SCRAPINGHUB_TEXT.glob("*.txt"))
        if p.name.endswith(("dump.txt", "extracted.txt", "resiliparse.txt"))
    ]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    config = newsclean.Config()
    plan = engine_run.plan_for(config)
    timed_plan = replace(plan, steps=tuple((_timed(r), ctx) for r, ctx in plan.steps))
    for text in texts[:20]:  # warm up: compile every pattern before timing
        engine_run.check_text(text, timed_plan)
    SPENT.clear()
    t0 = CLOCK()
    for text in texts:
        engine_run.check_text(text, timed_plan)
    total = CLOCK() - t0
    in_rules = sum(SPENT.values())
    SPENT["(engine: documents, candidates, fixpoint, re-check views)"] = total - in_rules
    clock = "CPU" if args.cpu else "wall"
    print(
        f"{mb:.1f} MB, check {total:.2f}s {clock} = {mb / total:.2f} MB/s; {100 * in_rules / total:.0f}% inside the rules"
    )
    for name, t in sorted(SPENT.items(), key=lambda kv: -kv[1]):
        print(f"{t * 1000:8.0f} ms {100 * t / total:5.1f}%  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

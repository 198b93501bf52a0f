"""Time spent in each rule over the public evaluation scrapes (dump, extracted, resiliparse).

python benchmarks/rule_times.py
"""

from __future__ import annotations

import glob
import time
from collections import defaultdict

from newsclean.document import Document
from newsclean.pipeline import _default_config, _plan
from newsclean.registry import Context


def main() -> None:
    files = sorted(glob.glob("/work/shared/eval-public/scrapinghub-text/*.txt"))
    texts = [
        open(f, encoding="utf-8").read() for f in files if f.endswith(("dump.txt", "extracted.txt", "resiliparse.txt"))
    ]
    mb = sum(len(t.encode()) for t in texts) / 1e6
    plan = _plan(_default_config())
    for text in texts[:20]:  # warm up: compile every pattern before timing
        doc = Document(text)
        for rule, ctx in plan:
            list(rule.detect(doc, ctx))
    spent: dict[str, float] = defaultdict(float)
    for text in texts:
        t0 = time.perf_counter()
        doc = Document(text)
        doc.nonblank
        spent["(document)"] += time.perf_counter() - t0
        earlier: list = []
        for rule, ctx in plan:
            if rule.stage == 2:
                ctx = Context(ctx.options, ctx.phrases, tuple(earlier))
            t0 = time.perf_counter()
            hits = list(rule.detect(doc, ctx))
            spent[f"{rule.code} {rule.name}"] += time.perf_counter() - t0
    total = sum(spent.values())
    print(f"{mb:.1f} MB, total {total:.2f}s = {mb / total:.1f} MB/s")
    for name, t in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"{t * 1000:8.0f} ms {100 * t / total:5.1f}%  {name}")


if __name__ == "__main__":
    main()

"""Clean a JSONL file on this machine, one process per core.

    python docs/examples/one_machine.py data/raw.jsonl data/clean.jsonl
"""

import json
import sys

import newsclean


def clean_jsonl(src: str, dst: str, workers: int = 0) -> None:
    """{"id", "text", ...} lines in, the same records with clean text out, in the same order."""
    with open(src, encoding="utf-8") as fin, open(dst, "w", encoding="utf-8") as fout:
        records = (json.loads(line) for line in fin)
        # (id, text) pairs: any object can be the id, here the record itself; only texts go to the workers.
        for record, text in newsclean.clean_many(((r, r["text"]) for r in records), workers=workers):
            fout.write(json.dumps({**record, "text": text}) + "\n")


if __name__ == "__main__":
    clean_jsonl(sys.argv[1], sys.argv[2])  # workers=0: one process per core

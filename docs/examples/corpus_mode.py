"""Corpus mode with datatrove or Dask: count each site's lines, then clean with the profile.

    python docs/examples/corpus_mode.py datatrove data/raw data/clean
    python docs/examples/corpus_mode.py dask 'data/raw/*.jsonl' data/clean

The records are JSONL ``{"id", "text", "url", ...}``; the site of a record is the host of its
``url``. Both recipes give what ``newsclean profile`` and ``newsclean clean --profile`` give.
"""

import json
import sys

from newsclean import Config
from newsclean.corpus import TemplateProfile


def datatrove_two_pass(src: str, dst: str, tasks: int = 2, workers: int = 2) -> TemplateProfile:
    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter

    from newsclean.integrations.datatrove import NewsCleaner, SiteTemplateCounter, profile_from_counts

    # Pass 1: every task counts its share of the files and writes its counts.
    count = [JsonlReader(src), SiteTemplateCounter(f"{dst}/counts", site_key="url")]
    LocalPipelineExecutor(count, tasks=tasks, workers=workers, logging_dir=f"{dst}/logs/count").run()
    # Join the counts into the profile (small: only the template lines), and keep it.
    profile = profile_from_counts(f"{dst}/counts")
    with open(f"{dst}/profile.jsonl", "wb") as fh:
        profile.write(fh)
    # Pass 2: clean, each document with its site's template lines.
    clean = [JsonlReader(src), NewsCleaner(Config(profile=profile), site_key="url"), JsonlWriter(f"{dst}/clean")]
    LocalPipelineExecutor(clean, tasks=tasks, workers=workers, logging_dir=f"{dst}/logs/clean").run()
    return profile


def dask_two_pass(paths: str, dst: str) -> TemplateProfile:
    import dask.bag as db

    from newsclean.integrations.dask import clean_bag, count_templates

    records = db.read_text(paths).map(json.loads)
    profile = count_templates(records, field="text", site_field="url")  # pass 1 (computes)
    cleaned = clean_bag(records, field="text", config=Config(profile=profile), site_field="url")
    cleaned.map(json.dumps).to_textfiles(f"{dst}/clean-*.jsonl")  # pass 2
    return profile


if __name__ == "__main__":
    how, src, dst = sys.argv[1:4]
    profile = datatrove_two_pass(src, dst) if how == "datatrove" else dask_two_pass(src, dst)
    print(profile)

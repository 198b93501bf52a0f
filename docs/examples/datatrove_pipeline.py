"""Clean folders of JSONL files with datatrove: on this machine, or as a Slurm job array.

    python docs/examples/datatrove_pipeline.py local data/raw data/clean
    python docs/examples/datatrove_pipeline.py slurm s3://bucket/raw s3://bucket/clean
"""

import sys

from datatrove.executor import LocalPipelineExecutor, SlurmPipelineExecutor
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter

from newsclean.integrations.datatrove import NewsCleaner


def pipeline(src: str, dst: str) -> list:
    """Read {"id", "text", ...} records, clean them, write them; the too-short go aside."""
    return [
        JsonlReader(src),
        NewsCleaner(min_length=200, exclusion_writer=JsonlWriter(f"{dst}/too_short")),
        JsonlWriter(f"{dst}/clean"),
    ]


def local_executor(src: str, dst: str, tasks: int = 2, workers: int = 2) -> LocalPipelineExecutor:
    # Each task reads its own share of the input files: have at least `tasks` files.
    return LocalPipelineExecutor(pipeline(src, dst), tasks=tasks, workers=workers, logging_dir=f"{dst}/logs")


def slurm_executor(src: str, dst: str, tasks: int = 100) -> SlurmPipelineExecutor:
    # One single-core job per task (a Slurm job array); each reads its share of the input files.
    return SlurmPipelineExecutor(
        pipeline(src, dst),
        tasks=tasks,
        time="04:00:00",
        partition="cpu",
        cpus_per_task=1,
        mem_per_cpu_gb=2,
        job_name="newsclean",
        logging_dir=f"{dst}/logs",
    )


if __name__ == "__main__":
    where, src, dst = sys.argv[1:4]
    executor = local_executor(src, dst) if where == "local" else slurm_executor(src, dst)
    executor.run()

"""The pre-commit hooks: the manifest is documented, and the real ``pre-commit`` runs them.

The end-to-end test installs this working tree the way a user's pre-commit would: from a git
repository at a fixed rev. The working tree may hold uncommitted or untracked work (the lead
commits regularly), and ``pre-commit try-repo`` only sees tracked files, so the test commits
a snapshot of the tree (``git ls-files --cached --others --exclude-standard``) into a
throw-away repository and pins ``rev`` to that snapshot's ``git rev-parse HEAD``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, REPO

MANIFEST = REPO / ".pre-commit-hooks.yaml"
SEED = FIXTURES / "seeds" / "002_ce9d8f7dc52d2698.txt"


def _hooks() -> list[dict[str, object]]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def test_manifest_hooks_are_python_text_hooks() -> None:
    hooks = _hooks()
    assert [h["id"] for h in hooks] == ["newsclean-check", "newsclean-fix"]
    for hook in hooks:
        assert hook["language"] == "python"
        assert hook["types"] == ["text"]
        assert str(hook["entry"]).startswith("newsclean ")


@pytest.mark.parametrize("doc", ["README.md", "docs/cli.md"])
def test_docs_list_every_hook(doc: str) -> None:
    text = (REPO / doc).read_text(encoding="utf-8")
    missing = [h["id"] for h in _hooks() if f"id: {h['id']}" not in text]
    assert not missing, f"{doc} does not show these hooks in a config example: {missing}"


def _git(*args: str, cwd: Path) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.com",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.com",
    }
    done = subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def _snapshot_repo(dest: Path) -> str:
    """Commit the current working tree (tracked and untracked, minus ignored files) to ``dest``."""
    files = _git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=REPO).split("\0")
    for name in filter(None, files):
        src = REPO / name
        if src.is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / name)
    _git("init", "-q", cwd=dest)
    _git("add", "-A", cwd=dest)
    _git("commit", "-q", "-m", "snapshot", cwd=dest)
    return _git("rev-parse", "HEAD", cwd=dest)


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_real_pre_commit_runs_both_hooks(tmp_path: Path) -> None:
    """pre-commit builds a venv, pip-installs the hook repo (deps from PyPI) and runs it."""
    hook_repo = tmp_path / "hook-repo"
    hook_repo.mkdir()
    rev = _snapshot_repo(hook_repo)

    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(SEED, project / "page.txt")
    (project / "clean.txt").write_text("Ministers met on Monday.\nThey agreed a plan.\n", encoding="utf-8")
    (project / ".pre-commit-config.yaml").write_text(
        f"repos:\n- repo: {hook_repo}\n  rev: {rev}\n  hooks:\n  - id: newsclean-check\n  - id: newsclean-fix\n",
        encoding="utf-8",
    )
    _git("init", "-q", cwd=project)
    _git("add", "-A", cwd=project)
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache"), "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    pre_commit = [sys.executable, "-m", "pre_commit"]

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*pre_commit, *args], cwd=project, env=env, capture_output=True, text=True, timeout=240)

    first = run("run", "--hook-stage", "pre-commit", "--files", "page.txt", "clean.txt")
    out = first.stdout + first.stderr
    assert first.returncode == 1, out
    assert "page.txt:15:1: NC401" in out, out
    assert "Fixing page.txt" in out, out
    assert "clean.txt" not in out.replace("Fixing page.txt", ""), out
    expected = SEED.with_name(SEED.stem + ".expected.txt").read_text(encoding="utf-8")
    lines = [line.strip() for line in (project / "page.txt").read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines == [line.strip() for line in expected.splitlines() if line.strip()]

    second = run("run", "--files", "page.txt", "clean.txt")
    assert second.returncode == 0, second.stdout + second.stderr


def test_docs_config_example_is_valid() -> None:
    """The ``[tool.newsclean]`` example in docs/cli.md must load as documented."""
    import re
    import tomllib

    import newsclean

    text = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    block = re.search(r"```toml\n(.*?)```", text, re.S)
    assert block is not None
    config = newsclean.Config.from_mapping(tomllib.loads(block.group(1))["tool"]["newsclean"])
    assert config.ignore == ("NC6", "NC702")

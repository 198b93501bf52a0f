"""Every documented rule option can be set from Python and from ``[tool.newsclean]``, and a
config is frozen all the way down (it is hashed to cache the rule plan, pickled for workers)."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

import newsclean
from conftest import REPO
from newsclean.registry import builtin_rules

DOCUMENTED = REPO / "docs" / "filters.md"


def _documented_options() -> list[tuple[str, str]]:
    """``(rule name, option)`` for every row of an option table in docs/filters.md."""
    found: list[tuple[str, str]] = []
    rule_name = None
    for line in DOCUMENTED.read_text(encoding="utf-8").splitlines():
        heading = re.match(r"### NC\d+ `([a-z0-9-]+)`", line)
        if heading:
            rule_name = heading.group(1)
        row = re.match(r"\| `([a-z_]+)` \|", line)
        if row and rule_name:
            found.append((rule_name, row.group(1)))
    return found


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, tuple):
        return "[" + ", ".join(f'"{v}"' for v in value) + "]"
    return repr(value)


def _changed(value: Any) -> Any:
    """A valid value other than the default, of the same kind."""
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return round(value / 2, 3)
    if isinstance(value, tuple):
        return (*value, "NC9")
    raise AssertionError(f"no test value for {value!r}")


OPTIONS = _documented_options()
DEFAULTS = {r.name: dict(r.defaults) for r in builtin_rules()}


def test_docs_list_every_option_of_every_rule() -> None:
    assert sorted(OPTIONS) == sorted((name, opt) for name, opts in DEFAULTS.items() for opt in opts)


@pytest.mark.parametrize(("rule_name", "option"), OPTIONS, ids=[f"{r}.{o}" for r, o in OPTIONS])
def test_option_set_from_python_and_from_pyproject(rule_name: str, option: str, tmp_path: Path) -> None:
    value = _changed(DEFAULTS[rule_name][option])
    as_python = value if not isinstance(value, tuple) else list(value)  # a user may pass a list
    from_python = newsclean.Config(options={rule_name: {option: as_python}})
    (tmp_path / "pyproject.toml").write_text(
        f"[tool.newsclean.options.{rule_name}]\n{option} = {_toml(value)}\n", encoding="utf-8"
    )
    from_file = newsclean.Config.from_pyproject(tmp_path / "pyproject.toml")
    assert from_python == from_file and hash(from_python) == hash(from_file)
    assert pickle.loads(pickle.dumps(from_file)) == from_file
    rule_obj = next(r for r in builtin_rules() if r.name == rule_name)
    assert from_file.rule_options(rule_obj)[option] == value
    newsclean.check("Home\nNews\nThe vote was close, she said.\n", from_file)  # the rules accept it


def test_every_option_at_once_from_pyproject_through_the_cli(tmp_path: Path) -> None:
    tables = {}
    for rule_name, option in OPTIONS:
        tables.setdefault(rule_name, []).append(f"{option} = {_toml(_changed(DEFAULTS[rule_name][option]))}")
    toml = "".join(f"[tool.newsclean.options.{name}]\n" + "\n".join(rows) + "\n" for name, rows in tables.items())
    (tmp_path / "pyproject.toml").write_text(toml, encoding="utf-8")
    seed = next((REPO / "fixtures" / "seeds").glob("001_*[0-9a-f].txt"))
    done = subprocess.run([sys.executable, "-m", "newsclean", "check", str(seed)], capture_output=True, cwd=tmp_path)
    assert done.returncode == 1 and done.stderr == b"", done.stderr  # findings, no error
    assert b"NC" in done.stdout


def test_list_options_are_frozen_to_tuples() -> None:
    config = newsclean.Config(options={"junk-neighbourhood": {"ignore_neighbours_from": ["NC0"]}})
    assert config.options["junk-neighbourhood"]["ignore_neighbours_from"] == ("NC0",)
    assert isinstance(hash(config), int)
    assert newsclean.Config(select=["NC4"]).select == ("NC4",)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"menu-run": {"min_run": "five"}}, "min_run of menu-run must be a whole number"),
        ({"menu-run": {"min_run": 5.5}}, "must be a whole number"),
        ({"junk-neighbourhood": {"ignore_neighbours_from": "NC0"}}, "must be a list of strings"),
        ({"menu-run": {"min_run": {"a": 1}}}, "an option value is"),
        ({"menu-run": 5}, "options must map a rule name to a table"),
    ],
)
def test_bad_option_values_are_config_errors(options: dict[str, Any], message: str) -> None:
    with pytest.raises(newsclean.ConfigError, match=message):
        newsclean.Config(options=options)


def test_bad_option_in_pyproject_is_one_line_error(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.newsclean.options.menu-run]\nmin_run = "five"\n[tool.newsclean.options]\nx = 1\n', encoding="utf-8"
    )
    done = subprocess.run(
        [sys.executable, "-m", "newsclean", "check", "-"], input=b"Home\n", capture_output=True, cwd=tmp_path
    )
    assert done.returncode == 2
    assert b"Traceback" not in done.stderr
    assert len(done.stderr.decode().strip().splitlines()) == 1, done.stderr

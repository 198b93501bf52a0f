"""One frozen :class:`Config`: which rules run and with which options.

The Python API takes ``config=``; the CLI only overlays its flags onto what ``[tool.newsclean]``
in ``pyproject.toml`` says (found the way ruff finds it: the nearest ``pyproject.toml`` upwards
from the working directory that has a ``[tool.newsclean]`` table).
"""

from __future__ import annotations

import copy
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .corpus import ProfileError, SiteTemplate, TemplateProfile, site_of
from .registry import Rule, builtin_rules, freeze_option, select_rules

__all__ = ["Config", "ConfigError", "find_pyproject"]


class ConfigError(ValueError):
    """A configuration that cannot be used; the message says what to change."""


@dataclass(frozen=True)
class Config:
    """Which rules run and how.

    ``select`` and ``ignore`` are code prefixes (``"NC4"``, ``"NC401"``); the longest matching
    prefix decides, and ``ignore`` wins a tie. ``select=None`` (the default) selects every
    rule, built-in and user-added. ``extend_rules`` adds user rules. ``languages``
    limits the phrase data (``None``: every bundled language). ``options`` maps a rule name to
    its options, e.g. ``{"repeated-line": {"min_chars": 30}}``.

    Corpus mode (``docs/corpus.md``): ``profile`` is a :class:`~newsclean.corpus.TemplateProfile`
    (or the path of a profile file, loaded here), and ``site`` the site of the document being
    cleaned; ``config.for_site(url)`` gives that config cheaply. Without both, NC950 finds
    nothing and nothing changes.
    """

    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    extend_rules: tuple[Rule, ...] = ()
    languages: tuple[str, ...] | None = None
    options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    profile: TemplateProfile | None = None
    site: str | None = None

    def __post_init__(self) -> None:
        # Frozen means frozen all the way down: strings become one-item tuples, lists become
        # tuples, so a config hashes (the rule plan is cached per config) and pickles.
        for name in ("select", "ignore", "extend_rules", "languages"):
            value = getattr(self, name)
            if isinstance(value, str):
                value = (value,)
            if value is not None and not isinstance(value, tuple):
                if not isinstance(value, (list, set, frozenset)):
                    raise ConfigError(f"{name} must be a list or tuple, not {type(value).__name__}")
                value = tuple(sorted(value) if isinstance(value, (set, frozenset)) else value)
            object.__setattr__(self, name, value)
        if not isinstance(self.options, Mapping) or not all(isinstance(v, Mapping) for v in self.options.values()):
            raise ConfigError("options must map a rule name to a table of options")
        try:
            frozen = {str(k): {str(o): freeze_option(v) for o, v in opts.items()} for k, opts in self.options.items()}
        except TypeError as exc:
            raise ConfigError(f"options: {exc}") from None
        object.__setattr__(self, "options", frozen)
        if isinstance(self.profile, (str, os.PathLike)):
            try:
                object.__setattr__(self, "profile", TemplateProfile.load(self.profile))
            except ProfileError as exc:
                raise ConfigError(str(exc)) from None
        if self.profile is not None and not isinstance(self.profile, TemplateProfile):
            raise ConfigError(f"profile must be a TemplateProfile or a path, not {type(self.profile).__name__}")
        if self.site is not None:
            if not isinstance(self.site, str):
                raise ConfigError(f"site must be a string (a host or URL), not {type(self.site).__name__}")
            object.__setattr__(self, "site", site_of(self.site) or None)
        self.validate()

    def __hash__(self) -> int:
        frozen_options = tuple(sorted((k, tuple(sorted(v.items()))) for k, v in self.options.items()))
        return hash(
            (self.select, self.ignore, self.extend_rules, self.languages, frozen_options, self.profile, self.site)
        )

    def for_site(self, site: str | None) -> Config:
        """This config for a document of ``site`` (a host or URL; ``None``: no site). Cheap: the
        rest of the config was validated already, so this is made once per document. A site
        the profile has no template for (or any site, without a profile) gives the config
        without a site, so that all of them share one rule plan."""
        normal = site_of(site) or None if site is not None else None
        if normal is not None and (self.profile is None or normal not in self.profile.sites):
            normal = None
        if normal == self.site:
            return self
        new = copy.copy(self)
        object.__setattr__(new, "site", normal)
        return new

    def site_template(self) -> SiteTemplate | None:
        """The profile's template for this config's site, if it has one."""
        if self.profile is None or self.site is None:
            return None
        return self.profile.sites.get(self.site)

    def all_rules(self) -> tuple[Rule, ...]:
        """Built-in rules plus ``extend_rules``, sorted by code."""
        return tuple(sorted((*builtin_rules(), *self.extend_rules), key=lambda r: r.code))

    def enabled_rules(self) -> tuple[Rule, ...]:
        """The rules this config runs: ``select``/``ignore`` applied to :meth:`all_rules`."""
        select = self.select if self.select is not None else ("",)
        return select_rules(self.all_rules(), select, self.ignore)

    def validate(self) -> None:
        rules = self.all_rules()
        codes = [r.code for r in rules]
        if len(set(codes)) != len(codes):
            dupes = sorted({c for c in codes if codes.count(c) > 1})
            raise ConfigError(f"rule code(s) defined twice: {', '.join(dupes)}")
        for name in ("select", "ignore"):
            for prefix in getattr(self, name) or ():
                if not any(code.startswith(prefix) for code in codes):
                    raise ConfigError(f"{name}: {prefix!r} matches no rule; valid codes: {', '.join(codes)}")
        names = {r.name for r in rules}
        for rule_name, opts in self.options.items():
            if rule_name not in names:
                raise ConfigError(f"options for unknown rule {rule_name!r}; rules: {', '.join(sorted(names))}")
            rule_obj = next(r for r in rules if r.name == rule_name)
            unknown = set(opts) - set(rule_obj.defaults)
            if unknown:
                valid = ", ".join(sorted(rule_obj.defaults)) or "none"
                raise ConfigError(f"unknown option(s) {', '.join(sorted(unknown))} for {rule_name}; valid: {valid}")
            for key, value in opts.items():
                expected = _option_kind(rule_obj.defaults[key])
                if (
                    expected is not None
                    and _option_kind(value) != expected
                    and not (expected == "number" and _option_kind(value) == "integer")
                ):
                    shown = f"{value!r}"
                    raise ConfigError(
                        f"option {key} of {rule_name} must be {_KIND_WORDS[expected]}, not {shown} "
                        f"(default {rule_obj.defaults[key]!r})"
                    )

    def rule_options(self, rule_obj: Rule) -> dict[str, Any]:
        return {**rule_obj.defaults, **self.options.get(rule_obj.name, {})}

    def merged(self, **changes: Any) -> Config:
        """A copy with the given fields replaced (``None`` values are ignored)."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @classmethod
    def from_mapping(
        cls, table: Mapping[str, Any], source: str = "[tool.newsclean]", base: str | Path | None = None
    ) -> Config:
        """Build a config from a ``[tool.newsclean]`` table. A relative ``profile`` path is
        read from ``base`` (the pyproject.toml's folder), else the working directory."""
        known = {"select", "ignore", "languages", "options", "profile"}
        unknown = set(table) - known
        if unknown:
            raise ConfigError(
                f"{source}: unknown key(s) {', '.join(sorted(unknown))}; valid: {', '.join(sorted(known))}"
            )
        kwargs: dict[str, Any] = {}
        for key in ("select", "ignore", "languages"):
            if key in table:
                value = table[key]
                if isinstance(value, str):
                    value = [value]
                if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                    raise ConfigError(f"{source}: {key} must be a list of strings")
                kwargs[key] = tuple(value)
        if "options" in table:
            if not isinstance(table["options"], dict):
                raise ConfigError(f"{source}: options must be a table of rule-name tables")
            for rule_name, opts in table["options"].items():
                if not isinstance(opts, dict):
                    raise ConfigError(f"{source}: options.{rule_name} must be a table of options, not {opts!r}")
            kwargs["options"] = {k: dict(v) for k, v in table["options"].items()}
        if "profile" in table:
            if not isinstance(table["profile"], str) or not table["profile"].strip():
                raise ConfigError(f"{source}: profile must be the path of a profile file (a string)")
            path = Path(table["profile"]).expanduser()
            kwargs["profile"] = path if path.is_absolute() or base is None else Path(base) / path
        try:
            return cls(**kwargs)
        except ConfigError as exc:
            raise ConfigError(f"{source}: {exc}") from None

    @classmethod
    def from_pyproject(cls, path: str | Path) -> Config:
        """Read ``[tool.newsclean]`` from a ``pyproject.toml`` (defaults when the table is absent)."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: cannot read configuration: {exc}") from None
        table = data.get("tool", {}).get("newsclean")
        if table is None:
            return cls()
        return cls.from_mapping(table, f"{path}: [tool.newsclean]", base=path.parent)


_KIND_WORDS = {
    "boolean": "true or false",
    "integer": "a whole number",
    "number": "a number",
    "string": "a string",
    "list": "a list of strings",
}


def _option_kind(value: Any) -> str | None:
    """The kind of an option value, as TOML would name it (``None`` for kinds not checked)."""
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, (list, tuple)):
        return "list" if all(isinstance(v, str) for v in value) else None
    return None


def find_pyproject(start: str | Path = ".") -> Path | None:
    """The nearest ``pyproject.toml`` at or above ``start`` that has a ``[tool.newsclean]`` table."""
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            try:
                data = tomllib.loads(candidate.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
                continue
            if "newsclean" in data.get("tool", {}):
                return candidate
    return None

"""Corpus mode: counting per site, the profile file, rule NC950, clean_many with sites, the CLI.

The corpora are built here: a few sites, each with its own template lines around varied
articles, so that the tests need nothing outside the repository.
"""

from __future__ import annotations

import io
import json
import pickle
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsclean
from conftest import FIXTURES
from newsclean import Config
from newsclean.cli import main
from newsclean.corpus import (
    PROFILE_VERSION,
    ProfileError,
    TemplateCounter,
    TemplateProfile,
    build_profile,
    document_lines,
    site_of,
)
from newsclean.document import line_key

# Template lines no phrase list knows: only the corpus can tell they are junk.
TEMPLATES = {
    "harbour-gazette.example": (
        ["Harbour Gazette", "Port · Town · Fishing · Weather Desk"],
        ["Gazette Weekender: the best of the week", "Harbour Gazette Ltd, 14 Quay Street, Leith"],
    ),
    "valley-news.example": (
        ["VALLEY NEWS ONLINE", "Valley | Farming | Schools | Roads"],
        ["Send your valley photos to the picture desk", "Valley News is printed in Keswick since 1921"],
    ),
    "metro-daily.example": (
        ["Metro Daily", "City · Transit · Night Life"],
        ["Metro Daily app for transit alerts", "Metro Daily Media, all editions"],
    ),
}
SUBJECTS = ["The council", "A local school", "The ferry operator", "Police", "The hospital", "A bakery", "Farmers"]
VERBS = ["announced", "rejected", "delayed", "approved", "questioned", "celebrated"]
OBJECTS = ["a new timetable", "the budget", "repairs to the pier", "a festival", "the wind farm", "longer hours"]


def article(rng: random.Random, n: int) -> tuple[str, list[str]]:
    """A headline and ``n`` varied sentences."""
    headline = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} in week {rng.randint(1, 52)}"
    body = [
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} on day {rng.randint(1, 28)}, "
        f"after {rng.randint(2, 900)} residents wrote to the {rng.choice(['mayor', 'board', 'editor'])}."
        for _ in range(n)
    ]
    return headline, body


def corpus(pages_per_site: int = 12, seed: int = 7) -> list[dict[str, Any]]:
    """Records ``{"id", "url", "text"}`` of three sites, pages interleaved; each page has its
    site's header and footer (one footer line on most pages only), then an article."""
    rng = random.Random(seed)
    records = []
    for n in range(pages_per_site):
        for site, (head, foot) in TEMPLATES.items():
            headline, body = article(rng, rng.randint(3, 6))
            footer = foot if n % 4 else foot[:1]  # the second footer line is on 3 pages of 4
            text = "\n".join([headline, *head, *body, *footer]) + "\n"
            records.append({"id": f"{site}-{n}", "url": f"https://www.{site}/story/{n}", "text": text})
    return records


def profile_of(records: list[dict[str, Any]], **kwargs: Any) -> TemplateProfile:
    counter = TemplateCounter(**kwargs)
    for r in records:
        counter.add(r["url"], r["text"])
    return counter.profile()


@pytest.fixture(scope="module")
def records() -> list[dict[str, Any]]:
    return corpus()


@pytest.fixture(scope="module")
def profile(records: list[dict[str, Any]]) -> TemplateProfile:
    return profile_of(records)


# --- sites and counting --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "site"),
    [
        ("https://www.Example.com/a/b?c=1", "example.com"),
        ("http://news.example.co.uk:8080/x", "news.example.co.uk"),
        ("//cdn.example.org/x", "cdn.example.org"),
        ("www.example.com/path", "example.com"),
        ("Example.com", "example.com"),
        ("my site", "my site"),
    ],
)
def test_site_of(value: str, site: str) -> None:
    assert site_of(value) == site


def test_counts_are_documents_per_line(records: list[dict[str, Any]], profile: TemplateProfile) -> None:
    gazette = profile.site("https://harbour-gazette.example/")
    assert gazette is not None and gazette.documents == 12
    assert {t.key: t.count for t in gazette.lines.values()} == {
        line_key(line): 12
        for line in TEMPLATES["harbour-gazette.example"][0] + TEMPLATES["harbour-gazette.example"][1][:1]
    } | {line_key(TEMPLATES["harbour-gazette.example"][1][1]): 9}
    # a line twice on one page counts once
    counter = TemplateCounter()
    for _ in range(5):
        counter.add("a.example", "Menu\nMenu\nMenu\n")
    site = counter.profile().site("a.example")
    assert site is not None and site.get("menu") is not None and site.get("menu").count == 5  # type: ignore[union-attr]


def test_thresholds(records: list[dict[str, Any]]) -> None:
    counter = TemplateCounter()
    for r in records:
        counter.add(r["url"], r["text"])
    strict = counter.profile(min_share=0.9).site("harbour-gazette.example")
    assert strict is not None and len(strict.lines) == 3  # the 9-of-12 footer line is out
    assert counter.profile(min_documents=13).sites == {}
    with pytest.raises(ValueError, match="min_documents"):
        counter.profile(min_documents=1)


def test_small_sites_are_left_out() -> None:
    counter = TemplateCounter()
    for i in range(4):
        counter.add("tiny.example", f"Tiny menu\nStory {i}.\n")
    assert counter.profile().sites == {}


def test_pruned_counts_are_lower_bounds_and_keep_the_template(records: list[dict[str, Any]]) -> None:
    exact = profile_of(records)
    tight = profile_of(records, max_lines_per_site=6, max_entries=60)
    for name, site in tight.sites.items():
        for slot, line in site.lines.items():
            assert line.count <= exact.sites[name].lines[slot].count
    for name in TEMPLATES:
        site = tight.sites[name]
        assert site.error > 0, "the tight caps must prune"
        for line in TEMPLATES[name][0]:
            assert site.get(line_key(line)) is not None, f"{line!r} lost by pruning"


def test_long_lines_are_counted_by_digest_and_keep_their_text() -> None:
    long_line = "All materials on this site are protected by copyright and may not be reproduced without consent."
    counter = TemplateCounter()
    for i in range(6):
        counter.add("x.example", f"{long_line}\nStory {i} here.\n")
    site = counter.profile().site("x.example")
    assert site is not None
    (slot,) = site.lines
    assert slot.startswith(" ") and site.lines[slot].key == line_key(long_line)
    assert site.get(line_key(long_line).replace("copyright", "copyleft")) is None
    assert site.get(line_key(long_line)) is not None


def test_merge_equals_one_pass(records: list[dict[str, Any]]) -> None:
    one = profile_of(records)
    parts = [TemplateCounter() for _ in range(3)]
    for i, r in enumerate(records):
        parts[i % 3].add(r["url"], r["text"])
    total = TemplateCounter()
    for part in parts:  # through the plain-data state, as datatrove tasks and Dask partitions do
        total.merge(TemplateCounter.from_state(json.loads(json.dumps(part.state()))))
    assert total.profile() == one


def test_build_profile_workers_give_the_same_profile(records: list[dict[str, Any]], profile: TemplateProfile) -> None:
    pairs = [(r["url"], r["text"]) for r in records]
    assert build_profile(pairs) == profile
    assert build_profile(pairs, workers=2) == profile


# --- the profile file ----------------------------------------------------------------------


def test_profile_round_trip_and_format(profile: TemplateProfile, tmp_path: Path) -> None:
    path = tmp_path / "profile.jsonl"
    with open(path, "wb") as fh:
        profile.write(fh)
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert lines[0]["format"] == "newsclean-template-profile" and lines[0]["version"] == PROFILE_VERSION
    assert lines[0]["min_share"] == 0.5 and lines[0]["documents"] == 36
    assert [r["site"] for r in lines[1:]] == sorted(TEMPLATES)
    assert {"key": "harbour gazette", "count": 12} in lines[1]["lines"]
    loaded = TemplateProfile.load(path)
    assert loaded == profile and hash(loaded) == hash(profile)
    assert Config(profile=path) == Config(profile=profile)  # a path is loaded by Config
    assert pickle.loads(pickle.dumps(profile)) == profile


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty file"),
        (b"not json\n", "malformed JSON"),
        (b'{"format": "something-else"}\n', "not a newsclean template profile"),
        (b'{"format": "newsclean-template-profile", "version": 99}\n', "version 99"),
        (b'{"format": "newsclean-template-profile", "version": 1}\n{"site": "a"}\n', "needs site, documents"),
        (b'{"format": "newsclean-template-profile", "version": 1}\n[1]\n', "expected a JSON object"),
    ],
)
def test_bad_profile_files(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    with pytest.raises(ProfileError, match=message):
        TemplateProfile.load(path)
    with pytest.raises(newsclean.ConfigError, match=message):
        Config(profile=str(path))


# --- the rule ------------------------------------------------------------------------------


def test_rule_removes_template_lines_with_site_and_count(
    records: list[dict[str, Any]], profile: TemplateProfile
) -> None:
    config = Config(profile=profile)
    r = records[0]
    findings = [f for f in newsclean.check(r["text"], config.for_site(r["url"])) if f.code == "NC950"]
    removed = [r["text"][f.start : f.end].strip() for f in findings]
    head, foot = TEMPLATES["harbour-gazette.example"]
    assert removed == [*head, *foot[:1]]  # page 0 carries only the first footer line
    assert findings[0].message == "line on 12 of 12 pages of harbour-gazette.example"
    headline = r["text"].split("\n")[0]
    assert newsclean.clean(r["text"], config.for_site(r["url"])).startswith(headline + "\n")


def test_without_profile_or_site_nothing_changes(records: list[dict[str, Any]], profile: TemplateProfile) -> None:
    r = records[0]
    plain = newsclean.check(r["text"])
    assert newsclean.check(r["text"], Config(profile=profile)) == plain  # no site
    assert newsclean.check(r["text"], Config(profile=profile).for_site("elsewhere.example")) == plain
    assert newsclean.check(r["text"], Config().for_site(r["url"])) == plain  # no profile
    assert not any(f.code == "NC950" for f in plain)


def test_for_site_is_cheap_and_normalises(profile: TemplateProfile) -> None:
    base = Config(profile=profile)
    a = base.for_site("https://www.valley-news.example/x")
    assert a.site == "valley-news.example" and a == base.for_site("valley-news.example")
    assert a.site_template() is profile.sites["valley-news.example"]
    assert base.for_site(None) is base and a.for_site(None) == base
    # sites without a template share the config (and so its cached rule plan)
    assert base.for_site("elsewhere.example") is base and Config().for_site("valley-news.example") == Config()
    assert pickle.loads(pickle.dumps(a)) == a and hash(a) != hash(base)


def test_repeated_quote_kept_unless_on_nearly_every_page() -> None:
    quote = '"We will keep the ferry running all winter," the operator told the council on Monday.'
    counter = TemplateCounter()
    for i in range(10):
        body = f"Story {i} begins with a long sentence about the harbour and its boats.\n"
        counter.add("f.example", f"Headline number {i} here\nMenu line\n{body}{quote if i < 7 else ''}\n")
    config = Config(profile=counter.profile()).for_site("f.example")
    page = f"Headline number 3 here\nMenu line\nStory 3 begins with a long sentence about the harbour.\n{quote}\n"
    assert newsclean.clean(page, config) == page.replace("Menu line\n", "")
    # the same quote on every page is boilerplate: with prose_min_share 0.7 it goes
    loose = Config(profile=counter.profile(), options={"site-template-line": {"prose_min_share": 0.7}})
    assert quote not in newsclean.clean(page, loose.for_site("f.example"))


def test_explain_shows_site_and_count(
    records: list[dict[str, Any]], profile: TemplateProfile, tmp_path: Path, capsys
) -> None:
    corpus_path = tmp_path / "corpus.jsonl"
    corpus_path.write_text("".join(json.dumps(r) + "\n" for r in records[:3]), encoding="utf-8")
    profile_path = tmp_path / "profile.jsonl"
    with open(profile_path, "wb") as fh:
        profile.write(fh)
    code = main(["clean", "--isolated", "--explain", "--profile", str(profile_path), str(corpus_path)])
    out = capsys.readouterr().out
    assert code == 1
    assert f"{corpus_path}:1:2:1: NC950 line on 12 of 12 pages of harbour-gazette.example [site-template-line]" in out
    assert "    - Harbour Gazette" in out


# --- properties ----------------------------------------------------------------------------

_PROSE = [
    "The council approved the budget after a long debate on Tuesday evening.",
    '"We will not close the library," the mayor told reporters outside the hall.',
    "Repairs to the pier are expected to take four months and cost 2 million euros.",
]
_JUNK = ["Port · Town · Fishing · Weather Desk", "Harbour Gazette", "Gazette Weekender: the best of the week"]
_LINES = st.sampled_from(_PROSE + _JUNK + ["Harbour Gazette Ltd, 14 Quay Street, Leith", "", "Advertisement"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(_LINES, min_size=1, max_size=12), st.sampled_from([0.5, 0.9, 1.0]))
def test_clean_is_idempotent_with_a_profile(lines: list[str], prose_share: float) -> None:
    counter = TemplateCounter()
    for i in range(8):
        page = [_JUNK[0], _JUNK[1], _PROSE[i % 3], f"Line {i} of the story, told in full."]
        counter.add("harbour-gazette.example", "\n".join(page + ([_JUNK[2]] if i % 2 else [])))
    options = {"site-template-line": {"prose_min_share": prose_share}}
    config = Config(profile=counter.profile(), options=options).for_site("harbour-gazette.example")
    text = "\n".join(lines) + "\n"
    once = newsclean.clean(text, config)
    assert newsclean.clean(once, config) == once
    findings = newsclean.check(text, config)
    assert once == (newsclean.tidy(newsclean.apply(text, findings)) if findings else text)
    words = iter(text.split())
    assert all(w in words for w in once.split()), "the output is a subsequence of the input"


def test_clean_many_with_sites_equals_clean_per_site(records: list[dict[str, Any]], profile: TemplateProfile) -> None:
    config = Config(profile=profile)
    expected = [newsclean.clean(r["text"], config.for_site(r["url"])) for r in records]
    assert expected != [newsclean.clean(r["text"]) for r in records]
    items = [(r["url"], r["text"]) for r in records]
    for workers in (1, 2):
        got = [text for _, text in newsclean.clean_many(items, config, workers=workers, site_of=lambda it: it[0])]
        assert got == expected
    findings = list(newsclean.check_many(items, config, site_of=lambda it: it[0]))
    assert [f for _, f in findings] == [newsclean.check(r["text"], config.for_site(r["url"])) for r in records]


def test_document_lines_match_line_key() -> None:
    """The counting pass's fast keys are the rule's keys, on real scrapes and odd cases."""
    texts = ["  • Related Articles: \n\nREAD  MORE »\nx\n", "ǅungla\tStraße  ẞ\u00a0İstanbul\n—ΣΑΣ—\n"]
    texts += [p.read_text(encoding="utf-8") for p in sorted((FIXTURES / "seeds").glob("*.txt"))]
    for text in texts:
        expected = {line_key(t) for t in text.split("\n")} - {""}
        assert sorted(document_lines(text).values()) == sorted(expected)


# --- the command line ----------------------------------------------------------------------


def _write_corpus(path: Path, records: list[dict[str, Any]], nested: bool = False) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in records:
            row = {"id": r["id"], "meta": {"url": r["url"]}, "doc": {"body": r["text"]}} if nested else r
            fh.write(json.dumps(row) + "\n")


def test_cli_profile_then_clean(
    records: list[dict[str, Any]], profile: TemplateProfile, tmp_path: Path, capsys
) -> None:
    corpus_path = tmp_path / "corpus.jsonl"
    _write_corpus(corpus_path, records, nested=True)
    out = tmp_path / "profile.jsonl"
    args = ["profile", "--field", "doc.body", "--site-field", "meta.url", str(corpus_path), "-o", str(out)]
    assert main(args) == 0
    assert "36 documents of 3 sites counted; 3 sites with template lines" in capsys.readouterr().err
    assert TemplateProfile.load(out) == profile
    assert main([*args[:-2], "--workers", "2", "-o", str(tmp_path / "p2.jsonl")]) == 0
    assert (tmp_path / "p2.jsonl").read_bytes() == out.read_bytes()

    clean_args = ["clean", "--isolated", "--field", "doc.body", "--site-field", "meta.url", "--profile", str(out)]
    assert main([*clean_args, str(corpus_path)]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    config = Config(profile=profile)
    assert [row["doc"]["body"] for row in rows] == [
        newsclean.clean(r["text"], config.for_site(r["url"])) for r in records
    ]
    assert (
        main(
            [
                "check",
                "--isolated",
                "--field",
                "doc.body",
                "--site-field",
                "meta.url",
                "--profile",
                str(out),
                str(corpus_path),
            ]
        )
        == 1
    )
    assert "NC950 line on 12 of 12 pages of harbour-gazette.example" in capsys.readouterr().out


def test_cli_plain_text_with_site(
    profile: TemplateProfile, records: list[dict[str, Any]], tmp_path: Path, capsys
) -> None:
    out = tmp_path / "profile.jsonl"
    with open(out, "wb") as fh:
        profile.write(fh)
    page = tmp_path / "page.txt"
    page.write_text(records[1]["text"], encoding="utf-8")
    assert main(["check", "--isolated", "--profile", str(out), "--site", "valley-news.example", str(page)]) == 1
    assert "NC950 line on 12 of 12 pages of valley-news.example" in capsys.readouterr().out
    assert main(["check", "--isolated", "--site", "valley-news.example", str(page)]) == 2
    assert "--site names the site for a template profile" in capsys.readouterr().err


def test_pyproject_names_the_profile(
    profile: TemplateProfile, records: list[dict[str, Any]], tmp_path: Path, monkeypatch, capsys
) -> None:
    """``profile = "..."`` in [tool.newsclean], relative to the pyproject.toml: clean and
    check use it as --profile does (plain text with --site, JSONL by its url field)."""
    project = tmp_path / "project"
    (project / "data").mkdir(parents=True)
    with open(project / "data" / "profile.jsonl", "wb") as fh:
        profile.write(fh)
    (project / "pyproject.toml").write_text('[tool.newsclean]\nprofile = "data/profile.jsonl"\n', encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text(records[1]["text"], encoding="utf-8")
    corpus = tmp_path / "corpus.jsonl"
    _write_corpus(corpus, records)
    monkeypatch.chdir(tmp_path)  # the config is named by --config, not found from here
    config = str(project / "pyproject.toml")
    assert main(["check", "--config", config, "--site", "valley-news.example", str(page)]) == 1
    assert "NC950 line on 12 of 12 pages of valley-news.example" in capsys.readouterr().out
    assert main(["check", "--config", config, str(corpus)]) == 1
    assert "NC950" in capsys.readouterr().out
    assert main(["check", "--isolated", "--site", "valley-news.example", str(page)]) == 2
    assert "pass --profile FILE (or set profile in [tool.newsclean])" in capsys.readouterr().err
    (project / "pyproject.toml").write_text('[tool.newsclean]\nprofile = "missing.jsonl"\n', encoding="utf-8")
    assert main(["check", "--config", config, str(page)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "missing.jsonl" in err and "[tool.newsclean]" in err
    (project / "pyproject.toml").write_text("[tool.newsclean]\nprofile = 3\n", encoding="utf-8")
    assert main(["check", "--config", config, str(page)]) == 2
    assert "profile must be the path of a profile file" in capsys.readouterr().err


def test_cli_errors_are_one_line(tmp_path: Path, records: list[dict[str, Any]], capsys) -> None:
    corpus_path = tmp_path / "corpus.jsonl"
    _write_corpus(corpus_path, records[:6])
    bad = tmp_path / "bad.jsonl"
    bad.write_text("hello\n", encoding="utf-8")
    assert main(["clean", "--isolated", "--profile", str(bad), str(corpus_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.jsonl:1: malformed JSON" in err
    assert main(["clean", "--isolated", "--profile", str(tmp_path / "missing.jsonl"), str(corpus_path)]) == 2
    assert "no such file" in capsys.readouterr().err.lower()
    assert main(["profile", "--site-field", "nope", str(corpus_path)]) == 2
    err = capsys.readouterr().err
    assert "6 record(s) without a string field 'nope' were not counted" in err
    assert "nothing to count" in err
    assert main(["profile", "--min-share", "2", str(corpus_path)]) == 2
    assert "at most 1" in capsys.readouterr().err
    assert main(["profile", "--max-lines-per-site", "64", str(corpus_path), "-o", str(tmp_path / "c.jsonl")]) == 0
    assert TemplateProfile.load(tmp_path / "c.jsonl").params["max_lines_per_site"] == 64
    capsys.readouterr()
    corpus_path.write_text(corpus_path.read_text(encoding="utf-8") + "{broken\n", encoding="utf-8")
    assert main(["profile", str(corpus_path), "-o", str(tmp_path / "p.jsonl")]) == 2
    assert "corpus.jsonl:7: malformed JSON" in capsys.readouterr().err
    assert not (tmp_path / "p.jsonl").exists()
    assert main(["profile", "--bad-lines", "skip", str(corpus_path), "-o", str(tmp_path / "p.jsonl")]) == 0


def test_cli_missing_site_field_warns_once(
    tmp_path: Path, records: list[dict[str, Any]], profile: TemplateProfile, capsys
) -> None:
    corpus_path = tmp_path / "corpus.jsonl"
    _write_corpus(corpus_path, records[:6])
    out = tmp_path / "profile.jsonl"
    with open(out, "wb") as fh:
        profile.write(fh)
    assert (
        main(["check", "--isolated", "--exit-zero", "--site-field", "link", "--profile", str(out), str(corpus_path)])
        == 0
    )
    captured = capsys.readouterr()
    assert captured.err.count("without a string field 'link' were cleaned without the profile") == 1
    assert "NC950" not in captured.out


def test_console_script_profile_and_clean(records: list[dict[str, Any]], tmp_path: Path) -> None:
    corpus_path = tmp_path / "corpus.jsonl"
    _write_corpus(corpus_path, records)
    exe = Path(sys.executable).with_name("newsclean")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "newsclean"]
    done = subprocess.run([*cmd, "profile", str(corpus_path)], capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    profile = TemplateProfile.read(io.BytesIO(done.stdout))
    assert sorted(profile.sites) == sorted(TEMPLATES)
    (tmp_path / "p.jsonl").write_bytes(done.stdout)
    cleaned = subprocess.run(
        [*cmd, "clean", "--isolated", "--profile", str(tmp_path / "p.jsonl"), str(corpus_path)],
        capture_output=True,
        timeout=120,
    )
    assert cleaned.returncode == 0, cleaned.stderr
    rows = [json.loads(line) for line in cleaned.stdout.decode("utf-8").splitlines()]
    assert not any("Harbour Gazette\n" in row["text"] for row in rows)
    assert all(row["text"].split("\n")[0] == r["text"].split("\n")[0] for row, r in zip(rows, records))


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=80).map(lambda t: t.replace("\r", "\n")))
def test_document_lines_equal_line_key_on_any_text(text: str) -> None:
    expected = {line_key(t) for t in text.split("\n")} - {""}
    assert sorted(document_lines(text).values()) == sorted(expected)


def test_joined_counts_leave_out_long_lines_no_part_saw_twice() -> None:
    """A long line's text is kept from its second page on (memory); joined from parts that
    each saw it once, it has no text to check a match against, so it stays out."""
    long_line = "This paragraph is long enough to be counted by its slot rather than by its own text."
    parts = []
    for i in range(6):
        part = TemplateCounter()
        part.add("x.example", f"{long_line}\nShort menu\nStory {i}.\n")
        parts.append(part)
    total = TemplateCounter()
    for part in parts:
        total.merge(part)
    site = total.profile().site("x.example")
    assert site is not None and site.get("short menu") is not None
    assert site.get(line_key(long_line)) is None


def test_pruning_keeps_a_template_larger_than_the_cap() -> None:
    """Lines tied at the top survive a prune: a menu of 40 lines on every page, cap 32."""
    menu = "\n".join(f"Section {n}" for n in range(40))
    counter = TemplateCounter(max_lines_per_site=32)
    for i in range(10):
        body = "\n".join(f"Sentence {j} of story {i} is unique to it." for j in range(5))
        counter.add("big.example", f"{menu}\n{body}\n")
    site = counter.profile().site("big.example")
    assert site is not None and site.error > 0
    assert {t.key for t in site.lines.values()} == {f"section {n}" for n in range(40)}
    assert all(t.count == 10 for t in site.lines.values())

"""Second pass over full-page dumps: leftover furniture outside the article's prose region."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator
from itertools import accumulate

from ..document import Document
from ..registry import Context, rule
from ..spans import Hit
from ._lines import ends_sentence, holds_title_headline, is_text, text_weight, text_weights

__all__ = ["is_text", "prose_region", "text_weight"]


def prose_region(
    doc: Document, penalty: int, removed: set[int] | frozenset[int] = frozenset()
) -> tuple[int, int] | None:
    """Positions (among the non-blank lines) of the first and last line of the article's
    prose region: the run of lines with the best balance of prose words (each prose line
    scores its word count) against other lines (each costs ``penalty``), as in Finn's
    body-text extraction. ``None`` when the text has no prose line."""
    best, current, start = 0, 0, 0
    found: tuple[int, int] | None = None
    weights = text_weights(doc)
    for p, i in enumerate(doc.nonblank):
        if current <= 0:
            current, start = 0, p
        weight = weights[p]
        current += weight if weight and i not in removed else -penalty
        if current > best:
            best, found = current, (start, p)
    return found


@rule(
    "NC902",
    "outside-article-run",
    "Runs of short lines outside the article's prose region, walled in by removed junk",
    stage=2,
    defaults={
        "penalty": 5,
        "min_wall": 2,
        "max_summary_words": 60,
        "headline_lines": 2,
        "start_is_wall": True,
        "ignore_neighbours_from": ["NC0", "NC15", "NC205", "NC6", "NC7"],
        "region_ignores": ["NC208"],
    },
)
def outside_article_run(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes a run of consecutive lines that lies wholly before or wholly after the
    article's prose region and is walled in: its nearest non-blank neighbours above and below
    belong to blocks of at least ``min_wall`` lines that other rules removed whole (or are the
    start or end of the text; bylines, dates, repeats and ad labels make no wall: an article
    has them between its own paragraphs; nor do the DOM rules' removals on an HTML page,
    whose main content the DOM already chose: measured on the Scrapinghub pages, such walls
    cut the article's own paragraphs, F1 0.967 -> 0.962). The run holds headline-shaped lines, and may hold teasers: a
    headline followed by a one-paragraph summary (at most ``max_summary_words`` words), when
    it has three headlines and two summaries or more (a summary follows a line without a full
    stop). A line removed on its own (a time
    stamp under a teaser) does not end a run.

    The prose region is found as in Finn's body-text extraction: the run of non-blank lines
    where text lines (each scoring its words) best outweigh the others (each costing
    ``penalty``, as does every line other rules removed, but for the codes in
    ``region_ignores``: a site's fine print under the article counts as text there, and as a
    penalty it moved a one-paragraph story's region into the trail below, the story lost
    (daniel zh dumps, a "凡注明...转载" disclaimer under it).

    Why: a full-page dump is menus, link lists and footers around one dense run of
    paragraphs. Once the other rules removed the furniture they recognise, the headlines of
    other stories, bare section names and teaser lists left between two removed blocks, away
    from the article, are the same furniture.

    Example: a removed menu, ``Harbour ferry fares to rise in January``, a removed
    ``Search`` / ``Sign in`` block, then the article: the headline is removed; after the
    footer, ``Storm warning issued ...`` / ``Forecasters expect strong winds ...`` /
    ``2h ago`` three times over is removed.

    Keeps: the headline slot (the last run of at most ``headline_lines`` lines above the
    article, with nothing kept in between, even when a share bar cuts it off), anything inside
    the prose region (sub-heads with one paragraph each), every run
    that touches a kept line (the headline and standfirst above the article, a table after
    its last paragraph), runs cut by single removed lines (a product list between ad labels),
    two paragraphs in a row, any line longer than a summary, and teasers between the start of
    the text and the first wall (a short post whose prose region lost to a sidebar: the start
    of the text walls in stubs only).
    """
    # The other second-pass rules' findings are left out: they change from round to round,
    # and a line both rules remove must not make each wait for the other (see engine.run).
    flagged = ctx.removed.lines(excluding=("NC9", *ctx.options["ignore_neighbours_from"]))
    if not flagged:
        return
    already = ctx.removed.lines(excluding=("NC9",))
    # Fine print the rules removed still counts as text when the prose region is sought: a
    # site's disclaimer stands under the article, and as a penalty it moved a one-paragraph
    # story's region into the trail below (daniel zh dumps, xinmin: the article lost).
    region_flagged = (
        ctx.removed.lines(excluding=("NC9", *ctx.options["ignore_neighbours_from"], *ctx.options["region_ignores"]))
        if ctx.options["region_ignores"]
        else flagged
    )
    region = prose_region(doc, int(ctx.options["penalty"]), region_flagged)
    if region is None:
        return
    nonblank = doc.nonblank
    first, last = region

    # Length of the block of removed lines each removed line belongs to: a wall is a block of
    # at least ``min_wall`` lines (a menu, a trail, a footer), not one line a local rule took
    # out of the article (an affiliate disclaimer between two product descriptions).
    block = [0] * len(nonblank)
    p = 0
    while p < len(nonblank):
        if nonblank[p] not in flagged:
            p += 1
            continue
        q = p
        while q < len(nonblank) and nonblank[q] in flagged:
            q += 1
        block[p:q] = [q - p] * (q - p)
        p = q
    min_wall = int(ctx.options["min_wall"])

    summaries: set[int] = set()
    max_summary = int(ctx.options["max_summary_words"])
    headline_lines = int(ctx.options["headline_lines"])
    start_is_wall = bool(ctx.options["start_is_wall"])
    weights = text_weights(doc)
    for segment in (range(0, first), range(last + 1, len(nonblank))):
        found: list[list[int]] = []
        run: list[int] = []
        texts = 0
        walled_headline = 0  # 1 when the run opens with a summary whose headline is in the wall above
        wall_above = start_is_wall and segment.start == 0  # the article itself is no wall
        # The start of the text walls in stubs only: a run there that holds paragraphs is as
        # likely a short post whose prose region lost to a sidebar (measured on dragnet: a blog
        # post between its date and "Older Post Home" read as teasers).
        above_is_start = wall_above
        for p in segment:
            i = nonblank[p]
            if i in already:
                if block[p] >= min_wall:
                    if (
                        run
                        and wall_above
                        and _furniture(run, texts, walled_headline)
                        and not (above_is_start and texts)
                    ):
                        found.append(run)
                    run, texts, wall_above, walled_headline = [], 0, True, 0
                    above_is_start = False
                # A line removed alone (a time stamp under a teaser, an ad label) or by a rule
                # that is no evidence (a byline under the headline, a repeat) is no wall.
                continue
            if weights[p]:
                # A teaser's summary: one paragraph right after a headline-shaped line, or right
                # after a wall, which may end with its teaser's headline (a trail rule that
                # took the header and the first headline but not its summary).
                # The line above must read as a headline (no full stop): after a data row
                # ("100 euro - 1025.25 UAH."), a paragraph is the article's (measured on daniel:
                # a Russian rates report lost all its text).
                after_headline = (
                    bool(run) and run[-1] not in summaries and _headline_shaped(doc.lines[nonblank[run[-1]]])
                )
                after_wall = not run and p > 0 and nonblank[p - 1] in already and block[p - 1] >= min_wall
                if (after_headline or after_wall) and doc.word_counts[i] <= max_summary:
                    run.append(p)
                    summaries.add(p)
                    texts += 1
                    walled_headline = walled_headline or int(after_wall)
                else:
                    run, texts, wall_above, walled_headline = [], 0, False, 0  # a kept paragraph breaks the wall
                    above_is_start = False
                continue
            run.append(p)
        if segment.stop == len(nonblank):
            if run and wall_above and _furniture(run, texts, walled_headline) and not (above_is_start and texts):
                found.append(run)
        elif found and not run and len(found[-1]) <= headline_lines:
            # The headline slot: the last short run above the article, with nothing kept
            # between it and the first paragraph, is the headline (and standfirst) that a
            # share bar or a photo credit cut off from the article.
            found.pop()
        for kept_run in found:
            if not holds_title_headline(doc, kept_run):
                yield from _hits(doc, kept_run)


def _sentence(doc: Document, i: int) -> bool:
    """Line ``i`` has four words or more and a sentence ending, or starts in lower case (a
    line of prose wrapped by the page's layout, measured on dragnet): article text, no stub."""
    if doc.word_counts[i] >= 4 and doc.sentence_ends[i]:
        return True
    return bool(doc.per_line("starts-in-lower-case", _starts_in_lower_case)[i])


def _starts_in_lower_case(text: str) -> bool:
    """The first letter of ``text`` is a lower-case one."""
    return next((ch for ch in text if ch.isalpha()), "").islower()


def _sentence_case(doc: Document, block: list[int]) -> bool:
    """Lines of four words or more on average, half their inner words in lower case: a list
    in the article's own words ("Easy setup for all your devices"), not Title Case menu
    entries or headlines."""
    lines = [doc.lines[doc.nonblank[p]].split() for p in block]
    if sum(map(len, lines)) < 4 * len(lines):
        return False
    inner = [w for words in lines for w in words[1:] if w[:1].isalpha() and w[:1].lower() != w[:1].upper()]
    return bool(inner) and 2 * sum(1 for w in inner if w[:1].islower()) >= len(inner)


def _kept_blocks(doc: Document, run: list[int], flagged: Collection[int]) -> list[list[int]]:
    """The positions of ``run`` not removed by other rules, cut where a removed line stands."""
    blocks: list[list[int]] = [[]]
    for p in run:
        if doc.nonblank[p] in flagged:
            if blocks[-1]:
                blocks.append([])
        else:
            blocks[-1].append(p)
    return [b for b in blocks if b]


def _list_of_the_article(doc: Document, run: list[int], flagged: Collection[int]) -> bool:
    """A run that reads as the article's own list: half its kept lines or more hold a digit or
    a "label: value" colon (a table, a calendar, a numbered list, a line-up; a headline's
    time or date stamp is no digit of data, see :func:`_data_line`), or a line of it (or the
    kept line above it) ends with a colon: a list the article introduces."""
    nonblank = doc.nonblank
    kept = [nonblank[p] for p in run if nonblank[p] not in flagged]
    if not kept:
        return False
    if 2 * sum(1 for i in kept if _data_line(doc.lines[i])) >= len(kept):
        return True
    above = next((nonblank[p] for p in range(run[0] - 1, -1, -1) if nonblank[p] not in flagged), None)
    introducers = [i for i in kept[:-1] if doc.lines[i].rstrip().endswith(":")]
    return bool(introducers) or (above is not None and doc.lines[above].rstrip().endswith(":"))


#: A time or date stamp at the start or the end of a line: "14:37 ...", "... 9/4",
#: "... (09/12 - 11:06)", "... [ 14:11 9/4 ]", "... [ «E» 9/4 ]". A dot makes a date only
#: with its year ("(Only 1.99 $)" is a price); at the start of a line a slash makes a date
#: with its year or with two digits on each side ("05/12 ..."): "1/2 cup butter" is a recipe's.
_CLOCK = r"\d{1,2}:\d{2}"
_DATE_WITH_YEAR = r"\d{1,2}[/.]\d{1,2}[/.]\d{2,4}"
_CLOCK_OR_DATE = rf"(?:{_CLOCK}|{_DATE_WITH_YEAR}|\d{{1,2}}/\d{{1,2}})(?![\w/.])"
_LEADING_STAMP = re.compile(rf"^[(\[]?\s*(?:{_CLOCK}|{_DATE_WITH_YEAR}|\d{{2}}/\d{{2}})(?![\w/.])\s*[)\]]?\s+")
_TRAILING_STAMP = re.compile(
    rf"(?:\s+{_CLOCK_OR_DATE}|\s*[(\[]\s*(?:«?\w{{1,3}}»?\s+)?{_CLOCK_OR_DATE}(?:\s*[-–,]?\s*{_CLOCK_OR_DATE})*\s*[)\]])\s*$"
)


def _stamped_headline(line: str) -> str:
    """The words of a headline that a time or date stamp opens or closes, or "" when the line
    has no stamp or fewer than three words besides it."""
    rest = _TRAILING_STAMP.sub("", _LEADING_STAMP.sub("", line, count=1), count=1)
    return rest if rest != line and len(rest.split()) >= 3 else ""


def _data_line(text: str) -> bool:
    """A line of a table, a calendar or a line-up: a digit or a "label: value" colon. A
    teaser's headline is none: its time or date stamp ("14:37 Ministers meet unions",
    "Ministers meet unions (09/12 - 11:06)", "... [ 14:11 9/4 ]") is no figure, nor is a
    quote's speaker in it. Measured on daniel's el and ru dumps: lists of stamped headlines
    were a fifth of the junk NC903 kept. (Reading every "Speaker: quote" line as no data,
    stamped or not, cost dragnet's galleries their "Role: ..." captions: 448 gold shingles.)"""
    line = text.strip()
    rest = _stamped_headline(line)
    if rest and not any(map(str.isdigit, rest)):
        return False
    return ": " in line or any(map(str.isdigit, line))


def _headline_shaped(text: str) -> bool:
    """No sentence ending (a question or a cut-off title may end it): a data row ("100 euro -
    1025.25 UAH.") is no teaser's headline. (Requiring three words or more too cost 0.011 F1 on
    the Scrapinghub dumps: teaser headlines of one or two words.)"""
    return not ends_sentence(text) or text.rstrip().endswith(("?", "...", "…"))


def _furniture(run: list[int], texts: int, walled_headlines: int = 0) -> bool:
    """A run of stubs, or a list of teasers: three headlines or more (counting one left in
    the wall above), two summaries or more."""
    return texts == 0 or (len(run) - texts + walled_headlines >= 3 and texts >= 2)


_EMOTICONS = (":)", ":-)", ";)", ";-)", ":D", ":-D", ":(", ":-(", ":P", "^^", "^_^")


def _ends_in_smiley(line: str) -> bool:
    """Whether ``line`` ends in an emoji (a symbol of category So) or an ASCII emoticon."""
    text = line.rstrip()
    return bool(text) and (unicodedata.category(text[-1]) == "So" or text.endswith(_EMOTICONS))


def _hits(doc: Document, run: list[int]) -> Iterator[Hit]:
    for p in run:
        i = doc.nonblank[p]
        start, end = doc.line_span(i)
        yield Hit(start, end, f"line {doc.lines[i].strip()[:40]!r} outside the article, between removed blocks")


@rule(
    "NC903",
    "stub-run-outside-article",
    "Runs of short non-sentence lines before or after the article's prose region",
    stage=2,
    defaults={
        "penalty": 5,
        "min_run": 3,
        "max_words": 12,
        "max_words_after": 24,
        "headline_lines": 5,
        "tail_lines": 1,
        "min_region_words": 60,
        "min_region_lines": 3,
        "min_outside_lines": 12,
        "region_ignores": ["NC208"],
    },
)
def stub_run_outside_article(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes runs of at least ``min_run`` consecutive short lines that are not running text
    (menus, link lists, section names, footers) lying wholly before or after the article's
    prose region, whatever their words: the structure alone marks them, as jusText judges a
    block by its neighbours.

    Why: a full-page dump is a dense run of paragraphs between menus and link lists in every
    language; phrase lists only know the words they were given.

    Example: ``Politics`` / ``Economy`` / ``Sport`` / ``Weather`` above the article, or
    ``About us`` / ``Contact`` / ``Jobs`` below it, are removed.

    Keeps: every line of running text (any script: :func:`is_text`), everything inside the
    prose region, the headline slot (the last ``headline_lines`` kept lines above the region
    that read as a headline, dateline or byline: three words or more, or a digit), the first
    ``tail_lines`` such line after it (a signature, a credit), runs shorter than ``min_run`` lines (lines other rules removed count towards a
    run; a short sentence, four words and a full stop, or a line over ``max_words`` words
    breaks one, over ``max_words_after`` words below the region; a line over ``max_words``
    words stays in a block right under the region, which may be the article's own list), runs that read as the
    article's own list (half their lines hold a digit or a "label: value" colon: a table, a
    calendar, a numbered list; a clock or a date that stamps a headline, "14:37 Ministers
    meet unions" or "Ministers meet unions (09/12 - 11:06)", is no such digit: those are
    other stories' headlines;
    the line above ends with a colon; or, next to the region, its lines are in sentence case:
    "Easy setup for all your devices"), and the whole text when
    its prose region has fewer than ``min_region_words`` words or ``min_region_lines`` lines,
    or less running text than the rest of the page (a list article has no region to judge
    by), or fewer than ``min_outside_lines`` short lines outside it (an extractor's output,
    whose short lines are mostly the article's); a line starting in lower case (prose wrapped
    by the layout) breaks a run. The region is sought as in NC902, the lines of the rules in
    ``region_ignores`` (a site's fine print under the article) counting as text.
    """
    # NC902's lines count as removed (it never sees this rule's, so the two cannot wait for
    # each other); the other second-pass rules' findings change from round to round.
    flagged = ctx.removed.lines(excluding=("NC9",), but=("NC902",))
    # Fine print counts as text where the region is sought, as in NC902: once NC208 took a
    # Greek site's comment disclaimer under the article, the region shrank and its headline and
    # standfirst, cut from it by a one-word dateline, read as a run outside (daniel el, tovima).
    ignores = tuple(ctx.options["region_ignores"])
    region_flagged = ctx.removed.lines(excluding=("NC9", *ignores), but=("NC902",)) if ignores else flagged
    region = prose_region(doc, int(ctx.options["penalty"]), region_flagged)
    if region is None:
        return
    first, last = region
    nonblank = doc.nonblank
    weights = text_weights(doc)
    inside = sum(weights[first : last + 1])
    # A page whose running text is not mostly in one region (a list article, a game's
    # changelog) has no region to judge by (measured: Scrapinghub pages lost their lists).
    if inside < int(ctx.options["min_region_words"]) or sum(weights) - inside > inside:
        return
    if last - first + 1 < int(ctx.options["min_region_lines"]):
        return
    # Little furniture around the region (an extractor's output, not a page dump): the short
    # lines there are more often the article's headline, subheads and lists than menus
    # (measured on dragnet's trafilatura text: 933 gold shingles lost for 2,347 junk; 12
    # lines and a headline slot of 5 kept daniel's resiliparse text under its loss ceiling).
    unweighted = _unweighted_before(doc)
    outside = unweighted[first] + unweighted[len(nonblank)] - unweighted[last + 1]
    if outside < int(ctx.options["min_outside_lines"]):
        return
    max_words = int(ctx.options["max_words"])
    # After the region a line of 13 to 24 words with no sentence ending is another story's
    # headline (a "more news" list), not the article's: measured on daniel's ru, pl and el
    # dumps, where such lines broke the runs below the article. Above the region they are as
    # often the article's standfirst (daniel el: as much gold as junk), so the limit there stays.
    max_words_after = int(ctx.options["max_words_after"])
    words = doc.word_counts
    min_run = int(ctx.options["min_run"])
    head = int(ctx.options["headline_lines"])
    tail = int(ctx.options["tail_lines"])
    # The headline slot and the tail: the kept lines nearest the region on either side that
    # read as a headline, dateline or byline (three words or more, or a digit); a one- or
    # two-word section name ends the slot.
    protected: set[int] = set()
    for segment, count in ((range(first - 1, -1, -1), head), (range(last + 1, len(nonblank)), tail)):
        for p in segment:
            if count == 0:
                break
            if nonblank[p] in flagged:
                continue
            text = doc.lines[nonblank[p]]
            if weights[p] or (doc.word_counts[nonblank[p]] < 3 and not any(map(str.isdigit, text))):
                break
            protected.add(p)
            count -= 1
    # The runs are the maximal runs of short non-sentences (kept on the document), cut at the
    # region's edges.
    for low, high, limit in ((0, first, max_words), (last + 1, len(nonblank), max_words_after)):
        for run_start, run_end in _short_runs(doc, limit):
            run_start, run_end = max(run_start, low), min(run_end, high)
            if run_end - run_start >= min_run:
                run = list(range(run_start, run_end))
                # Judge each block of kept lines (between lines other rules removed) on its own:
                # a calendar or a table may sit among menus in one run.
                for block in _kept_blocks(doc, run, flagged):
                    touching = block[0] == last + 1 or block[-1] + 1 == first
                    if _list_of_the_article(doc, block, flagged) or (touching and _sentence_case(doc, block)):
                        continue
                    if holds_title_headline(doc, block):
                        continue
                    for q in block:
                        if q in protected:
                            continue
                        i = nonblank[q]
                        # A long line in a block right under the article is as likely the
                        # article's own list item ("Roast chicken with mustard by ...") or a
                        # closing line without its stop (measured: Scrapinghub and dragnet dumps
                        # lost such lines); only a block cut off from the article by removed
                        # lines loses them.
                        if touching and words[i] > max_words:
                            continue
                        # A long line that ends in an emoji or an emoticon is informal prose
                        # ("... the beauty of Korean tunes 🙂"), not a headline: no headline
                        # ends so (a Scrapinghub page's closing lines).
                        if words[i] > max_words and _ends_in_smiley(doc.lines[i]):
                            continue
                        start, end = doc.line_span(i)
                        message = (
                            f"line {doc.lines[i].strip()[:40]!r} in a run of {len(run)} short lines outside the article"
                        )
                        yield Hit(start, end, message)


def _short_runs(doc: Document, max_words: int) -> list[tuple[int, int]]:
    """The maximal runs ``[start, end)`` of consecutive positions (among the non-blank lines)
    whose lines are short non-sentences: no running text, at most ``max_words`` words, not a
    :func:`_sentence`. Kept on the document: NC903 runs once per round, and its runs are these
    cut at the edges of the prose region."""

    def build() -> list[tuple[int, int]]:
        weights, words, nonblank = text_weights(doc), doc.word_counts, doc.nonblank
        runs: list[tuple[int, int]] = []
        start = -1
        for p, i in enumerate(nonblank):
            if not weights[p] and words[i] <= max_words and not _sentence(doc, i):
                if start < 0:
                    start = p
            elif start >= 0:
                runs.append((start, p))
                start = -1
        if start >= 0:
            runs.append((start, len(nonblank)))
        return runs

    return doc.memoized(("stub-run-outside-article:runs", max_words), build)


def _unweighted_before(doc: Document) -> list[int]:
    """Item ``p``: how many of the first ``p`` non-blank lines are not running text (weight 0).
    Kept on the document."""
    return doc.memoized(
        "stub-run-outside-article:unweighted", lambda: [0, *accumulate(not w for w in text_weights(doc))]
    )

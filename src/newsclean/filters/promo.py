"""Promotion blocks: app downloads, AI-feature teasers, newsletter sign-ups, paywall notices."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..registry import Context, rule
from ..spans import Hit
from ._lines import (
    anchored_runs,
    block_hit,
    is_reported_speech,
    marker_lines,
    matching_stub_lines,
    whole_line_hits,
    word_count,
)


@rule(
    "NC201",
    "promo-block",
    "Promotion blocks: app downloads, AI-feature teasers, follow-us and donation prompts",
    defaults={"max_weak_words": 40},
)
def promo_block(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes promotion blocks: lines such as ``DOWNLOAD THE APP`` or ``Try Our AI Features``,
    and the call-to-action sentences that stand in the same block ("Download our app today
    from your preferred app store and start exploring.").

    Why: the site's advertising for itself, not the article.

    Example: ``DOWNLOAD THE APP`` / ``Get Started Now: Download the App`` / a sentence
    inviting the reader to download the app / ``app-storeplay-store`` are removed together.

    Keeps: a sentence about downloading an app that stands among article paragraphs
    (a quote such as "download the app and check your score," the minister said), because a
    call-to-action sentence is removed only next to an unambiguous promo line.
    """
    phrases = ctx.phrases["promo-block"]
    strong = set(matching_stub_lines(doc, phrases, max_chars=100))
    if not strong:
        return
    weak_re = phrases.pattern("weak_patterns", re.IGNORECASE)
    max_words = int(ctx.options["max_weak_words"])
    lines = doc.lines
    weak = set(doc.matching_lines(weak_re, lambda i: i not in strong and word_count(lines[i]) <= max_words))
    for block in anchored_runs(doc, strong, weak):
        yield block_hit(
            doc, block, f"promo block of {len(block)} line(s) starting {doc.lines[block[0]].strip()[:40]!r}"
        )


@rule("NC202", "newsletter-signup", "Newsletter sign-up prompts and e-mail capture forms", local=True)
def newsletter_signup(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes newsletter sign-up prompts: ``Sign up for our morning briefing``, ``Enter your
    email address``, ``Thank you for subscribing``.

    Why: a form around the article, not the article.

    Example: ``Sign up to our Business Today newsletter`` on its own line is removed.

    Keeps: sentences that mention newsletters and end like a sentence inside the story
    ("The newsletter, founded in 1998, has 40,000 readers.") -- the patterns must match the
    whole line, and lines longer than 200 characters are never considered.
    """
    hits = matching_stub_lines(doc, ctx.phrases["newsletter-signup"], max_chars=200)
    # The patterns allow a tail after the prompt; reported speech in it is the article
    # quoting a prompt ("Sign up for the county's alerts now, officials told residents ...").
    speech = ctx.phrases["reported-speech"]
    hits = (i for i in hits if not is_reported_speech(doc.lines[i], speech))
    yield from whole_line_hits(doc, hits, "newsletter prompt {line!r}")


@rule("NC203", "paywall-notice", "Paywall and subscription notices", local=True)
def paywall_notice(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes paywall notices: ``Subscribe to continue reading``, ``Already a subscriber?
    Log in``, ``You have reached your limit of free articles``.

    Why: they are the site's access control, not the article.

    Example: ``This article is for subscribers only`` is removed.

    Keeps: reporting about paywalls ("The paper put its archive behind a paywall in 2019.").
    """
    hits = matching_stub_lines(doc, ctx.phrases["paywall-notice"], max_chars=200)
    yield from whole_line_hits(doc, hits, "paywall notice {line!r}")


@rule(
    "NC209",
    "support-appeal",
    "Appeals to the reader: memberships, donations, subscriptions, 'follow us' lines",
    defaults={"max_words": 90},
    local=True,
)
def support_appeal(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes paragraphs that appeal to the reader to pay, join, donate or follow: ``If you
    enjoyed this article, we have a proposition for you: join ...``, ``Follow @Deals on
    Twitter to ...``, ``Get access to ... subscription for as little as ...``.

    Why: the publisher's fundraising, not the story.

    Example: ``We do this work every day at no cost to you, but it is far from free to
    produce. Make a donation today.`` is removed.

    Keeps: reporting on memberships or donations, which does not address the reader in
    these formulas, and paragraphs longer than ``max_words``.
    """
    markers = ctx.phrases["support-appeal"].markers
    found = marker_lines(doc, markers, int(ctx.options["max_words"]), max_chars=800)
    yield from whole_line_hits(doc, found, "appeal to the reader {line!r}")

"""Media-player residue: the labels and clocks of audio and video players."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..document import Document
from ..registry import Context, rule
from ..spans import Hit
from ._lines import anchored_runs, block_hit, matching_stub_lines

_CLOCK = re.compile(r"^\s*-?\d{1,2}:\d{2}(?::\d{2})?\s*$")


@rule("NC801", "media-player", "Media-player residue ('Podcasts', '0:00', '24:55', 'Playback speed')")
def media_player(doc: Document, ctx: Context) -> Iterator[Hit]:
    """Removes the text of audio and video players: ``Podcasts``, ``0:00``, ``24:55``,
    ``Listen to this article``, ``Playback speed``, ``Your browser does not support ...``.

    Why: player controls and clocks, left in the text when a page is flattened.

    Example: ``Podcasts`` / ``0:00`` / ``24:55`` / ``0:00`` / ``15:36`` are removed as one block.

    Keeps: a clock time or a word such as "Speed" or "Quality" on its own line when no
    unambiguous player line stands next to it (a live-blog time stamp, a review's subhead).
    """
    phrases = ctx.phrases["media-player"]
    strong = set(matching_stub_lines(doc, phrases, max_chars=80))
    if not strong:
        return
    weak_words = frozenset(phrases.extra.get("weak_lines", ()))
    weak = {
        i
        for i in doc.nonblank
        if i not in strong and len(doc.lines[i]) <= 20 and (_CLOCK.match(doc.lines[i]) or doc.key(i) in weak_words)
    }
    for block in anchored_runs(doc, strong, weak):
        yield block_hit(doc, block, f"media player residue ({len(block)} line(s))")

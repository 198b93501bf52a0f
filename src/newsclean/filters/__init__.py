"""The built-in rules, one module per junk family. Importing this package registers them.

| family | module      | what it finds                                         |
|--------|-------------|-------------------------------------------------------|
| NC0    | hygiene     | mojibake, Cloudflare residue, invisible characters     |
| NC1    | navigation  | skip links, logos, icon-name runs, menus, footers     |
| NC2    | promo, widgets | promo blocks, newsletters, paywalls, share bars, ads, cookies, tags |
| NC3    | comments    | comment stubs and commenting-policy notices           |
| NC4    | related     | related-article trails and one-line teasers           |
| NC5    | credits     | agency caption boilerplate, photo credits, alt stubs  |
| NC6    | repeats     | lines printed twice                                   |
| NC7    | bylines     | bylines and date stamps                               |
| NC8    | media       | media-player residue                                  |
| NC9    | context, regions | second pass: short lines stranded between junk, furniture outside the article |
| NC9    | template    | corpus mode: lines on most pages of the document's site (NC950, needs a profile) |
"""

from . import (
    bylines,
    comments,
    context,
    credits,
    hygiene,
    media,
    navigation,
    promo,
    regions,
    related,
    repeats,
    template,
    widgets,
)

__all__ = [
    "bylines",
    "comments",
    "context",
    "credits",
    "hygiene",
    "media",
    "navigation",
    "promo",
    "regions",
    "related",
    "repeats",
    "template",
    "widgets",
]

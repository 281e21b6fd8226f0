"""The languages plg speaks. Apart from the catalogues, so that `plg --help` need not load them."""

from __future__ import annotations

from typing import Literal

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")


def lang_of(value: object) -> Lang | None:
    """`value` as one of plg's languages, or None if it is none of them (typed, unlike `in`)."""
    return "en" if value == "en" else "nl" if value == "nl" else None

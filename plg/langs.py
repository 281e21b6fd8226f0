"""The languages plg speaks. Apart from the catalogues, so that `plg --help` need not load them."""

from __future__ import annotations

from typing import Literal

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")

"""The one rule by which a typed name matches a stored one, for teams, schools and people:
without regard to case, accents and spaces. And the near misses of a name that matches none,
for "did you mean ...". Every look-up by name goes through here."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

# How alike (difflib's ratio, 0 to 1) a known name must be to be offered as "did you mean":
# high enough that "Kompass" finds "Kompas", low enough that a new name is not refused for
# sharing a word or two with an old one.
_NEAR = 0.8
# A stored key is at most this long (a name's accents and ligatures may lengthen it).
KEY_LENGTH = 600


def name_key(name: str) -> str:
    """What two names that match have in common: folded case, no accents, single spaces."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    # Folding again: some letters only fold once their accent is off.
    return " ".join(bare.casefold().split())[:KEY_LENGTH]


def matching(typed: str, names: Iterable[str]) -> str | None:
    """The name among `names` that `typed` matches: itself if it is there, else the first
    whose key is the same."""
    key = name_key(typed)
    found = None
    for name in names:
        if name == typed:
            return name
        if found is None and name_key(name) == key:
            found = name
    return found


def near_misses(typed: str, names: Iterable[str], limit: int = 3) -> list[str]:
    """The known names closest to `typed` that are close enough to be a slip, best first."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(name_key(name), name)
    key = name_key(typed)
    return [by_key[k] for k in difflib.get_close_matches(key, by_key, limit, _NEAR)]

"""The one rule by which a typed name matches a stored one, for teams, schools and people:
without regard to case, accents and spaces. And the near misses of a name that matches none,
for "did you mean ...". Every look-up by name goes through here."""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

# How alike (difflib's ratio, 0 to 1) a known name must be to be offered as "did you mean",
# and at most how many letters may differ: a slip of the keyboard ("Kompass" for "Kompas",
# two letters swapped), not another word ("... member" beside "... leader"), which would
# refuse a new name for sharing most of an old one.
_NEAR = 0.75
_SLIPS = 2
# How long the words of a name must be, at the least, to be taken as part of a longer one.
_PART = 5
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


def keyed(names: Iterable[str]) -> dict[str, str]:
    """The names by their keys (the first of any that share one), to match many against."""
    by_key: dict[str, str] = {}
    for name in names:
        by_key.setdefault(name_key(name), name)
    return by_key


def near_misses(typed: str, names: Iterable[str] | dict[str, str], limit: int = 3) -> list[str]:
    """The known names closest to `typed` that are close enough to be a slip, best first;
    `names` may be given `keyed` already."""
    by_key = names if isinstance(names, dict) else keyed(names)
    key = name_key(typed)
    close = difflib.get_close_matches(key, by_key, limit * 3, _NEAR)
    slips = [by_key[k] for k in close if _letters_apart(key, k) <= _SLIPS]
    # The words people call someone or a school by: "Regenboog" for "OBS De Regenboog",
    # "Jansen" for "Bram Jansen". Whole words only, and not a word or two of any length.
    part = f" {key} "
    named = [by_key[k] for k in by_key if len(key) >= _PART and part in f" {k} " and k != key]
    return list(dict.fromkeys([*named, *slips]))[:limit]


def _letters_apart(one: str, other: str) -> int:
    """How many letters differ between two names: what is put in, left out or typed wrong."""
    changes = difflib.SequenceMatcher(None, one, other, autojunk=False).get_opcodes()
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in changes if tag != "equal")

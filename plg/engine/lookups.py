"""Which team, school or person a typed name means, by the one rule of plg.storage.names: the
one it matches; a refusal with "did you mean" when it only comes close to some; or, where a
name may be new, the name as typed. A slip of the keyboard never makes a new school or person."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from sqlalchemy.orm import Session

from plg.errors import NotFound
from plg.storage import people as people_store
from plg.storage.names import keyed, matching, name_key, near_misses
from plg.texts import N_


def listed(names: Iterable[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


class Known:
    """The names of one kind known now, read once for many look-ups (a roster names hundreds)."""

    def __init__(self, names: Iterable[str], near_key: str, codes: dict[str, str] | None = None):
        self.exact = set(names)
        self.by_key = keyed(self.exact)
        self.near_key = near_key
        self.codes = {code.upper(): name for code, name in (codes or {}).items()}
        # Names new in this run, by key: one person typed twice is one person; but a new name
        # is no "did you mean" for the next (a roster of thousands would compare each to all).
        self.added: dict[str, str] = {}

    def meant(self, typed: str) -> str | None:
        """The known name `typed` means (None: a new one), or NotFound for a near miss."""
        if typed in self.exact:
            return typed
        key = name_key(typed)
        found = self.by_key.get(key) or self.codes.get(typed.strip().upper())
        if found is not None:
            return found
        near = near_misses(typed, self.by_key)
        if near:
            raise NotFound(self.near_key, name=typed, names=listed(near))
        return None

    def new_or_known(self, typed: str) -> str:
        """The known name `typed` means, or `typed` itself as a new name."""
        found = self.meant(typed)
        if found is not None:
            return found
        return self.added.setdefault(name_key(typed), typed)


def choice(typed: str, titles: Mapping[str, str]) -> tuple[str | None, list[str]]:
    """The id `typed` means among `titles` (by id): by its id or its title, by the one rule of
    names; else None, and the ids it comes close to."""
    ids: dict[str, str] = {}
    for id_, title in titles.items():
        ids.setdefault(id_, id_)
        ids.setdefault(title, id_)
    found = matching(typed.strip(), ids)
    if found is not None:
        return ids[found], []
    return None, list(dict.fromkeys(ids[name] for name in near_misses(typed, ids)))


def known_people(session: Session) -> Known:
    return Known(people_store.known_people(session), N_("person_near"))


def known_schools(session: Session) -> Known:
    codes = people_store.school_codes(session)
    return Known(people_store.school_names(session), N_("school_near"), codes)


def person_meant(session: Session, typed: str) -> str:
    """The known person `typed` means, or NotFound (with near misses, if any)."""
    found = known_people(session).meant(typed)
    if found is None:
        raise NotFound("person_unknown", person=typed)
    return found

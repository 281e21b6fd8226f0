"""Writing many teams at once: a foundation's roster in one transaction, with multi-row
inserts instead of one statement per team. The engine decides what to write; this writes it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from plg.storage.models import Event, School, Team


def existing_names(session: Session, names: list[str]) -> list[str]:
    found: list[str] = []
    for chunk in chunks(names):
        found += session.scalars(select(Team.name).where(Team.name.in_(chunk)))
    return found


def chunks(items: list[str], size: int = 5000) -> Iterator[list[str]]:
    # Databases cap the number of values in one IN (...), SQLite at 32766.
    for index in range(0, len(items), size):
        yield items[index : index + size]


def school_ids(session: Session, names: set[str]) -> dict[str, int]:
    """The ids of these schools, adding the ones the database does not know yet."""
    ordered = sorted(names)
    known: dict[str, int] = {}
    for chunk in chunks(ordered):
        rows = session.execute(select(School.name, School.id).where(School.name.in_(chunk)))
        # A Result has .keys(), which dict.update would take for a mapping: pass tuples.
        known.update((name, id_) for name, id_ in rows)
    missing = [{"name": name} for name in ordered if name not in known]
    if missing:
        added = session.execute(insert(School).returning(School.name, School.id), missing)
        known.update((name, id_) for name, id_ in added)
    return known


def insert_teams(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert team rows; their new ids, in the order of `rows`."""
    # RETURNING in parameter order makes SQLite insert one row per statement; a plain
    # multi-row insert and one look-up by the (unique) names is several times faster.
    session.execute(insert(Team), rows)
    names = [row["name"] for row in rows]
    ids: dict[str, int] = {}
    for chunk in chunks(names):
        ids.update(
            (name, id_)
            for name, id_ in session.execute(select(Team.name, Team.id).where(Team.name.in_(chunk)))
        )
    return [ids[name] for name in names]


def insert_events(session: Session, rows: list[dict[str, Any]]) -> None:
    session.execute(insert(Event), rows)

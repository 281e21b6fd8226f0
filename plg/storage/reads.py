"""What a team did in the current visit of its phase, and its schools: the reads of every view.

Prebuilt statements run on the session's connection: building a statement and passing it
through the ORM took longer than SQLite took to run it. The session is flushed first, so that
a tick or record added earlier in the same transaction is seen, as the ORM's autoflush would.
"""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import BindParameter, Select, Table, bindparam, func, select
from sqlalchemy.engine import Result
from sqlalchemy.orm import Session

from plg.storage.models import Record, School, Tick, team_schools

_TICKS = cast(Table, Tick.__table__).c
_RECORDS = cast(Table, Record.__table__).c
_SCHOOLS = cast(Table, School.__table__)
_TEAM: BindParameter[int] = bindparam("team")
_VISIT: BindParameter[int] = bindparam("visit")

_TICKED = select(_TICKS.item_id).where(_TICKS.team_id == _TEAM, _TICKS.visit == _VISIT)
_RECORD_COUNTS = (
    select(_RECORDS.category, _RECORDS.kind, func.count().label("n"))
    .where(_RECORDS.team_id == _TEAM, _RECORDS.visit == _VISIT)
    .group_by(_RECORDS.category, _RECORDS.kind)
)
_SCHOOL_NAMES = (
    select(_SCHOOLS.c.name)
    .join(team_schools, team_schools.c.school_id == _SCHOOLS.c.id)
    .where(team_schools.c.team_id == _TEAM)
    .order_by(_SCHOOLS.c.name)
)


def _run(session: Session, statement: Select[Any], **params: int) -> Result[Any]:
    session.flush()
    return session.connection().execute(statement, params)


def ticked(session: Session, team_id: int, visit: int) -> frozenset[str]:
    return frozenset(_run(session, _TICKED, team=team_id, visit=visit).scalars())


def record_counts(session: Session, team_id: int, visit: int) -> dict[tuple[str, str], int]:
    rows = _run(session, _RECORD_COUNTS, team=team_id, visit=visit).mappings()
    return {(row["category"], row["kind"]): row["n"] for row in rows}


def school_names(session: Session, team_id: int) -> list[str]:
    return list(_run(session, _SCHOOL_NAMES, team=team_id).scalars())

"""What a team did in the current visit of its phase, and its schools: the read of every view.

Besides ticks and saved records, the charter and the hypothesis register count as records:
("charter", "complete") and ("hypothesis", "open"), for the items they tick.

One prebuilt statement on the session's connection: building statements and passing them
through the ORM took longer than SQLite took to run them, and three round trips longer than
one. The session is flushed first, so that a tick or record added earlier in the same
transaction is seen, as the ORM's autoflush would.
"""

from __future__ import annotations

from typing import NamedTuple, cast

from sqlalchemy import (
    BindParameter,
    String,
    Table,
    bindparam,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from plg.storage.models import Charter, Hypothesis, Record, School, Tick, team_schools


class Visit(NamedTuple):
    ticks: frozenset[str]
    # (category, kind) -> how many records of that kind the visit saved
    records: dict[tuple[str, str], int]
    schools: tuple[str, ...]


_TICKS = cast(Table, Tick.__table__).c
_RECORDS = cast(Table, Record.__table__).c
_SCHOOLS = cast(Table, School.__table__)
_CHARTERS = cast(Table, Charter.__table__).c
_HYPOTHESES = cast(Table, Hypothesis.__table__).c
_TEAM: BindParameter[int] = bindparam("team")
_VISIT: BindParameter[int] = bindparam("visit")


# Each row: what it is, then up to two texts and a number.
_READ = union_all(
    select(literal("tick", String), _TICKS.item_id, literal("", String), literal(0)).where(
        _TICKS.team_id == _TEAM, _TICKS.visit == _VISIT
    ),
    select(literal("record", String), _RECORDS.category, _RECORDS.kind, func.count())
    .where(_RECORDS.team_id == _TEAM, _RECORDS.visit == _VISIT)
    .group_by(_RECORDS.category, _RECORDS.kind),
    select(
        literal("record", String), literal("charter", String), literal("complete"), func.count()
    ).where(_CHARTERS.team_id == _TEAM, _CHARTERS.complete.is_(True)),
    select(
        literal("record", String), literal("hypothesis", String), literal("open"), func.count()
    ).where(_HYPOTHESES.team_id == _TEAM, _HYPOTHESES.status == "open"),
    select(literal("school", String), _SCHOOLS.c.name, literal("", String), literal(0))
    .join(team_schools, team_schools.c.school_id == _SCHOOLS.c.id)
    .where(team_schools.c.team_id == _TEAM),
)


def visit(session: Session, team_id: int, visit: int) -> Visit:
    session.flush()
    ticks: set[str] = set()
    records: dict[tuple[str, str], int] = {}
    schools: list[str] = []
    for what, text, other, count in session.connection().execute(
        _READ, {"team": team_id, "visit": visit}
    ):
        if what == "tick":
            ticks.add(text)
        elif what == "record":
            records[text, other] = count
        else:
            schools.append(text)
    return Visit(frozenset(ticks), records, tuple(sorted(schools)))

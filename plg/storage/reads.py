"""What a team did in the current visit of its phase, and its schools: the read of every view.

Besides ticks and saved records, the charter and the hypothesis register count as records:
("charter", "complete"), ("hypothesis", "open") and ("pupils", what holds of the case pupils of
the research lesson), for the items they tick.

One prebuilt statement on the session's connection: building statements and passing them
through the ORM took longer than SQLite took to run them, and three round trips longer than
one. The session is flushed first, so that a tick or record added earlier in the same
transaction is seen, as the ORM's autoflush would.
"""

from __future__ import annotations

from functools import cache
from typing import Any, NamedTuple

from sqlalchemy import (
    BindParameter,
    String,
    bindparam,
    func,
    literal,
    select,
    union_all,
)
from sqlalchemy.orm import Session

from plg.storage.models import (
    CasePupil,
    Charter,
    Hypothesis,
    PupilNote,
    Record,
    School,
    Tick,
    table,
    team_schools,
)


class Visit(NamedTuple):
    ticks: frozenset[str]
    # (category, kind) -> how many records of that kind the visit saved
    records: dict[tuple[str, str], int]
    schools: tuple[str, ...]


_TICKS = table(Tick).c
_RECORDS = table(Record).c
_SCHOOLS = table(School)
_CHARTERS = table(Charter).c
_HYPOTHESES = table(Hypothesis).c
_CASE_PUPILS = table(CasePupil)
_PUPILS = _CASE_PUPILS.c
_NOTES = table(PupilNote)
_TEAM: BindParameter[int] = bindparam("team")
_LESSON: BindParameter[int] = bindparam("lesson")
_VISIT: BindParameter[int] = bindparam("visit")


def _noted(kind: str) -> Any:
    """Whether the case pupil has a note of `kind`."""
    notes = _NOTES.alias(kind)
    found = select(notes.c.pupil_id).where(notes.c.pupil_id == _PUPILS.id, notes.c.kind == kind)
    return found.exists()


_PREDICTED = _NOTES.alias("predicted")
_OBSERVED = _NOTES.alias("observed")


_TICKS_READ = select(
    literal("tick", String), _TICKS.item_id, literal("", String), literal(0)
).where(_TICKS.team_id == _TEAM, _TICKS.visit == _VISIT)
_RECORDS_READ = (
    select(literal("record", String), _RECORDS.category, _RECORDS.kind, func.count())
    .where(_RECORDS.team_id == _TEAM, _RECORDS.visit == _VISIT, _RECORDS.removed_at.is_(None))
    .group_by(_RECORDS.category, _RECORDS.kind)
)
_SCHOOLS_READ = (
    select(literal("school", String), _SCHOOLS.c.name, literal("", String), literal(0))
    .join(team_schools, team_schools.c.school_id == _SCHOOLS.c.id)
    .where(team_schools.c.team_id == _TEAM)
)
# What each register adds to the read, by the `satisfied_by` category that asks for it.
_REGISTERS: dict[str, list[Any]] = {
    "charter": [
        select(
            literal("record", String), literal("charter", String), literal("complete"), func.count()
        ).where(_CHARTERS.team_id == _TEAM, _CHARTERS.complete.is_(True))
    ],
    "hypothesis": [
        select(
            literal("record", String), literal("hypothesis", String), literal("open"), func.count()
        ).where(_HYPOTHESES.team_id == _TEAM, _HYPOTHESES.status == "open")
    ],
    "pupils": [
        *(
            select(literal("pupils", String), literal(what, String), literal(""), func.count())
            .select_from(_CASE_PUPILS)
            .where(_PUPILS.team_id == _TEAM, _PUPILS.lesson == _LESSON, condition)
            for what, condition in (
                ("cases", _PUPILS.id.isnot(None)),
                ("unpredicted", ~_noted("prediction")),
                ("unwatched", _PUPILS.observer.is_(None)),
            )
        ),
        # Predictions of the lesson's case pupils with no observation for their stage.
        select(literal("pupils", String), literal("unobserved", String), literal(""), func.count())
        .select_from(_PREDICTED.join(_CASE_PUPILS))
        .where(
            _PUPILS.team_id == _TEAM,
            _PUPILS.lesson == _LESSON,
            _PREDICTED.c.kind == "prediction",
            ~select(_OBSERVED.c.pupil_id)
            .where(
                _OBSERVED.c.pupil_id == _PREDICTED.c.pupil_id,
                _OBSERVED.c.stage == _PREDICTED.c.stage,
                _OBSERVED.c.kind == "observation",
            )
            .exists(),
        ),
    ],
}


@cache
def _read(registers: frozenset[str]) -> Any:
    """One statement for the visit; each row: what it is, then up to two texts and a number.
    Only the registers the method's checklists ask for are read: a method with none reads
    as fast as before they existed (measured in bench/walk.py)."""
    parts = [part for name in sorted(registers) for part in _REGISTERS[name]]
    return union_all(_TICKS_READ, _RECORDS_READ, *parts, _SCHOOLS_READ)


def visit(
    session: Session,
    team_id: int,
    visit: int,
    lesson: int = 1,
    registers: frozenset[str] = frozenset(),
) -> Visit:
    """`registers`: which of the charter, the hypothesis register and the case pupils to read
    (as `MethodDefinition.registers` names them)."""
    session.flush()
    ticks: set[str] = set()
    records: dict[tuple[str, str], int] = {}
    pupils: dict[str, int] = {}
    schools: list[str] = []
    params = {"team": team_id, "visit": visit, "lesson": lesson}
    for what, text, other, count in session.connection().execute(_read(registers), params):
        if what == "tick":
            ticks.add(text)
        elif what == "record":
            records[text, other] = count
        elif what == "pupils":
            pupils[text] = count
        else:
            schools.append(text)
    if pupils:
        cases = pupils["cases"]
        predicted = cases > 0 and pupils["unpredicted"] == 0
        records["pupils", "cases"] = cases
        records["pupils", "predicted"] = int(predicted)
        records["pupils", "observers"] = int(cases > 0 and pupils["unwatched"] == 0)
        records["pupils", "observed"] = int(predicted and pupils["unobserved"] == 0)
    return Visit(frozenset(ticks), records, tuple(sorted(schools)))

"""Reading teams: one by name, the method versions they are pinned to, what they saved and
ticked, the moves of their history, and which teams a filter or a person selects. The engine
decides and holds the transaction; this reads."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Result, Select, bindparam, exists, func, or_, select
from sqlalchemy.orm import Session, undefer

from plg.storage.bulk import within
from plg.storage.models import (
    Director,
    Event,
    Member,
    MethodSnapshot,
    Person,
    ProjectLeader,
    Record,
    School,
    Team,
    Tick,
    team_schools,
)
from plg.storage.names import name_key, near_misses

# Built once: on SQLite, building a statement anew took longer than running it. The exact
# name first: a team whose name matched an older one's when keys came has no key of its own.
_BY_NAME = select(Team).where(Team.name == bindparam("name"))
_BY_KEY = select(Team).where(Team.name_key == bindparam("name"))
_LOOKUPS = [(query, query.with_for_update(of=Team)) for query in (_BY_NAME, _BY_KEY)]


def by_name(session: Session, name: str, *, lock: bool = False) -> Team | None:
    """The team whose name matches `name` (plg.storage.names); with `lock`, its row locked
    until the transaction ends."""
    for (plain, locked), value in zip(_LOOKUPS, (name, name_key(name)), strict=True):
        found = session.scalars(locked if lock else plain, {"name": value}).first()
        if found is not None:
            return found
    return None


def near_names(session: Session, name: str) -> list[str]:
    """The names of the teams close to `name`, for "did you mean"."""
    return near_misses(name, session.scalars(select(Team.name)))


def snapshot(session: Session, snapshot_id: int) -> MethodSnapshot:
    return session.get_one(MethodSnapshot, snapshot_id)


def snapshot_by_hash(session: Session, sha256: str) -> MethodSnapshot:
    """The snapshot stored under `sha256` (a team's history names its versions so)."""
    return session.scalars(select(MethodSnapshot).where(MethodSnapshot.sha256 == sha256)).one()


def pinned_snapshot(
    session: Session, method_id: str, version: str, sha256: str, content: str
) -> MethodSnapshot:
    """The stored snapshot of a definition, stored now if no team used it before."""
    found = session.scalar(select(MethodSnapshot).where(MethodSnapshot.sha256 == sha256))
    if found is None:
        found = MethodSnapshot(method_id=method_id, version=version, sha256=sha256, content=content)
        session.add(found)
        session.flush()  # callers need its id
    return found


def versions(session: Session, method_id: str) -> set[str]:
    """Every version of a method that is stored."""
    query = select(MethodSnapshot.version).where(MethodSnapshot.method_id == method_id)
    return set(session.scalars(query))


def stored_version(session: Session, method_id: str, version: str) -> MethodSnapshot | None:
    """The snapshot stored last under that method and version, if any."""
    return session.scalars(
        select(MethodSnapshot)
        .where(MethodSnapshot.method_id == method_id, MethodSnapshot.version == version)
        .order_by(MethodSnapshot.id.desc())
    ).first()


def events(session: Session, team_id: int) -> Iterable[Event]:
    """Every event of the team, oldest first."""
    return session.scalars(select(Event).where(Event.team_id == team_id).order_by(Event.seq))


def visit_ticks(session: Session, team: Team) -> list[Tick]:
    """The ticks of the team's current visit of its phase."""
    query = select(Tick).where(Tick.team_id == team.id, Tick.visit == team.phase_entered_seq)
    return list(session.scalars(query))


def record(session: Session, team_id: int, category: str, record_id: int) -> Record | None:
    """The team's record of that category and id, removed or not."""
    found = session.get(Record, record_id)
    if found is None or found.team_id != team_id or found.category != category:
        return None
    return found


def records(
    session: Session, team_id: int, category: str | None = None, *, removed: bool = False
) -> Iterable[Record]:
    """The team's records (of one category, if given), in the order they were saved; those
    removed by mistake only with `removed`."""
    query = select(Record).where(Record.team_id == team_id)
    if not removed:
        query = query.where(Record.removed_at.is_(None))
    if category is not None:
        query = query.where(Record.category == category)
    return session.scalars(query.order_by(Record.seq))


def moves(
    session: Session, team_id: int
) -> Result[str, str | None, str | None, str | None, dict[str, Any]]:
    """The events that set the team's phase, oldest first: kind, from, to, trigger, detail."""
    return session.execute(
        select(Event.kind, Event.from_phase, Event.to_phase, Event.trigger, Event.detail)
        .where(Event.team_id == team_id, Event.to_phase.is_not(None))
        .order_by(Event.seq)
    )


def visible_to(person: str) -> ColumnElement[bool]:
    """The teams `person` may see: all for a project leader, else those they are in, those
    of their own school and those of the schools they direct."""
    school = select(Person.school_id).where(Person.name == person).scalar_subquery()
    directed = select(Director.school_id).where(Director.person == person)
    return or_(
        exists().where(ProjectLeader.person == person),
        Team.id.in_(select(Member.team_id).where(Member.person == person)),
        Team.id.in_(select(team_schools.c.team_id).where(team_schools.c.school_id == school)),
        Team.id.in_(select(team_schools.c.team_id).where(team_schools.c.school_id.in_(directed))),
    )


def visible(session: Session, name: str, person: str) -> bool:
    """Whether the team exists and `person` may see it."""
    named = or_(Team.name == name, Team.name_key == name_key(name))
    query = select(Team.id).where(named, visible_to(person))
    return session.scalar(query) is not None


def names_of_member(session: Session, person: str) -> list[str]:
    """The names of the teams `person` is a member of."""
    query = (
        select(Team.name)
        .join(Member, Member.team_id == Team.id)
        .where(Member.person == person)
        .order_by(Team.name)
    )
    return list(session.scalars(query))


def matching(
    school: str | None, method: str | None, phase: str | None, seen_by: str | None
) -> Select[tuple[int]] | None:
    """The ids of the teams that match every filter given; None when nothing is filtered
    (reading every team past an IN (...) of all their ids took SQLite a quarter longer,
    measured on 100,000 teams)."""
    if not (school or method or phase or seen_by):
        return None
    matched: Select[tuple[int]] = select(Team.id)
    if seen_by:
        matched = matched.where(visible_to(seen_by))
    if school:
        # By name, as names match, or by code: in this query, not in one before it. A filter
        # takes the words people call a school by too ("De Vlinder" for "IKC De Vlinder"):
        # whole words of its name, never a part of a word.
        school = school.strip()
        words = name_key(school).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        matched = matched.where(
            Team.schools.any(
                or_(
                    School.name == school,
                    (" " + School.name_key + " ").like(f"% {words} %", escape="\\"),
                    func.upper(School.code) == school.upper(),
                )
            )
        )
    if method:
        matched = matched.join(Team.snapshot).where(MethodSnapshot.method_id == method)
    if phase:
        matched = matched.where(Team.phase == phase)
    return matched


def snapshots_of(session: Session, matched: Select[tuple[int]] | None) -> Iterable[MethodSnapshot]:
    """The method versions the matched teams run on, with their content."""
    used = within(select(Team.snapshot_id), Team.id, matched).distinct()
    return session.scalars(
        select(MethodSnapshot)
        .where(MethodSnapshot.id.in_(used))
        .options(undefer(MethodSnapshot.content))
    )

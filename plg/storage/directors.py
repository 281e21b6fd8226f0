"""Reading the directors of schools, what they may see, and their approvals of network hours.
The engine decides and holds the transaction; this reads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ColumnElement, Result, and_, exists, select
from sqlalchemy.orm import Session

from plg.storage.models import (
    Director,
    HoursApproval,
    Member,
    Person,
    School,
    Team,
    team_schools,
)


def directors(session: Session) -> Result[str, str]:
    """Every director and the school they direct, by name, then school."""
    return session.execute(
        select(Director.person, School.name)
        .join(School, School.id == Director.school_id)
        .order_by(Director.person, School.name)
    )


def directors_of(session: Session, school_id: int) -> list[str]:
    query = select(Director.person).where(Director.school_id == school_id)
    return list(session.scalars(query.order_by(Director.person)))


def directs_team(person: str, team_id: int) -> ColumnElement[bool]:
    """Whether `person` directs one of the team's schools."""
    return exists().where(
        Director.person == person,
        Director.school_id == team_schools.c.school_id,
        team_schools.c.team_id == team_id,
    )


def schools_directed(session: Session, person: str) -> list[str]:
    """The names of the schools `person` directs."""
    query = (
        select(School.name)
        .join(Director, Director.school_id == School.id)
        .where(Director.person == person)
        .order_by(School.name)
    )
    return list(session.scalars(query))


def directs_school_of(session: Session, director: str, person: str) -> bool:
    """Whether `director` directs `person`'s home school."""
    query = select(
        exists().where(
            Director.person == director,
            Director.school_id == Person.school_id,
            Person.name == person,
        )
    )
    return bool(session.scalar(query))


def staff_of(session: Session, school_id: int) -> list[str]:
    """The people whose home school it is, by name."""
    query = select(Person.name).where(Person.school_id == school_id)
    return list(session.scalars(query.order_by(Person.name)))


def idle_staff(session: Session, school_id: int) -> list[str]:
    """The people whose home school it is who are in no active team at all, by name; its
    directors are not counted: they lead the school, not a team of it. An archived team is
    no active team (the dashboard's rule, `plg.present.rows`)."""
    active = exists().where(
        Member.person == Person.name,
        Member.team_id == Team.id,
        Team.status == "active",
        Team.archived_at.is_(None),
    )
    directs = exists().where(Director.person == Person.name, Director.school_id == school_id)
    query = select(Person.name).where(and_(Person.school_id == school_id, ~active, ~directs))
    return list(session.scalars(query.order_by(Person.name)))


def hours_approvals(
    session: Session, year: int, person: str | None
) -> Result[str, int, str, datetime]:
    """The approvals of the school year (or of `person` in it): person, minutes, by whom, when."""
    query = select(
        HoursApproval.person,
        HoursApproval.minutes,
        HoursApproval.approved_by,
        HoursApproval.approved_at,
    ).where(HoursApproval.year == year)
    if person is not None:
        query = query.where(HoursApproval.person == person)
    return session.execute(query)

"""Reading the foundation's people: schools, people, project leaders, a team's members now and
before, and the settings of the database. The engine decides and holds the transaction; this
reads."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Result, bindparam, exists, func, select, union
from sqlalchemy.orm import Session

from plg.storage.models import (
    FormerMember,
    Member,
    Person,
    ProjectLeader,
    School,
    Setting,
    team_schools,
)
from plg.storage.names import matching, name_key


def project_leaders(session: Session) -> list[str]:
    return list(session.scalars(select(ProjectLeader.person).order_by(ProjectLeader.person)))


def project_leaders_but(session: Session, person: str) -> int:
    """How many project leaders there are besides `person`."""
    return session.scalar(select(func.count()).where(ProjectLeader.person != person)) or 0


def settings(session: Session) -> dict[str, str]:
    """The settings stored, by key (those never set are not)."""
    return {key: value for key, value in session.execute(select(Setting.key, Setting.value))}


# Built once and run on the connection: every change reads whether roles are checked, and the
# ORM's own look-up took several times as long as the query (measured in bench/walk.py).
_SETTING = select(Setting.value).where(Setting.key == bindparam("key"))


def setting(session: Session, key: str) -> str | None:
    """A setting's stored value; None if it was never set."""
    value: str | None = session.connection().execute(_SETTING, {"key": key}).scalar()
    return value


def standing(session: Session, person: str, team_id: int) -> tuple[str | None, bool]:
    """`person`'s role in the team (None if they are not in it), and whether they lead the
    project: one query."""
    role = select(Member.role).where(Member.team_id == team_id, Member.person == person)
    leads = exists().where(ProjectLeader.person == person)
    found, project_leader = session.execute(select(role.scalar_subquery(), leads)).one()
    return found, bool(project_leader)


def is_known(session: Session, person: str) -> bool:
    """Whether `person` is known as a person or as a project leader."""
    query = select(
        exists().where(Person.name == person) | exists().where(ProjectLeader.person == person)
    )
    return bool(session.scalar(query))


def school_named(session: Session, name: str) -> School | None:
    """The school `name` means: the one of that name (plg.storage.names), or of that code."""
    name = name.strip()
    for condition in (
        School.name == name,
        School.name_key == name_key(name),
        func.upper(School.code) == name.upper(),
    ):
        found = session.scalar(select(School).where(condition))
        if found is not None:
            return found
    return None


def school_id(session: Session, name: str) -> int | None:
    found = school_named(session, name)
    return None if found is None else found.id


def school_codes(session: Session) -> dict[str, str]:
    """The name of each school that has a code, by its code."""
    rows = session.execute(select(School.code, School.name).where(School.code.is_not(None)))
    return {code: name for code, name in rows if code is not None}


def school_with_code(session: Session, code: str) -> str | None:
    """The name of the school that has `code`, if one has."""
    return session.scalar(select(School.name).where(School.code == code))


def school_names(session: Session) -> list[str]:
    return list(session.scalars(select(School.name).order_by(School.name)))


def home_school(session: Session, person: str) -> str | None:
    """The name of `person`'s own school, if they have one."""
    return session.scalar(
        select(School.name).join(Person, Person.school_id == School.id).where(Person.name == person)
    )


def schools(session: Session, name: str | None = None) -> Result[str, str | None, int, int]:
    """Every school (or the one named), by name: its name, code, and how many teams and people
    it has."""
    # Counted in one pass each and joined, not once per school: with 700 schools and 100,000
    # teams, a count per school read the team-school table 700 times (8.7 s, measured).
    teams = (
        select(team_schools.c.school_id, func.count().label("n"))
        .group_by(team_schools.c.school_id)
        .subquery()
    )
    people = select(Person.school_id, func.count().label("n")).group_by(Person.school_id).subquery()
    query = (
        select(
            School.name,
            School.code,
            func.coalesce(teams.c.n, 0),
            func.coalesce(people.c.n, 0),
        )
        .outerjoin(teams, teams.c.school_id == School.id)
        .outerjoin(people, people.c.school_id == School.id)
        .order_by(School.name)
    )
    if name is not None:
        query = query.where(School.name == name)
    return session.execute(query)


def person_id(session: Session, name: str) -> int | None:
    """The id of the person `name` matches (plg.storage.names), if one does."""
    found = matching(name.strip(), session.scalars(select(Person.name)))
    return None if found is None else session.scalar(select(Person.id).where(Person.name == found))


def known_people(session: Session) -> list[str]:
    """Everyone plg knows by name: the foundation's people, project leaders, and whoever is or
    was in a team."""
    query = union(
        select(Person.name),
        select(ProjectLeader.person),
        select(Member.person),
        select(FormerMember.person),
    )
    return list(session.scalars(query))


def people(session: Session, school: str | None = None) -> Result[str, str | None, str | None]:
    """Everyone (or the people of one school), by name: name, e-mail address, school."""
    query = (
        select(Person.name, Person.email, School.name)
        .outerjoin(School, School.id == Person.school_id)
        .order_by(Person.name)
    )
    if school:
        found = school_named(session, school)
        query = query.where(School.id == (found.id if found else None))
    return session.execute(query)


def members(session: Session, team_id: int) -> Iterable[Member]:
    """The team's members, by name."""
    query = select(Member).where(Member.team_id == team_id).order_by(Member.person)
    return session.scalars(query)


def roles_in(session: Session, team_id: int) -> dict[str, str]:
    """The role of each member of the team, by name."""
    rows = session.execute(select(Member.person, Member.role).where(Member.team_id == team_id))
    return {person: role for person, role in rows}


def former_members(session: Session, team_id: int) -> Iterable[FormerMember]:
    """The team's ended stays, in the order they ended."""
    return session.scalars(
        select(FormerMember)
        .where(FormerMember.team_id == team_id)
        .order_by(FormerMember.left_at, FormerMember.person)
    )


def stays(session: Session, team_id: int, person: str) -> Result[datetime, datetime]:
    """When each of `person`'s ended stays in the team began and ended."""
    return session.execute(
        select(FormerMember.joined_at, FormerMember.left_at).where(
            FormerMember.team_id == team_id, FormerMember.person == person
        )
    )


def known_anywhere(session: Session, person: str) -> bool:
    """Whether `person` is known as a person or is in a team."""
    known = session.scalar(select(func.count()).where(Person.name == person))
    in_team = session.scalar(select(func.count()).where(Member.person == person))
    return bool(known or in_team)

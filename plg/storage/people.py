"""Reading the foundation's people: schools, people, project leaders, a team's members now and
before, and the settings of the database; and the writes that keep the names on memberships and
attendances in step with the person records. The engine decides and holds the transaction."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Result, bindparam, exists, func, insert, select, text, union, update
from sqlalchemy.orm import Session

from plg.storage.bulk import chunks
from plg.storage.directors import directs_team
from plg.storage.models import (
    Account,
    Attendance,
    CasePupil,
    Charter,
    Director,
    FormerMember,
    HoursApproval,
    Invitation,
    Member,
    Person,
    PersonFunction,
    ProjectLeader,
    School,
    Setting,
    Team,
    team_schools,
)
from plg.storage.names import matching, name_key

# What refers to a person by id and carries their name.
_NAMED = (Member, FormerMember, Attendance)


def project_leaders(session: Session, *, lock: bool = False) -> list[str]:
    """The project leaders; with `lock`, their rows locked till the transaction ends, in one
    order: of two removing each other at once, the second sees the first's removal."""
    query = select(ProjectLeader.person).order_by(ProjectLeader.person)
    return list(session.scalars(query.with_for_update() if lock else query))


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


def standing(session: Session, person: str, team_id: int) -> tuple[str | None, bool, bool]:
    """`person`'s role in the team (None if they are not in it), whether they lead the
    project, and whether they direct one of the team's schools: one query."""
    role = select(Member.role).where(Member.team_id == team_id, Member.person == person)
    leads = exists().where(ProjectLeader.person == person)
    directs = directs_team(person, team_id)
    query = select(role.scalar_subquery(), leads, directs)
    found, project_leader, director = session.execute(query).one()
    return found, bool(project_leader), bool(director)


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
    return session.scalar(select(School.name).where(func.upper(School.code) == code.upper()))


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


def person_ids(session: Session, names: list[str]) -> dict[str, int]:
    """The id of each of these names that is a person's."""
    found: dict[str, int] = {}
    for chunk in chunks(names):
        rows = session.execute(select(Person.name, Person.id).where(Person.name.in_(chunk)))
        found.update((name, id_) for name, id_ in rows)
    return found


def add_people(session: Session, names: list[str]) -> dict[str, int]:
    """Add a person of each name (none may be taken), and link the names no person had yet;
    their ids by name."""
    rows = session.execute(
        insert(Person).returning(Person.name, Person.id), [{"name": name} for name in names]
    )
    added = {name: id_ for name, id_ in rows}
    link_names(session)
    return added


def link_names(session: Session) -> None:
    """Link each membership, stay and attendance that has no person yet to the person of
    exactly its name, if there is one now. Only rows without a person are read, by the index
    on `person_id`: after an upgrade that linked every name, none."""
    for model in _NAMED:
        owner = select(Person.id).where(Person.name == model.person).scalar_subquery()
        session.execute(
            update(model)
            .where(model.person_id.is_(None), exists().where(Person.name == model.person))
            .values(person_id=owner)
            .execution_options(synchronize_session=False)
        )


def _rename_account(session: Session, old: str, new: str) -> None:
    """The account of `old` under `new`. Invitations point at the account's name, which the
    database will not change under them: the account moves to a new row, and they with it."""
    account = session.get(Account, old)
    if account is None:
        return
    session.add(
        Account(
            person=new,
            password_hash=account.password_hash,
            lang=account.lang,
            changed_at=account.changed_at,
        )
    )
    session.flush()
    session.execute(update(Invitation).where(Invitation.person == old).values(person=new))
    session.delete(account)
    session.flush()


def rename_person(session: Session, person_id: int, old: str, new: str) -> list[int]:
    """Give the person `new` for a name, on their record and wherever their name is kept with
    their id, on the case pupils they observe in their teams, and on their account and their
    place among the project leaders and directors (the account's sessions must have ended:
    they name the account). Returns the ids of the teams they are in now, whose leaders and
    charters name them too."""
    session.execute(update(Person).where(Person.id == person_id).values(name=new))
    _rename_account(session, old, new)
    for named in (ProjectLeader, Director, HoursApproval):
        session.execute(update(named).where(named.person == old).values(person=new))
    for model in _NAMED:
        session.execute(
            update(model)
            .where(model.person_id == person_id)
            .values(person=new)
            .execution_options(synchronize_session=False)
        )
    teams = select(Member.team_id).where(Member.person_id == person_id)
    stayed = select(FormerMember.team_id).where(FormerMember.person_id == person_id)
    session.execute(
        update(CasePupil)
        .where(CasePupil.observer == old, CasePupil.team_id.in_(teams.union(stayed)))
        .values(observer=new)
        .execution_options(synchronize_session=False)
    )
    return list(session.scalars(teams.order_by(Member.team_id)))


def charters_of(session: Session, team_ids: list[int]) -> Iterable[Charter]:
    return session.scalars(select(Charter).where(Charter.team_id.in_(team_ids)))


def teams_by_id(session: Session, team_ids: list[int]) -> Iterable[Team]:
    return session.scalars(select(Team).where(Team.id.in_(team_ids)).order_by(Team.id))


def people(
    session: Session, school: str | None = None, name: str | None = None
) -> Result[int, str, str | None, str | None]:
    """Everyone (or the people of one school, or the one named), by name: id, name, e-mail
    address, school."""
    query = (
        select(Person.id, Person.name, Person.email, School.name)
        .outerjoin(School, School.id == Person.school_id)
        .order_by(Person.name)
    )
    if school:
        found = school_named(session, school)
        query = query.where(School.id == (found.id if found else None))
    if name is not None:
        query = query.where(Person.name == name)
    return session.execute(query)


def functions(session: Session, person_ids: Iterable[int] | None = None) -> dict[int, set[str]]:
    """The functions of each person who has any (or of those in `person_ids`), by their id."""
    query = select(PersonFunction.person_id, PersonFunction.function)
    if person_ids is not None:
        query = query.where(PersonFunction.person_id.in_(list(person_ids)))
    found: dict[int, set[str]] = {}
    for person, function in session.execute(query):
        found.setdefault(person, set()).add(function)
    return found


def function_rows(session: Session, person_id: int) -> Iterable[PersonFunction]:
    return session.scalars(select(PersonFunction).where(PersonFunction.person_id == person_id))


def person_named(session: Session, name: str) -> Person | None:
    """The person `name` matches (plg.storage.names), if one does."""
    found = person_id(session, name)
    return session.get(Person, found) if found is not None else None


def people_by_id(session: Session, ids: Iterable[int]) -> dict[int, Person]:
    query = select(Person).where(Person.id.in_(list(ids)))
    return {person.id: person for person in session.scalars(query)}


def person_with_email(session: Session, email: str) -> str | None:
    """The name of the person with this e-mail address, in any case, if someone has it."""
    query = select(Person.name).where(func.lower(Person.email) == email.lower()).limit(1)
    return session.scalar(query)


def everyone(session: Session) -> Result[int, str, str | None, int | None]:
    """Every person: id, name, e-mail address and school id; for an import to compare with."""
    return session.execute(select(Person.id, Person.name, Person.email, Person.school_id))


def all_schools(session: Session) -> Result[int, str, str | None]:
    """Every school: id, name and code."""
    return session.execute(select(School.id, School.name, School.code).order_by(School.name))


def lock_people(session: Session) -> None:
    """Hold off every other change to the people until this transaction ends, so that what it
    read of them stays true while it writes. SQLite has one writer at a time already."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE people IN SHARE ROW EXCLUSIVE MODE"))


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

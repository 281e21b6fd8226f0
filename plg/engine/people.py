"""People and the foundation: its schools and people, a team's members and their roles, the
project leaders, and the settings of the database. Part of the engine (its `Engine` is a
`People`); who may do what is decided in plg.engine.roles."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy.orm import Session

from plg.engine import lookups, roles
from plg.engine.base import EngineBase
from plg.engine.charter import refresh_charter
from plg.engine.inputs import ROLES, clean, email_address, school_code
from plg.errors import InvalidInput, NotFound, Refused
from plg.present.views import FormerMemberView, MemberView, PersonView, SchoolView
from plg.storage import people as people_store
from plg.storage.models import FormerMember, Member, Person, ProjectLeader, School, Setting, Team
from plg.storage.names import matching, near_misses
from plg.texts import ROLE_WORDS, t


class People(EngineBase):
    def members(self, name: str) -> list[MemberView]:
        """The team's people and their roles, by name."""
        with self._session() as session:
            return member_views(session, self._team(session, name))

    def join(
        self, name: str, person: str, role: str = "member", since: date | None = None
    ) -> list[MemberView]:
        """Give `person` a role in the team (one of ROLES), from `since` (default today); someone
        already in it changes role, and with `since` the day they joined. A network takes new
        members long after it started."""
        person = clean(person, 200, "person_invalid")
        if role not in ROLES:
            raise InvalidInput("role_invalid", role=role, roles=", ".join(ROLES))
        moment = self._member_date(since)

        def change(session: Session, team: Team) -> list[MemberView]:
            nonlocal person
            person = lookups.known_people(session).new_or_known(person)
            found = session.get(Member, (team.id, person))
            # Giving the day again corrects when someone joined (a leader named at the start
            # often began before the team was entered in plg).
            if found is not None and found.role == role and since is None:
                word = t(ROLE_WORDS[role], self.lang)
                raise Refused("member_already", person=person, role=word, team=team.name)
            detail = {
                "person": person,
                "role": role,
                "was": found.role if found else None,
                "since": moment.date().isoformat(),
            }
            if found is None:
                session.add(Member(team_id=team.id, person=person, role=role, joined_at=moment))
            else:
                found.role = role
                if since is not None:
                    found.joined_at = moment
            return self._members_changed(session, team, "join", detail)

        return self._change(name, "members", change)

    def leave(self, name: str, person: str, on: date | None = None) -> list[MemberView]:
        """Take `person` out of the team, as of `on` (default today); the event keeps who they
        were and when they left."""
        person = person.strip()
        moment = self._member_date(on)

        def change(session: Session, team: Team) -> list[MemberView]:
            nonlocal person
            members = people_store.roles_in(session, team.id)
            person = matching(person, members) or person
            found = session.get(Member, (team.id, person))
            if found is None:
                near = near_misses(person, members)
                if near:
                    raise NotFound("person_near", name=person, names=lookups.listed(near))
                raise NotFound("member_unknown", person=person, team=team.name)
            if moment.date() < found.joined_at.date():
                raise InvalidInput(
                    "member_leaves_early",
                    person=person,
                    joined=found.joined_at.date().isoformat(),
                )
            session.add(
                FormerMember(
                    team_id=team.id,
                    person=person,
                    role=found.role,
                    joined_at=found.joined_at,
                    left_at=moment,
                )
            )
            session.delete(found)
            detail = {"person": person, "role": found.role, "on": moment.date().isoformat()}
            return self._members_changed(session, team, "leave", detail)

        return self._change(name, "members", change)

    def _member_date(self, day: date | None) -> datetime:
        """The moment a membership begins or ends: now, or the start of a day gone by."""
        now = self.clock()
        if day is None:
            return now
        if day > now.date():
            raise InvalidInput("member_date_future", day=day.isoformat())
        return datetime.combine(day, time(), tzinfo=UTC)

    def _members_changed(
        self, session: Session, team: Team, kind: str, detail: dict[str, Any]
    ) -> list[MemberView]:
        session.flush()
        views = member_views(session, team)
        leaders = ", ".join(view.person for view in views if view.role == "leader")
        self._event(session, team, kind, {"leader": leaders or None}, detail=detail)
        refresh_charter(session, team)
        return views

    def project_leaders(self) -> list[str]:
        with self._session() as session:
            return people_store.project_leaders(session)

    def add_project_leader(self, person: str) -> list[str]:
        person = clean(person, 200, "person_invalid")

        def add(session: Session) -> list[str]:
            nonlocal person
            person = lookups.known_people(session).new_or_known(person)
            if roles.is_project_leader(session, person):
                raise Refused("project_leader_already", person=person)
            session.add(ProjectLeader(person=person, since=self.clock()))
            return people_store.project_leaders(session)

        return self._foundation_change("project_leaders", add)

    def remove_project_leader(self, person: str) -> list[str]:
        person = person.strip()

        def remove(session: Session) -> list[str]:
            nonlocal person
            person = matching(person, people_store.project_leaders(session)) or person
            found = session.get(ProjectLeader, person)
            if found is None:
                raise NotFound("project_leader_unknown", person=person)
            if (
                not people_store.project_leaders_but(session, person)
                and roles.setting(session, "role-checks") == "on"
            ):
                raise Refused("last_project_leader", person=person)
            session.delete(found)
            return people_store.project_leaders(session)

        return self._foundation_change("project_leaders", remove)

    def settings(self) -> dict[str, str]:
        """Every setting of the database, by key: its value, or its default."""
        with self._session() as session:
            return roles.settings(session)

    def set_setting(self, key: str, value: str) -> dict[str, str]:
        spec = roles.SETTINGS.get(key)
        if spec is None:
            raise NotFound("setting_unknown", key=key, keys=", ".join(roles.SETTINGS))
        value = spec.checked(key, value)

        def store(session: Session) -> dict[str, str]:
            nobody = not people_store.project_leaders(session)
            if key == "role-checks" and value == "on" and nobody:
                raise Refused("role_checks_need_leader")
            session.merge(Setting(key=key, value=value))
            return roles.settings(session)

        return self._foundation_change("settings", store)

    def schools(self) -> list[SchoolView]:
        """Every school, by name, with its code and how many teams and people it has."""
        with self._session() as session:
            return school_views(session)

    def add_school(self, name: str, code: str | None = None) -> SchoolView:
        """Add a school; for one that a team start made without a code, give it its code."""
        name = clean(name, 200, "school_name_invalid")
        code = school_code(code) if code is not None else None

        def store(session: Session) -> SchoolView:
            found = people_store.school_named(session, name)
            if found is not None and (found.code is not None or code is None):
                raise Refused("school_exists", school=found.name)
            other = people_store.school_with_code(session, code) if code else None
            if other is not None:
                raise Refused("school_code_taken", code=code, school=other)
            if found is None:
                session.add(School(name=name, code=code))
            else:
                found.code = code
            return school_views(session, found.name if found else name)[0]

        return self._foundation_change("organisation", store)

    def people(self, school: str | None = None) -> list[PersonView]:
        """Everyone, by name, or the people of one school."""
        with self._session() as session:
            rows = people_store.people(session, school.strip() if school else None)
            return [PersonView(*row) for row in rows]

    def add_person(
        self, name: str, email: str | None = None, school: str | None = None
    ) -> PersonView:
        """Add someone, with an e-mail address and a home school if given."""
        name = clean(name, 200, "person_invalid")
        email = email_address(email) if email is not None else None
        school = school.strip() if school and school.strip() else None

        def store(session: Session) -> PersonView:
            known = matching(name, people_store.known_people(session))
            if people_store.person_id(session, name) is not None:
                raise Refused("person_exists", person=known or name)
            found = people_store.school_named(session, school) if school is not None else None
            if school is not None and found is None:
                schools = ", ".join(people_store.school_names(session))
                raise NotFound("school_unknown", school=school, schools=schools or "-")
            # Someone already in a team keeps the spelling the team knows them by.
            session.add(Person(name=known or name, email=email, school_id=found and found.id))
            return PersonView(known or name, email, found.name if found else None)

        return self._foundation_change("organisation", store)


def school_views(session: Session, name: str | None = None) -> list[SchoolView]:
    """Every school (or the one named), by name, with how many teams and people it has."""
    rows = people_store.schools(session, name)
    return [SchoolView(name, code, n_teams, n_people) for name, code, n_teams, n_people in rows]


def former_member_views(session: Session, team: Team) -> list[FormerMemberView]:
    rows = people_store.former_members(session, team.id)
    return [FormerMemberView(m.person, m.role, m.joined_at, m.left_at) for m in rows]


def member_views(session: Session, team: Team) -> list[MemberView]:
    rows = people_store.members(session, team.id)
    return [MemberView(m.person, m.role, m.joined_at) for m in rows]

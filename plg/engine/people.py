"""People and the foundation: its schools and people, a team's members and their roles, the
project leaders, and the settings of the database. Part of the engine (its `Engine` is a
`People`); who may do what is decided in plg.engine.roles."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from plg.engine import lookups, roles
from plg.engine.base import EngineBase
from plg.engine.charter import refresh_charter
from plg.engine.inputs import (
    FUNCTIONS,
    Edit,
    clean,
    email_address,
    functions_of,
    role_of,
    school_code,
    text_key,
)
from plg.errors import Conflict, InvalidInput, NotFound, Refused
from plg.langs import Lang
from plg.present.views import FormerMemberView, MemberView, PersonView, SchoolView
from plg.storage import accounts as account_store
from plg.storage import people as people_store
from plg.storage.models import (
    Account,
    FormerMember,
    Member,
    Person,
    PersonFunction,
    ProjectLeader,
    School,
    Setting,
    Team,
)
from plg.storage.names import matching, name_key, near_misses
from plg.texts import N_, ROLE_WORDS, t


class People(EngineBase):
    def members(self, name: str) -> list[MemberView]:
        """The team's people and their roles, by name."""
        with self._session() as session:
            return member_views(session, self._team(session, name))

    def former_members(self, name: str) -> list[FormerMemberView]:
        """Who was in the team and left it: each stay, with its role and days."""
        with self._session() as session:
            return former_member_views(session, self._team(session, name))

    def join(
        self,
        name: str,
        person: str,
        role: str = "member",
        since: date | None = None,
        *,
        only_new: bool = False,
        shown: tuple[str, date] | None = None,
    ) -> list[MemberView]:
        """Give `person` a role in the team (one of ROLES, or its word in either language),
        from `since` (default today); someone already in it changes role, and with `since` the
        day they joined, unless `only_new` (a page that offered them as not in the team:
        someone added them meanwhile). With `shown`, the role and day a page showed for a
        member, only what the person changed there is written, and only while nobody else
        changed it meanwhile. A network takes new members long after it started."""
        person = clean(person, 200, "person_invalid")
        role = role_of(role, self.lang)
        moment = self._member_date(since)

        def change(session: Session, team: Team) -> list[MemberView]:
            nonlocal person
            person = lookups.known_people(session).new_or_known(person)
            # Before the member is read: a new person's record links their rows.
            person_id = person_ids(session, [person])[person]
            found = session.get(Member, (team.id, person))
            if shown is not None:
                return self._correct(session, team, found, person, shown, (role, moment))
            # Giving the day again corrects when someone joined (a leader named at the start
            # often began before the team was entered in plg).
            if found is not None and (only_new or (found.role == role and since is None)):
                word = t(ROLE_WORDS[found.role], self.lang)
                raise Refused("member_already", person=person, role=word, team=team.name)
            detail = {
                "person": person,
                "role": role,
                "was": found.role if found else None,
                "since": moment.date().isoformat(),
            }
            if found is None:
                session.add(
                    Member(
                        team_id=team.id,
                        person=person,
                        person_id=person_id,
                        role=role,
                        joined_at=moment,
                    )
                )
            else:
                found.person_id = person_id
                found.role = role
                if since is not None:
                    found.joined_at = moment
            return self._members_changed(session, team, "join", detail)

        return self._change(name, "members", change)

    def _correct(
        self,
        session: Session,
        team: Team,
        found: Member | None,
        person: str,
        shown: tuple[str, date],
        wanted: tuple[str, datetime],
    ) -> list[MemberView]:
        """A member's role and join day as a page changed them: what someone else changed
        meanwhile is kept (409), and a member who left meanwhile stays gone."""
        if found is None:
            raise NotFound("member_unknown", person=person, team=team.name)
        role = Edit(shown[0], wanted[0]).against(found.role)
        day = Edit(shown[1], wanted[1].date()).against(found.joined_at.date())
        if "clash" in (role, day):
            raise Conflict(
                "member_clash",
                person=person,
                role=t(ROLE_WORDS[found.role], self.lang),
                since=found.joined_at.date().isoformat(),
            )
        if role != "write" and day != "write":
            return member_views(session, team)
        detail = {
            "person": person,
            "role": wanted[0],
            "was": found.role,
            "since": (wanted[1] if day == "write" else found.joined_at).date().isoformat(),
        }
        if role == "write":
            found.role = wanted[0]
        if day == "write":
            found.joined_at = wanted[1]
        return self._members_changed(session, team, "join", detail)

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
                    person_id=found.person_id,
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
        return member_moment(day, self.clock())

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

        # Two adding the same person at once: the one that lost the race to insert the row
        # tries again, and finds them a project leader.
        return self._foundation_change("project_leaders", add, (IntegrityError,))

    def remove_project_leader(self, person: str) -> list[str]:
        person = person.strip()

        def remove(session: Session) -> list[str]:
            nonlocal person
            person = matching(person, people_store.project_leaders(session)) or person
            found = session.get(ProjectLeader, person)
            if found is None:
                raise NotFound("project_leader_unknown", person=person)
            others = set(people_store.project_leaders(session, lock=True)) - {person}
            if not others and roles.setting(session, "role-checks") == "on":
                raise Refused("last_project_leader", person=person)
            session.delete(found)
            return people_store.project_leaders(session)

        return self._foundation_change("project_leaders", remove)

    def settings(self) -> dict[str, str]:
        """Every setting of the database, by key: its value, or its default."""
        with self._session() as session:
            return roles.settings(session)

    def set_setting(self, key: str, value: str, *, shown: str | None = None) -> dict[str, str]:
        """Set a setting; with `shown` (what a page showed), only while it still holds that:
        a page loaded earlier never undoes someone else's change."""
        spec = roles.SETTINGS.get(key)
        if spec is None:
            raise NotFound("setting_unknown", key=key, keys=", ".join(roles.SETTINGS))
        value = spec.checked(key, value)

        def store(session: Session) -> dict[str, str]:
            if shown is not None and roles.setting(session, key) != shown.strip().lower():
                raise Conflict("setting_clash", key=key, value=roles.setting(session, key))
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

    def rename_school(self, old: str, new: str) -> SchoolView:
        """Give school `old` the name `new`; its teams and people stay with it (they hold the
        school, not its name)."""
        old = old.strip()
        new = clean(new, 200, "school_name_invalid")

        def store(session: Session) -> SchoolView:
            found = people_store.school_named(session, old)
            if found is None:
                known = ", ".join(people_store.school_names(session))
                raise NotFound("school_unknown", school=old, schools=known or "-")
            if new != found.name:
                other = people_store.school_named(session, new)
                if other is not None and other.id != found.id:
                    raise Refused("school_exists", school=new)
                found.name, found.name_key = new, name_key(new)
                session.flush()
            return school_views(session, new)[0]

        return self._foundation_change("organisation", store)

    def give_code(self, school: str, code: str) -> SchoolView:
        """Give a school without a code its code; one that has a code keeps it (someone gave
        it meanwhile, say)."""
        school = school.strip()
        code = school_code(code)

        def store(session: Session) -> SchoolView:
            found = people_store.school_named(session, school)
            if found is None:
                known = ", ".join(people_store.school_names(session))
                raise NotFound("school_unknown", school=school, schools=known or "-")
            if found.code is not None:
                raise Conflict("school_has_code", school=school, code=found.code)
            other = people_store.school_with_code(session, code)
            if other is not None:
                raise Refused("school_code_taken", code=code, school=other)
            found.code = code
            session.flush()
            return school_views(session, school)[0]

        return self._foundation_change("organisation", store)

    def people(self, school: str | None = None) -> list[PersonView]:
        """Everyone, by name, or the people of one school (by its name or code)."""
        with self._session() as session:
            school = school.strip() if school and school.strip() else None
            if school is not None:
                school_id_of(session, school)  # refuses a school that is not there
            return person_views(session, school=school)

    def person(self, name: str) -> PersonView:
        """One person, by their name as names match; a slip is refused with "did you mean"."""
        with self._session() as session:
            found = people_store.person_named(session, name.strip())
            if found is None:
                lookups.known_people(session).meant(name.strip())
                raise NotFound("person_unknown", person=name.strip())
            return self._person_view(session, found.name)

    def add_person(
        self,
        name: str,
        email: str | None = None,
        school: str | None = None,
        functions: Sequence[str] = (),
    ) -> PersonView:
        """Add someone, with an e-mail address, a home school and functions if given; a
        function is its id or its word in either language."""
        name = clean(name, 200, "person_invalid")
        email = email_address(email) if email is not None else None
        school = school.strip() if school and school.strip() else None
        jobs = functions_of(functions)

        def store(session: Session) -> PersonView:
            if people_store.person_id(session, name) is not None:
                raise Refused("person_exists", person=name)
            _email_free(session, email, None)
            person = Person(name=name, email=email, school_id=_school_id(session, school))
            session.add(person)
            session.flush()
            people_store.link_names(session)
            session.add_all(PersonFunction(person_id=person.id, function=job) for job in jobs)
            return self._person_view(session, name)

        return self._foundation_change("organisation", store)

    def edit_person(
        self,
        name: str,
        *,
        new_name: str | None = None,
        email: str | None = None,
        school: str | None = None,
        functions: Sequence[str] | None = None,
        shown: PersonView | None = None,
    ) -> PersonView:
        """Change what is given of someone: their name, e-mail address or home school (an
        empty one clears it), or their functions (all at once; an empty list clears them). A new
        name follows them everywhere, as `rename_person` says. From a page, `shown` is what the
        page showed of them: only a field changed from it is written, and a field someone else
        changed meanwhile refuses the whole edit (a Conflict), so that a page loaded earlier
        never undoes their work."""
        name = name.strip()
        wanted = PersonView(
            name=clean(new_name, 200, "person_invalid") if new_name is not None else "",
            email=email_address(email) if email is not None else None,
            school=school.strip() if school is not None else None,
            functions=functions_of(functions) if functions is not None else (),
        )
        given = {
            "name": new_name is not None,
            "email": email is not None,
            "school": school is not None,
            "functions": functions is not None,
        }

        def store(session: Session) -> PersonView:
            person = people_store.person_named(session, name)
            if person is None:
                raise NotFound("person_unknown", person=name)
            saved = self._person_view(session, person.name)
            writing = _person_writing(wanted, shown or saved, saved, given, self.lang)
            if "email" in writing:
                _email_free(session, wanted.email, person.name)
                person.email = wanted.email
            if "name" in writing:
                rename(session, person.id, person.name, wanted.name)
            if "school" in writing:
                person.school_id = _school_id(session, wanted.school or None)
            if "functions" in writing:
                set_functions(session, person.id, wanted.functions)
            session.flush()
            return self._person_view(session, person.name)

        return self._foundation_change("organisation", store)

    def rename_person(self, old: str, new: str) -> PersonView:
        """Give someone another name: their record, their memberships now and before, the
        meetings they were at, the case pupils they observe, their teams' leaders and charters,
        their account and their place among the project leaders all take the new one. What
        happened before keeps the name it happened under."""
        old = old.strip()
        new = clean(new, 200, "person_invalid")

        def store(session: Session) -> PersonView:
            found = people_store.person_id(session, old)
            if found is None:
                raise NotFound("person_unknown", person=old)
            if new != old:
                rename(session, found, old, new)
            return self._person_view(session, new)

        return self._foundation_change("organisation", store)

    def _person_view(self, session: Session, name: str) -> PersonView:
        found = person_views(session, name=name)
        if not found:
            raise NotFound("person_unknown", person=name)
        return found[0]


def rename(session: Session, person_id: int, old: str, new: str) -> None:
    """Give the person `new` for a name wherever their name is kept (see `rename_person`)."""
    # Another person whose name matches the new one, or a project leader or account of it
    # that is no person (a case-only change of one's own name is no clash).
    other = people_store.person_id(session, new)
    elsewhere = people_store.is_known(session, new) or session.get(Account, new) is not None
    if other not in (None, person_id) or (other is None and elsewhere):
        raise Refused("person_exists", person=new)
    # A signed-in session names the account: they sign in again, under the new name.
    account_store.end_sessions_of(session, old)
    teams = people_store.rename_person(session, person_id, old, new)
    # Rows an upgrade left without a person, under the new name, are theirs now.
    people_store.link_names(session)
    for charter in people_store.charters_of(session, teams):
        if old in charter.needs:
            kept = {key: value for key, value in charter.needs.items() if key != old}
            charter.needs = {**kept, new: charter.needs[old]}
    for team in people_store.teams_by_id(session, teams):
        views = member_views(session, team)
        team.leader = ", ".join(v.person for v in views if v.role == "leader") or None


def school_id_of(session: Session, school: str) -> int:
    """The id of the school `school` means (its name as names match, or its code); a near miss
    is refused with "did you mean", any other with the schools there are."""
    school = school.strip()
    found = people_store.school_id(session, school)
    if found is None:
        lookups.known_schools(session).meant(school)
        known = ", ".join(people_store.school_names(session))
        raise NotFound("school_unknown", school=school, schools=known or "-")
    return found


def _school_id(session: Session, school: str | None) -> int | None:
    return school_id_of(session, school) if school is not None else None


def _email_free(session: Session, email: str | None, person: str | None) -> None:
    """Refuse an e-mail address someone other than `person` has: an import finds people by it."""
    owner = people_store.person_with_email(session, email) if email else None
    if owner is not None and owner != person:
        raise Refused("email_taken", email=email, person=owner)


def set_functions(session: Session, person_id: int, functions: Sequence[str]) -> None:
    """Make the person's functions exactly these."""
    have = set()
    for row in list(people_store.function_rows(session, person_id)):
        if row.function in functions:
            have.add(row.function)
        else:
            session.delete(row)
    session.add_all(
        PersonFunction(person_id=person_id, function=job) for job in functions if job not in have
    )


def person_views(
    session: Session, *, school: str | None = None, name: str | None = None
) -> list[PersonView]:
    rows = list(people_store.people(session, school, name))
    jobs = people_store.functions(session, [row[0] for row in rows] if name else None)
    return [
        PersonView(name, email, home, tuple(job for job in FUNCTIONS if job in jobs.get(pid, ())))
        for pid, name, email, home in rows
    ]


def person_ids(session: Session, names: Iterable[str]) -> dict[str, int]:
    """The person each name stands for: the one of exactly that name, or one made for it.
    Every name that joins a team or a meeting becomes a person here, and only here."""
    wanted = sorted(set(names))
    found = people_store.person_ids(session, wanted)
    new = [name for name in wanted if name not in found]
    if new:
        found |= people_store.add_people(session, new)
    return found


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


# A person's fields as a clash names them, in the reader's language; and how two versions of
# one are compared: texts as a person sees them, functions as a set.
_PERSON_FIELD_WORDS = {
    "name": N_("web_name"),
    "email": N_("col_email"),
    "school": N_("col_school"),
    "functions": N_("col_functions"),
}
_PERSON_KEYS: dict[str, Callable[[object], object]] = {
    "name": lambda value: text_key(str(value or "")),
    "email": lambda value: text_key(str(value or "")),
    "school": lambda value: text_key(str(value or "")),
    "functions": lambda value: frozenset(value) if isinstance(value, tuple) else value,
}


def _person_writing(
    wanted: PersonView,
    shown: PersonView,
    saved: PersonView,
    given: dict[str, bool],
    lang: Lang,
) -> set[str]:
    """The fields of `wanted` to write: those given and changed from what the page showed
    (`shown`). A field someone else changed meanwhile refuses them all."""
    writing, clashes = set(), []
    for key, compare in _PERSON_KEYS.items():
        if not given[key]:
            continue
        edit = Edit(getattr(shown, key), getattr(wanted, key))
        outcome = edit.against(getattr(saved, key), compare)
        if outcome == "write":
            writing.add(key)
        elif outcome == "clash":
            clashes.append(key)
    if clashes:
        named = ", ".join(t(_PERSON_FIELD_WORDS[key], lang) for key in clashes)
        raise Conflict("person_clash", person=saved.name, fields=named)
    return writing


def member_moment(day: date | None, now: datetime) -> datetime:
    """The moment a membership begins or ends: now, or the start of a day gone by."""
    if day is None:
        return now
    if day > now.date():
        raise InvalidInput("member_date_future", day=day.isoformat())
    return datetime.combine(day, time(), tzinfo=UTC)

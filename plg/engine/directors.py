"""Directors of schools: who directs which school, a school as its director sees it, and the
approval of a person's network hours. A director sees every team of their schools, and
approves what a method leaves to them (a team's topic: `Advancing.approve`). Part of the
engine (its `Engine` is a `Directors`)."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from plg.engine import lookups, roles
from plg.engine.inputs import clean
from plg.engine.meetings import Meetings, school_year, year_span
from plg.engine.people import person_ids, school_id_of
from plg.engine.reading import Reading
from plg.errors import Conflict, NotFound, Refused
from plg.present.views import DirectorView, HoursApproved, HoursView, SchoolPageView
from plg.storage import directors as directors_store
from plg.storage import people as people_store
from plg.storage import teamwork as teamwork_store
from plg.storage.models import Director, HoursApproval, School


class Directors(Reading, Meetings):  # Meetings: the hours a director approves
    def directors(self) -> list[DirectorView]:
        """Every director and each school they direct, by name."""
        with self._session() as session:
            return _director_views(session)

    def add_director(self, person: str, school: str) -> list[DirectorView]:
        """Make `person` a director of `school` (one of several, perhaps)."""
        person = clean(person, 200, "person_invalid")

        def add(session: Session) -> list[DirectorView]:
            nonlocal person
            # A director is one of the foundation's people: a slip of their name is refused
            # with "did you mean", another spelling finds them, a new name becomes a person.
            person = lookups.known_people(session).new_or_known(person)
            person_ids(session, [person])
            school_id = school_id_of(session, school)
            if session.get(Director, (person, school_id)) is not None:
                raise Refused("director_already", person=person, school=school.strip())
            session.add(Director(person=person, school_id=school_id, since=self.clock()))
            return _director_views(session)

        # Two adding the same director at once: the one that lost the race to insert the row
        # tries again, and finds them a director.
        return self._foundation_change("organisation", add, (IntegrityError,))

    def remove_director(self, person: str, school: str) -> list[DirectorView]:
        person = person.strip()

        def remove(session: Session) -> list[DirectorView]:
            nonlocal person
            person = lookups.known_people(session).meant(person) or person
            found = session.get(Director, (person, school_id_of(session, school)))
            if found is None:
                raise NotFound("director_unknown", person=person, school=school.strip())
            session.delete(found)
            return _director_views(session)

        return self._foundation_change("organisation", remove)

    def directed_by(self, person: str) -> list[str]:
        """The names of the schools `person` directs."""
        with self._session() as session:
            return directors_store.schools_directed(session, person.strip())

    def school(self, name: str) -> SchoolPageView:
        """The school as its director sees it: its teams with their method and phase, its
        directors, and its staff who are in no active team at all."""
        with self._session() as session:
            school_id = school_id_of(session, name)
            # By its name, whatever was typed: its code, or another spelling.
            school = session.get_one(School, school_id)
            name, code = school.name, school.code
            directors = tuple(directors_store.directors_of(session, school_id))
            idle = tuple(directors_store.idle_staff(session, school_id))
        rows = tuple(self.teams(school=name))
        return SchoolPageView(name, code, directors, rows, idle)

    def school_hours(self, name: str, year: int | None = None) -> HoursView:
        """The hours of the school's staff (whose home school it is) in the school year
        (default: the current one), as `hours` shows them: what its director approves."""
        with self._session() as session:
            staff = set(directors_store.staff_of(session, school_id_of(session, name)))
        found = self.hours(year=year)
        return replace(found, people=tuple(row for row in found.people if row.person in staff))

    def approve_hours(
        self, person: str, year: int | None = None, *, shown: int | None = None
    ) -> HoursApproved:
        """Approve `person`'s network hours of the school year (default: the current one), as
        they stand now: by a director of their home school, or a project leader, with role
        checks on. Approving again, after more meetings, approves the new total. `shown`: the
        minutes the approver's page showed; if they are no longer the total (a meeting added
        meanwhile), nothing is approved, so that no one approves hours they did not see."""
        person = person.strip()
        today = self.clock().date()
        year = school_year(today) if year is None else year
        first, last = year_span(year)

        def approve(session: Session) -> HoursApproved:
            if people_store.person_id(session, person) is None:
                raise NotFound("person_unknown", person=person)
            if roles.checked(session, self.enforce_roles) and not (
                roles.is_project_leader(session, self.actor)
                or directors_store.directs_school_of(session, self.actor, person)
            ):
                raise Refused("hours_approval_refused", person=self.actor, whose=person)
            spent = teamwork_store.minutes_spent(session, first, min(last, today), person)
            minutes = sum(int(total) for _, kind, total, _ in spent if kind == "network")
            if shown is not None and shown != minutes:
                raise Conflict(
                    "hours_changed_meanwhile", person=person, hours=f"{minutes / 60:.1f}"
                )
            found = session.get(HoursApproval, (person, year))
            if found is not None and found.minutes == minutes:
                raise Refused("hours_approved_already", person=person, year=f"{year}-{year + 1}")
            now = self.clock()
            if found is None:
                found = HoursApproval(person=person, year=year)
                session.add(found)
            found.minutes, found.approved_by, found.approved_at = minutes, self.actor, now
            return HoursApproved(minutes, self.actor, now)

        # Two approving at once: the one that lost the race to insert the row tries again,
        # and finds the hours approved.
        return self._write(approve, (IntegrityError,))


def _director_views(session: Session) -> list[DirectorView]:
    return [DirectorView(person, school) for person, school in directors_store.directors(session)]

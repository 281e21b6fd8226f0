"""Meetings and the hours they give: a meeting's length counts for each of its attendees, and a
network's participants have a budget of hours a school year (a setting). Part of the engine
(its `Engine` is a `Meetings`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from plg.engine import lookups, roles
from plg.engine.base import EngineBase
from plg.engine.inputs import MEETING_KINDS, clean, long_text
from plg.errors import InvalidInput, NotFound
from plg.present.rows import Names
from plg.present.views import HoursRow, HoursView, MeetingView
from plg.storage import people as people_store
from plg.storage import teamwork as teamwork_store
from plg.storage.models import Attendance, Meeting, Member, Team
from plg.storage.names import matching
from plg.texts import MEETING_KIND_WORDS, t

MAX_MINUTES = 12 * 60
# Longer than a working day: allowed, but more likely a slip (12 typed for 1.2, say).
_LONG_MINUTES = 8 * 60
# A meeting may be entered ahead, up to a school year; further is a typing error.
_AHEAD = timedelta(days=366)
_EARLIEST = date(2000, 1, 1)
# A Dutch school year runs from 1 August to 31 July.
_YEAR_STARTS = 8


def school_year(day: date) -> int:
    """The year the school year holding `day` began in."""
    return day.year if day.month >= _YEAR_STARTS else day.year - 1


def _year_span(year: int) -> tuple[date, date]:
    return date(year, _YEAR_STARTS, 1), date(year + 1, _YEAR_STARTS, 1) - timedelta(days=1)


def meeting_view(meeting: Meeting, attendees: Iterable[str], names: Names) -> MeetingView:
    return MeetingView(
        id=meeting.id,
        held_on=meeting.held_on,
        minutes=meeting.minutes,
        kind=meeting.kind,
        phase=meeting.phase,
        phase_title=names.phase(meeting.phase),
        attendees=tuple(sorted(attendees)),
        agenda=meeting.agenda,
        notes=meeting.notes,
    )


class Meetings(EngineBase):
    def add_meeting(
        self,
        name: str,
        held_on: date,
        minutes: int,
        attendees: Iterable[str],
        *,
        kind: str = "meeting",
        agenda: str | None = None,
        notes: str | None = None,
    ) -> MeetingView:
        """Record a meeting of the team, in the phase it is in now. Everyone who attended must
        have been a member on that day."""
        # By its id or its name in the person's language, as names match.
        titles = {k: t(MEETING_KIND_WORDS[k], self.lang) for k in MEETING_KINDS}
        meant = lookups.choice(kind, titles)[0]
        if meant is None:
            raise InvalidInput("meeting_kind_invalid", kind=kind, kinds=", ".join(MEETING_KINDS))
        kind = meant
        if not 0 < minutes <= MAX_MINUTES:
            raise InvalidInput("meeting_length_invalid", most=MAX_MINUTES)
        today = self.clock().date()
        if not _EARLIEST <= held_on <= today + _AHEAD:
            raise InvalidInput("meeting_date_invalid", day=held_on.isoformat())
        people = sorted({clean(person, 200, "person_invalid") for person in attendees})
        if not people:
            raise InvalidInput("meeting_no_attendees")
        agenda, notes = long_text(agenda, "text_too_long"), long_text(notes, "text_too_long")

        def change(session: Session, team: Team) -> MeetingView:
            nonlocal people
            known = people_store.known_people(session)
            people = sorted({matching(person, known) or person for person in people})
            for person in people:
                if not _member_on(session, team, person, held_on):
                    raise InvalidInput(
                        "attendee_not_member", person=person, team=team.name, day=held_on
                    )
            self._event(
                session,
                team,
                "meeting",
                detail={"held_on": held_on.isoformat(), "minutes": minutes, "kind": kind},
            )
            same_day = any(m.held_on == held_on for m in teamwork_store.meetings(session, team.id))
            meeting = Meeting(
                team_id=team.id,
                held_on=held_on,
                minutes=minutes,
                kind=kind,
                phase=team.phase,
                agenda=agenda,
                notes=notes,
            )
            session.add(meeting)
            session.flush()
            session.add_all(Attendance(meeting_id=meeting.id, person=p) for p in people)
            session.flush()
            view = meeting_view(meeting, people, Names(self._definition(session, team), self.lang))
            warnings = self._meeting_warnings(session, team, view, same_day)
            return replace(view, warnings=warnings)

        return self._change(name, "meeting", change)

    def _meeting_warnings(
        self, session: Session, team: Team, meeting: MeetingView, same_day: bool
    ) -> tuple[str, ...]:
        """What may be a slip, or worth knowing, about a meeting just saved: the change is made
        all the same."""
        lang, day = self.lang, meeting.held_on.isoformat()
        found = []
        if same_day:
            found.append(t("warn_meeting_same_day", lang, team=team.name, day=day))
        if meeting.minutes > _LONG_MINUTES:
            found.append(t("warn_meeting_long", lang, hours=f"{meeting.minutes / 60:g}"))
        if team.kind == "network":
            budget = int(roles.setting(session, "hours-budget"))
            first, last = _year_span(school_year(meeting.held_on))
            for who, kind, spent, _ in teamwork_store.minutes_spent(session, first, last, None):
                if kind == "network" and who in meeting.attendees and spent > budget * 60:
                    hours = f"{spent / 60:g}"
                    found.append(
                        t("warn_over_budget", lang, person=who, hours=hours, budget=budget)
                    )
        return tuple(found)

    def meetings(self, name: str) -> list[MeetingView]:
        """The team's meetings, earliest first."""
        with self._session() as session:
            team = self._team(session, name)
            return meeting_views(session, team, Names(self._definition(session, team), self.lang))

    def hours(self, person: str | None = None, year: int | None = None) -> HoursView:
        """Hours per person in a school year (default: the current one) from the meetings held
        by then, split by team kind, against the budget of network participants."""
        today = self.clock().date()
        year = school_year(today) if year is None else year
        first, last = _year_span(year)
        with self._session() as session:
            budget = int(roles.setting(session, "hours-budget"))
            if person is not None:
                person = (
                    matching(person.strip(), people_store.known_people(session)) or person.strip()
                )
            spent = teamwork_store.minutes_spent(session, first, min(last, today), person)
            minutes: dict[str, dict[str, int]] = defaultdict(dict)
            count: dict[str, int] = defaultdict(int)
            for who, kind, total, n in spent:
                minutes[who][kind] = int(total)
                count[who] += n
            networked = teamwork_store.in_networks(session, person)
            networked |= {who for who, kinds in minutes.items() if "network" in kinds}
            if person is not None and not minutes and not networked:
                if not people_store.known_anywhere(session, person):
                    raise NotFound("person_unknown", person=person)
                minutes[person] = {}
        rows = [
            HoursRow(
                person=who,
                network_minutes=minutes[who].get("network", 0),
                team_minutes=minutes[who].get("internal", 0),
                meetings=count[who],
                budget=budget if who in networked else None,
            )
            for who in sorted(set(minutes) | networked)
        ]
        return HoursView(year=year, first=first, last=last, budget=budget, people=tuple(rows))


def _member_on(session: Session, team: Team, person: str, day: date) -> bool:
    """Whether `person` was in the team on `day`: now, or in a stay that has ended."""
    current = session.get(Member, (team.id, person))
    if current is not None and current.joined_at.date() <= day:
        return True
    stays = people_store.stays(session, team.id, person)
    return any(joined.date() <= day <= left.date() for joined, left in stays)


def meeting_views(session: Session, team: Team, names: Names) -> list[MeetingView]:
    meetings = teamwork_store.meetings(session, team.id)
    present: dict[int, list[str]] = defaultdict(list)
    for meeting_id, who in teamwork_store.attendances(session, [m.id for m in meetings]):
        present[meeting_id].append(who)
    return [meeting_view(m, present[m.id], names) for m in meetings]

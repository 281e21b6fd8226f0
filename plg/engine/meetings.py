"""Meetings and the hours they give: a meeting's length counts for each of its attendees, and a
network's participants have a budget of hours a school year (a setting). Part of the engine
(its `Engine` is a `Meetings`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from plg.engine import roles
from plg.engine.core import Core
from plg.engine.inputs import MEETING_KINDS, clean, long_text
from plg.errors import InvalidInput, NotFound
from plg.present.rows import Names
from plg.present.views import HoursRow, HoursView, MeetingView
from plg.storage.models import Attendance, FormerMember, Meeting, Member, Person, Team

MAX_MINUTES = 12 * 60
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


class Meetings(Core):
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
        if kind not in MEETING_KINDS:
            raise InvalidInput("meeting_kind_invalid", kind=kind, kinds=", ".join(MEETING_KINDS))
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
            return meeting_view(meeting, people, Names(self._definition(session, team), self.lang))

        return self._change(name, "meeting", change)

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
            spent = (
                select(Attendance.person, Team.kind, func.sum(Meeting.minutes), func.count())
                .join(Meeting, Meeting.id == Attendance.meeting_id)
                .join(Team, Team.id == Meeting.team_id)
                .where(Meeting.held_on >= first, Meeting.held_on <= min(last, today))
                .group_by(Attendance.person, Team.kind)
            )
            in_networks = select(Member.person).join(Team).where(Team.kind == "network")
            if person is not None:
                person = person.strip()
                spent = spent.where(Attendance.person == person)
                in_networks = in_networks.where(Member.person == person)
            minutes: dict[str, dict[str, int]] = defaultdict(dict)
            count: dict[str, int] = defaultdict(int)
            for who, kind, total, n in session.execute(spent):
                minutes[who][kind] = int(total)
                count[who] += n
            networked = set(session.scalars(in_networks))
            networked |= {who for who, kinds in minutes.items() if "network" in kinds}
            if person is not None and not minutes and not networked:
                known = session.scalar(select(func.count()).where(Person.name == person))
                in_team = session.scalar(select(func.count()).where(Member.person == person))
                if not known and not in_team:
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
    stays = session.execute(
        select(FormerMember.joined_at, FormerMember.left_at).where(
            FormerMember.team_id == team.id, FormerMember.person == person
        )
    )
    return any(joined.date() <= day <= left.date() for joined, left in stays)


def meeting_views(session: Session, team: Team, names: Names) -> list[MeetingView]:
    meetings = list(
        session.scalars(
            select(Meeting).where(Meeting.team_id == team.id).order_by(Meeting.held_on, Meeting.id)
        )
    )
    present: dict[int, list[str]] = defaultdict(list)
    rows = session.execute(
        select(Attendance.meeting_id, Attendance.person).where(
            Attendance.meeting_id.in_([m.id for m in meetings])
        )
    )
    for meeting_id, who in rows:
        present[meeting_id].append(who)
    return [meeting_view(m, present[m.id], names) for m in meetings]

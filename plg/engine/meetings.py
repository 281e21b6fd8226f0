"""Meetings and the hours they give: a meeting's length counts for each of its attendees, and a
network's participants have a budget of hours a school year (a setting). Part of the engine
(its `Engine` is a `Meetings`)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, fields, replace
from datetime import date, timedelta

from sqlalchemy.orm import Session

from plg.engine import lookups, roles
from plg.engine.base import EngineBase
from plg.engine.inputs import MEETING_KINDS, Edit, clean, long_text, text_key
from plg.engine.people import person_ids
from plg.errors import Conflict, InvalidInput, NotFound
from plg.langs import Lang
from plg.present.rows import Names, removal
from plg.present.views import HoursApproved, HoursRow, HoursView, MeetingView
from plg.storage import directors as directors_store
from plg.storage import mending as mending_store
from plg.storage import people as people_store
from plg.storage import teamwork as teamwork_store
from plg.storage.models import Attendance, Meeting, Member, Team
from plg.storage.names import matching
from plg.storage.schema import LARGEST_ID
from plg.texts import MEETING_KIND_WORDS, N_, t

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


def year_span(year: int) -> tuple[date, date]:
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
        removed=removal(meeting.removed_at, meeting.removed_by),
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
        kind = self._kind_meant(kind)
        _check_minutes(minutes)
        self._check_day(held_on)
        people = _attendees(attendees)
        agenda, notes = long_text(agenda, "text_too_long"), long_text(notes, "text_too_long")

        def change(session: Session, team: Team) -> MeetingView:
            nonlocal people
            known = people_store.known_people(session)
            people = tuple(sorted({matching(person, known) or person for person in people}))
            _check_members(session, team, people, held_on)
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
            ids = person_ids(session, people)
            session.add_all(
                Attendance(meeting_id=meeting.id, person=p, person_id=ids[p]) for p in people
            )
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
            first, last = year_span(school_year(meeting.held_on))
            for who, kind, spent, _ in teamwork_store.minutes_spent(session, first, last, None):
                if kind == "network" and who in meeting.attendees and spent > budget * 60:
                    hours = f"{spent / 60:g}"
                    found.append(
                        t("warn_over_budget", lang, person=who, hours=hours, budget=budget)
                    )
        return tuple(found)

    def edit_meeting(
        self, name: str, meeting_id: int, wanted: MeetingFields, shown: MeetingFields | None = None
    ) -> MeetingView:
        """Change what `wanted` gives of a meeting (None: leave it). From a page, `shown` is
        what the page showed: only a field the person changed from it is written, and a field
        that someone else changed meanwhile refuses the whole edit (a Conflict), so that a
        page loaded earlier never undoes their work. One event holds the values before and
        after, to undo the edit by making it again the other way."""
        wanted = _checked(wanted, self._check_day, self._kind_meant)

        def change(session: Session, team: Team) -> MeetingView:
            meeting = find_meeting(session, team, meeting_id)
            present = sorted(p for _, p in teamwork_store.attendances(session, [meeting.id]))
            saved = _fields_of(meeting, present)
            writing = _writing(wanted, shown, saved, meeting_id, self.lang)
            names = Names(self._definition(session, team), self.lang)
            if not writing:
                return meeting_view(meeting, present, names)
            day = wanted.held_on if "held_on" in writing and wanted.held_on else meeting.held_on
            given = wanted.attendees if "attendees" in writing else None
            people = given if given is not None else tuple(present)
            if "held_on" in writing or "attendees" in writing:
                _check_members(session, team, people, day)
            before = {key: _json(saved[key]) for key in writing}
            for key, value in writing.items():
                if key == "attendees":
                    mending_store.set_attendees(session, meeting.id, person_ids(session, people))
                else:
                    setattr(meeting, key, (value or None) if key in _TEXTS else value)
            self._event(
                session,
                team,
                "meeting_edit",
                detail={
                    "id": meeting.id,
                    "held_on": meeting.held_on.isoformat(),
                    "minutes": meeting.minutes,
                    "before": before,
                    "after": {key: _json(value) for key, value in writing.items()},
                },
            )
            return meeting_view(meeting, people, names)

        return self._change(name, "meeting", change)

    def _kind_meant(self, kind: str) -> str:
        """The meeting kind `kind` means: its id or its name in the person's language."""
        titles = {k: t(MEETING_KIND_WORDS[k], self.lang) for k in MEETING_KINDS}
        meant = lookups.choice(kind, titles)[0]
        if meant is None:
            raise InvalidInput("meeting_kind_invalid", kind=kind, kinds=", ".join(MEETING_KINDS))
        return meant

    def _check_day(self, held_on: date) -> None:
        if not _EARLIEST <= held_on <= self.clock().date() + _AHEAD:
            raise InvalidInput("meeting_date_invalid", day=held_on.isoformat())

    def meetings(self, name: str, *, removed: bool = False) -> list[MeetingView]:
        """The team's meetings, earliest first; with `removed`, those removed by mistake too."""
        with self._session() as session:
            team = self._team(session, name)
            names = Names(self._definition(session, team), self.lang)
            return meeting_views(session, team, names, removed=removed)

    def hours(self, person: str | None = None, year: int | None = None) -> HoursView:
        """Hours per person in a school year (default: the current one) from the meetings held
        by then, split by team kind, against the budget of network participants."""
        today = self.clock().date()
        year = school_year(today) if year is None else year
        first, last = year_span(year)
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
            approvals = {
                who: HoursApproved(approved, by, at)
                for who, approved, by, at in directors_store.hours_approvals(session, year, person)
            }
        rows = [
            HoursRow(
                person=who,
                network_minutes=minutes[who].get("network", 0),
                team_minutes=minutes[who].get("internal", 0),
                meetings=count[who],
                budget=budget if who in networked else None,
                approval=approvals.get(who),
            )
            for who in sorted(set(minutes) | networked)
        ]
        return HoursView(year=year, first=first, last=last, budget=budget, people=tuple(rows))


@dataclass(frozen=True)
class MeetingFields:
    """What a meeting holds that can be edited; None: not given (an empty agenda or notes
    clears them)."""

    held_on: date | None = None
    minutes: int | None = None
    kind: str | None = None
    attendees: tuple[str, ...] | None = None
    agenda: str | None = None
    notes: str | None = None


_EDITABLE = tuple(f.name for f in fields(MeetingFields))
_TEXTS = ("agenda", "notes")


def _same(value: object) -> object:
    return value


def _text_key(value: object) -> object:
    return text_key(value if isinstance(value, str) else None)


def _people_key(value: object) -> object:
    return tuple(sorted(value)) if isinstance(value, tuple) else value


# How two versions of a field are compared: texts as a person sees them, attendees as a set.
_KEYS = {"agenda": _text_key, "notes": _text_key, "attendees": _people_key}
# A field's name as a clash names it, in the reader's language.
_FIELD_WORDS = {
    "held_on": N_("col_date"),
    "minutes": N_("col_minutes"),
    "kind": N_("col_kind"),
    "attendees": N_("col_attendees"),
    "agenda": N_("col_agenda"),
    "notes": N_("web_notes"),
}


def _checked(
    wanted: MeetingFields, check_day: Callable[[date], None], kind_meant: Callable[[str], str]
) -> MeetingFields:
    """`wanted` as stored, each field given checked as `add_meeting` checks it."""
    if wanted.kind is not None:
        wanted = replace(wanted, kind=kind_meant(wanted.kind))
    if wanted.minutes is not None:
        _check_minutes(wanted.minutes)
    if wanted.held_on is not None:
        check_day(wanted.held_on)
    agenda, notes = (
        long_text(value, "text_too_long") or "" if value is not None else None
        for value in (wanted.agenda, wanted.notes)
    )
    people = _attendees(wanted.attendees) if wanted.attendees is not None else None
    return replace(wanted, attendees=people, agenda=agenda, notes=notes)


def _writing(
    wanted: MeetingFields,
    shown: MeetingFields | None,
    saved: dict[str, object],
    meeting_id: int,
    lang: Lang,
) -> dict[str, object]:
    """The fields of `wanted` to write: those changed from what the page showed (from what is
    saved, without a page). A field someone else changed meanwhile refuses them all."""
    writing: dict[str, object] = {}
    clashes = []
    for key in _EDITABLE:
        value = getattr(wanted, key)
        if value is None:
            continue
        edit = Edit(getattr(shown, key) if shown is not None else saved[key], value)
        outcome = edit.against(saved[key], _KEYS.get(key, _same))
        if outcome == "write":
            writing[key] = value
        elif outcome == "clash":
            clashes.append(key)
    if clashes:
        named = ", ".join(t(_FIELD_WORDS[key], lang) for key in clashes)
        raise Conflict("meeting_clash", id=meeting_id, fields=named)
    return writing


def _fields_of(meeting: Meeting, attendees: list[str]) -> dict[str, object]:
    return {
        "held_on": meeting.held_on,
        "minutes": meeting.minutes,
        "kind": meeting.kind,
        "attendees": tuple(attendees),
        "agenda": meeting.agenda or "",
        "notes": meeting.notes or "",
    }


def _json(value: object) -> object:
    if isinstance(value, date):
        return value.isoformat()
    return list(value) if isinstance(value, tuple) else value


def _check_minutes(minutes: int) -> None:
    if not 0 < minutes <= MAX_MINUTES:
        raise InvalidInput("meeting_length_invalid", most=MAX_MINUTES)


def _attendees(attendees: Iterable[str]) -> tuple[str, ...]:
    people = tuple(sorted({clean(person, 200, "person_invalid") for person in attendees}))
    if not people:
        raise InvalidInput("meeting_no_attendees")
    return people


def _check_members(session: Session, team: Team, people: Iterable[str], day: date) -> None:
    for person in people:
        if not _member_on(session, team, person, day):
            raise InvalidInput("attendee_not_member", person=person, team=team.name, day=day)


def find_meeting(session: Session, team: Team, meeting_id: int) -> Meeting:
    """The team's meeting of that id, removed or not."""
    fits = 0 < meeting_id <= LARGEST_ID
    meeting = teamwork_store.meeting(session, team.id, meeting_id) if fits else None
    if meeting is None:
        raise NotFound("meeting_unknown", team=team.name, id=meeting_id)
    return meeting


def _member_on(session: Session, team: Team, person: str, day: date) -> bool:
    """Whether `person` was in the team on `day`: now, or in a stay that has ended."""
    current = session.get(Member, (team.id, person))
    if current is not None and current.joined_at.date() <= day:
        return True
    stays = people_store.stays(session, team.id, person)
    return any(joined.date() <= day <= left.date() for joined, left in stays)


def meeting_views(
    session: Session, team: Team, names: Names, *, removed: bool = False
) -> list[MeetingView]:
    meetings = teamwork_store.meetings(session, team.id, removed=removed)
    present: dict[int, list[str]] = defaultdict(list)
    for meeting_id, who in teamwork_store.attendances(session, [m.id for m in meetings]):
        present[meeting_id].append(who)
    return [meeting_view(m, present[m.id], names) for m in meetings]

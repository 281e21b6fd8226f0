"""Reading a team's registers: its hypotheses, meetings and the hours they give, and its case
pupils with their notes. The engine decides and holds the transaction; this reads."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from sqlalchemy import Result, func, select
from sqlalchemy.orm import Session

from plg.storage.models import (
    Attendance,
    CasePupil,
    Hypothesis,
    Meeting,
    Member,
    PupilNote,
    Team,
)


def last_hypothesis(session: Session, team_id: int) -> int:
    """The number of the team's latest hypothesis; 0 before its first."""
    query = select(func.max(Hypothesis.number)).where(Hypothesis.team_id == team_id)
    return session.scalar(query) or 0


def open_hypothesis(session: Session, team_id: int) -> Hypothesis | None:
    query = select(Hypothesis).where(Hypothesis.team_id == team_id, Hypothesis.status == "open")
    return session.scalars(query).first()


def hypotheses(session: Session, team_id: int) -> Iterable[Hypothesis]:
    """The team's register, oldest first."""
    query = select(Hypothesis).where(Hypothesis.team_id == team_id).order_by(Hypothesis.number)
    return session.scalars(query)


def meeting(session: Session, team_id: int, meeting_id: int) -> Meeting | None:
    """The team's meeting of that id, removed or not."""
    found = session.get(Meeting, meeting_id)
    return found if found is not None and found.team_id == team_id else None


def meetings(session: Session, team_id: int, *, removed: bool = False) -> list[Meeting]:
    """The team's meetings, earliest first; those removed by mistake only with `removed`."""
    query = select(Meeting).where(Meeting.team_id == team_id).order_by(Meeting.held_on, Meeting.id)
    if not removed:
        query = query.where(Meeting.removed_at.is_(None))
    return list(session.scalars(query))


def attendances(session: Session, meeting_ids: list[int]) -> Result[int, str]:
    """Who was at these meetings: meeting id and person."""
    return session.execute(
        select(Attendance.meeting_id, Attendance.person).where(
            Attendance.meeting_id.in_(meeting_ids)
        )
    )


def minutes_spent(
    session: Session, first: date, last: date, person: str | None
) -> Result[str, str, int, int]:
    """Per person (or for one) and team kind, the minutes of the meetings held from `first`
    to `last` that they attended, and how many meetings those were."""
    query = (
        select(Attendance.person, Team.kind, func.sum(Meeting.minutes), func.count())
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Team, Team.id == Meeting.team_id)
        .where(Meeting.held_on >= first, Meeting.held_on <= last, Meeting.removed_at.is_(None))
        .group_by(Attendance.person, Team.kind)
    )
    if person is not None:
        query = query.where(Attendance.person == person)
    return session.execute(query)


def in_networks(session: Session, person: str | None) -> set[str]:
    """Everyone (or `person`, if so) who is a member of a network."""
    query = select(Member.person).join(Team).where(Team.kind == "network")
    if person is not None:
        query = query.where(Member.person == person)
    return set(session.scalars(query))


def pupil(session: Session, team_id: int, lesson: int, pseudonym: str) -> CasePupil | None:
    return session.scalars(
        select(CasePupil).where(
            CasePupil.team_id == team_id,
            CasePupil.lesson == lesson,
            CasePupil.pseudonym == pseudonym,
        )
    ).first()


def pupils(session: Session, team_id: int, lesson: int | None, only: int | None) -> list[CasePupil]:
    """The team's case pupils by lesson and pseudonym: of one lesson, or every lesson's when
    `lesson` is None; only the one with id `only`, if given."""
    query = select(CasePupil).where(CasePupil.team_id == team_id)
    if lesson is not None:
        query = query.where(CasePupil.lesson == lesson)
    if only is not None:
        query = query.where(CasePupil.id == only)
    return list(session.scalars(query.order_by(CasePupil.lesson, CasePupil.pseudonym)))


def pupil_notes(session: Session, pupil_ids: list[int]) -> Iterable[PupilNote]:
    """The notes of these case pupils, in the order they were first written."""
    return session.scalars(
        select(PupilNote).where(PupilNote.pupil_id.in_(pupil_ids)).order_by(PupilNote.seq)
    )

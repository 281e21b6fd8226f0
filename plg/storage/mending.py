"""Writing what mending needs beyond a row's own fields: a meeting's attendees replaced, and
purging for good what was removed, or an archived team with its whole history, with the note
that says so. The engine decides and holds the transaction."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from plg.storage.models import (
    Attendance,
    Blob,
    CasePupil,
    Charter,
    Event,
    FormerMember,
    Hypothesis,
    Meeting,
    Member,
    PupilNote,
    Purge,
    Record,
    Team,
    Tick,
    table,
    team_schools,
)


def set_attendees(session: Session, meeting_id: int, people: Mapping[str, int]) -> None:
    """The meeting's attendees made `people`: each name with the id of its person."""
    session.execute(delete(Attendance).where(Attendance.meeting_id == meeting_id))
    session.add_all(
        Attendance(meeting_id=meeting_id, person=person, person_id=person_id)
        for person, person_id in people.items()
    )


def _meetings(session: Session, team_id: int, removed_only: bool) -> list[int]:
    query = select(Meeting.id).where(Meeting.team_id == team_id)
    if removed_only:
        query = query.where(Meeting.removed_at.is_not(None))
    return list(session.scalars(query))


def _records(session: Session, team_id: int, removed_only: bool) -> list[tuple[int, str | None]]:
    query = select(Record.id, Record.blob_sha256).where(Record.team_id == team_id)
    if removed_only:
        query = query.where(Record.removed_at.is_not(None))
    return [(id_, sha) for id_, sha in session.execute(query)]


def _drop(session: Session, team_id: int, removed_only: bool) -> tuple[int, int]:
    """Delete the team's meetings and records (the removed ones only, if so), and the files
    no other record holds; how many records and meetings went."""
    meetings = _meetings(session, team_id, removed_only)
    records = _records(session, team_id, removed_only)
    if meetings:
        session.execute(delete(Attendance).where(Attendance.meeting_id.in_(meetings)))
        session.execute(delete(Meeting).where(Meeting.id.in_(meetings)))
    if records:
        session.execute(delete(Record).where(Record.id.in_([id_ for id_, _ in records])))
        files = {sha for _, sha in records if sha is not None}
        if files:
            held = set(
                session.scalars(select(Record.blob_sha256).where(Record.blob_sha256.in_(files)))
            )
            if files - held:
                session.execute(delete(Blob).where(Blob.sha256.in_(files - held)))
    return len(records), len(meetings)


def purge_removed(session: Session, team_id: int) -> tuple[int, int]:
    """Delete for good the team's removed records and meetings: how many of each."""
    return _drop(session, team_id, removed_only=True)


def purge_team(session: Session, team_id: int) -> tuple[int, int]:
    """Delete the team with everything it holds and its history: how many records and
    meetings went."""
    dropped = _drop(session, team_id, removed_only=False)
    pupils = select(CasePupil.id).where(CasePupil.team_id == team_id)
    session.execute(delete(PupilNote).where(PupilNote.pupil_id.in_(pupils)))
    for model in (CasePupil, Hypothesis, Charter, Member, FormerMember, Tick, Event):
        rows = table(model)
        session.execute(delete(rows).where(rows.c.team_id == team_id))
    session.execute(delete(team_schools).where(team_schools.c.team_id == team_id))
    session.execute(delete(Team).where(Team.id == team_id))
    return dropped


def note_purge(session: Session, row: dict[str, Any]) -> None:
    """Keep what was purged, by whom: it outlives the team's own history."""
    session.add(Purge(**row))

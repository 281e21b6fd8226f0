"""The reads of `plg check` (see plg.engine.check): the database's own structure, and every
team, event, method version, register and file as stored, streamed where there can be many.
The engine decides what must hold and holds the transaction; this reads."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Result, func, select, text
from sqlalchemy.orm import Session, aliased

from plg.storage.models import (
    Attendance,
    Blob,
    CasePupil,
    Charter,
    Event,
    FormerMember,
    Hypothesis,
    Member,
    MethodSnapshot,
    Person,
    PupilNote,
    Record,
    Team,
)


def sqlite_integrity(session: Session) -> Result[str]:
    """SQLite's own check of its file: one line, "ok", when it is sound."""
    return session.execute(text("PRAGMA integrity_check"))


def sqlite_foreign_keys(session: Session) -> Result[str, int, str, int]:
    """Rows whose foreign key names no row: table, rowid, parent table, key number."""
    return session.execute(text("PRAGMA foreign_key_check"))


def snapshots(session: Session) -> Result[int, str, str]:
    """Every stored method version: id, hash, content."""
    return session.execute(select(MethodSnapshot.id, MethodSnapshot.sha256, MethodSnapshot.content))


def team_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Team)) or 0


def leaders(session: Session) -> Result[int, str]:
    """Every team's leaders, by team id and then name."""
    return session.execute(
        select(Member.team_id, Member.person)
        .where(Member.role == "leader")
        .order_by(Member.team_id, Member.person)
    )


def teams(
    session: Session,
) -> Result[int, str, str | None, str, dict[str, Any], str, int, int, str]:
    """Every team as stored, by id, streamed: id, name, leader, phase, counters, status, last
    seq, the seq its visit began with, and the hash of its method version."""
    return session.execute(
        select(
            Team.id,
            Team.name,
            Team.leader,
            Team.phase,
            Team.counters,
            Team.status,
            Team.last_seq,
            Team.phase_entered_seq,
            MethodSnapshot.sha256,
        )
        .join(MethodSnapshot, MethodSnapshot.id == Team.snapshot_id)
        .order_by(Team.id)
        .execution_options(yield_per=5000)
    )


def events(
    session: Session,
) -> Result[int, int, str, str | None, str | None, str | None, dict[str, Any]]:
    """Every event, by team id and seq, streamed: team id, seq, kind, from, to, trigger,
    detail."""
    return session.execute(
        select(
            Event.team_id,
            Event.seq,
            Event.kind,
            Event.from_phase,
            Event.to_phase,
            Event.trigger,
            Event.detail,
        )
        .order_by(Event.team_id, Event.seq)
        .execution_options(yield_per=20000)
    )


def unlinked_names(session: Session) -> list[str]:
    """The names on memberships, ended stays and attendances that refer to no person (an
    upgrade could not tell whose they are), by the index on `person_id`."""
    names: set[str] = set()
    for model in (Member, FormerMember, Attendance):
        names.update(session.scalars(select(model.person).where(model.person_id.is_(None))))
    return sorted(names)


def names_out_of_step(session: Session) -> list[tuple[str, str]]:
    """Names kept on memberships, ended stays and attendances that are not the name of the
    person they refer to: the person's name, the name kept; each pair once."""
    found: set[tuple[str, str]] = set()
    for model in (Member, FormerMember, Attendance):
        rows = session.execute(
            select(Person.name, model.person)
            .join(Person, Person.id == model.person_id)
            .where(Person.name != model.person)
            .distinct()
        )
        found.update((person, kept) for person, kept in rows)
    return sorted(found)


def charter_members(session: Session) -> Result[int, str, str]:
    """The members of every team that has a charter: team id, person, role."""
    return session.execute(
        select(Member.team_id, Member.person, Member.role).where(
            Member.team_id.in_(select(Charter.team_id))
        )
    )


def charters(
    session: Session,
) -> Result[int, str, dict[str, Any], dict[str, Any], bool, date | None]:
    """Every charter: team id, team name, answers, needs, whether it is complete, and the
    team's deadline."""
    return session.execute(
        select(
            Charter.team_id,
            Team.name,
            Charter.answers,
            Charter.needs,
            Charter.complete,
            Team.deadline,
        ).join(Team, Team.id == Charter.team_id)
    )


def teams_with_open_hypotheses(session: Session) -> list[str]:
    """The names of the teams with more than one open hypothesis."""
    query = (
        select(Team.name)
        .join(Hypothesis, Hypothesis.team_id == Team.id)
        .where(Hypothesis.status == "open")
        .group_by(Team.id, Team.name)
        .having(func.count() > 1)
    )
    return list(session.scalars(query))


def unpredicted_observations(session: Session) -> Result[str, int, str]:
    """Observations of a case pupil's stage with no prediction for it: team name, pupil id,
    stage."""
    predicted = aliased(PupilNote)
    return session.execute(
        select(Team.name, CasePupil.id, PupilNote.stage)
        .join(CasePupil, CasePupil.team_id == Team.id)
        .join(PupilNote, PupilNote.pupil_id == CasePupil.id)
        .where(
            PupilNote.kind == "observation",
            ~select(predicted.pupil_id)
            .where(
                predicted.pupil_id == PupilNote.pupil_id,
                predicted.stage == PupilNote.stage,
                predicted.kind == "prediction",
            )
            .exists(),
        )
    )


def files(session: Session) -> Result[str, int, bytes]:
    """Every stored file, one at a time (files can be large): hash, size, content."""
    return session.execute(select(Blob.sha256, Blob.size, Blob.data).execution_options(yield_per=1))


def missing_files(session: Session) -> Result[int, str, str | None]:
    """Records whose file is not stored: record id, team name, the file's hash."""
    return session.execute(
        select(Record.id, Team.name, Record.blob_sha256)
        .join(Team, Team.id == Record.team_id)
        .outerjoin(Blob, Blob.sha256 == Record.blob_sha256)
        .where(Record.blob_sha256.is_not(None), Blob.sha256.is_(None))
    )

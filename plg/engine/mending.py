"""Mending mistakes: a team renamed, archived and restored; a meeting edited; a meeting or
record removed (hidden, never deleted) and restored; and purging for good, by a project leader,
what was removed or a whole archived team. Each change is an event with who and why. Part of
the engine (its `Engine` is a `Mending`); docs/mending.md says what each does."""

from __future__ import annotations

from sqlalchemy.orm import Session

from plg.engine.base import EngineBase
from plg.engine.inputs import clean, required_text
from plg.engine.meetings import find_meeting, meeting_view
from plg.errors import Conflict, NotFound, Refused
from plg.methods.definition import Category
from plg.present.rows import Names, record_view
from plg.present.views import MeetingView, Purged, RecordRemoved, RecordView, TeamView
from plg.storage import mending as mending_store
from plg.storage import teams as team_store
from plg.storage import teamwork as teamwork_store
from plg.storage.models import Meeting, Record, Team
from plg.storage.names import name_key
from plg.storage.schema import LARGEST_ID
from plg.texts import VALUE_WORDS, t


class Mending(EngineBase):
    # -- a team ---------------------------------------------------------------------------

    def rename_team(self, name: str, new_name: str) -> TeamView:
        """Give the team another name: its history and pages follow it, and the old name is
        free again. Undone by renaming it back."""
        new_name = clean(new_name, 120, "team_name_invalid")

        def change(session: Session, team: Team) -> TeamView:
            old = team.name
            if new_name != old:
                # A team whose name matches the new one, but not this team (its name may be
                # only respelled: "rekenen" to "Rekenen").
                other = team_store.by_name(session, new_name)
                if other is not None and other.id != team.id:
                    raise Refused("team_exists", team=new_name)
                detail = {"old_name": old, "new_name": new_name}
                changes = {"name": new_name, "name_key": name_key(new_name)}
                self._event(session, team, "rename", changes, detail=detail)
            return self._team_view(session, team)

        return self._change(name, "rename", change)

    def archive_team(self, name: str, reason: str) -> TeamView:
        """Keep the team as it is, changed by nobody and left out of lists, until it is
        restored (or purged)."""
        why = required_text(reason, "mend_reason_missing")

        def change(session: Session, team: Team) -> TeamView:
            if team.archived_at is not None:
                raise Conflict("team_archived_already", team=team.name)
            self._event(session, team, "archive", {"archived_at": self.clock()}, reason=why)
            return self._team_view(session, team)

        return self._change(name, "archive", change)

    def restore_team(self, name: str) -> TeamView:
        """Bring an archived team back, as it was."""

        def change(session: Session, team: Team) -> TeamView:
            if team.archived_at is None:
                raise Conflict("team_not_archived", team=team.name)
            self._event(session, team, "unarchive", {"archived_at": None})
            return self._team_view(session, team)

        return self._change(name, "archive", change)

    def _team_view(self, session: Session, team: Team) -> TeamView:
        return self._view(team, *self._read(session, team))

    # -- a meeting ------------------------------------------------------------------------

    def remove_meeting(self, name: str, meeting_id: int, reason: str) -> MeetingView:
        """Hide a meeting entered by mistake: it gives no hours and is left out of the team's
        page and story until it is restored."""
        why = required_text(reason, "mend_reason_missing")

        def change(session: Session, team: Team) -> MeetingView:
            meeting = find_meeting(session, team, meeting_id)
            if meeting.removed_at is not None:
                raise Conflict("meeting_removed_already", team=team.name, id=meeting_id)
            self._event(
                session, team, "remove_meeting", detail=_meeting_detail(meeting), reason=why
            )
            meeting.removed_at, meeting.removed_by = self.clock(), self.actor
            return self._meeting_view(session, team, meeting)

        return self._change(name, "meeting", change)

    def restore_meeting(self, name: str, meeting_id: int) -> MeetingView:
        def change(session: Session, team: Team) -> MeetingView:
            meeting = find_meeting(session, team, meeting_id)
            if meeting.removed_at is None:
                raise Conflict("meeting_not_removed", team=team.name, id=meeting_id)
            self._event(session, team, "restore_meeting", detail=_meeting_detail(meeting))
            meeting.removed_at = meeting.removed_by = None
            return self._meeting_view(session, team, meeting)

        return self._change(name, "meeting", change)

    def _meeting_view(self, session: Session, team: Team, meeting: Meeting) -> MeetingView:
        session.flush()
        present = [who for _, who in teamwork_store.attendances(session, [meeting.id])]
        return meeting_view(meeting, present, Names(self._definition(session, team), self.lang))

    # -- a record -------------------------------------------------------------------------

    def remove_record(
        self, name: str, category: Category, record_id: int, reason: str
    ) -> RecordRemoved:
        """Hide an artefact or evidence saved by mistake: it no longer counts for the
        checklist, and is left out of the team's page, story and export until it is restored.
        What it let the team do stays done: a team that moved on stays in its phase."""
        why = required_text(reason, "mend_reason_missing")

        def change(session: Session, team: Team) -> RecordRemoved:
            record = self._record(session, team, category, record_id)
            if record.removed_at is not None:
                raise Conflict("record_removed_already", team=team.name, id=record_id)
            earlier = record.visit != team.phase_entered_seq
            detail = {"id": record.id, "title": record.title, "phase_stays": earlier}
            self._event(session, team, f"remove_{category}", detail=detail, reason=why)
            record.removed_at, record.removed_by = self.clock(), self.actor
            return RecordRemoved(self._record_view(session, team, record), earlier)

        return self._change(name, "record", change)

    def restore_record(self, name: str, category: Category, record_id: int) -> RecordView:
        def change(session: Session, team: Team) -> RecordView:
            record = self._record(session, team, category, record_id)
            if record.removed_at is None:
                raise Conflict("record_not_removed", team=team.name, id=record_id)
            detail = {"id": record.id, "title": record.title}
            self._event(session, team, f"restore_{category}", detail=detail)
            record.removed_at = record.removed_by = None
            return self._record_view(session, team, record)

        return self._change(name, "record", change)

    def _record(self, session: Session, team: Team, category: Category, record_id: int) -> Record:
        fits = 0 < record_id <= LARGEST_ID
        record = team_store.record(session, team.id, category, record_id) if fits else None
        if record is None:
            raise NotFound(
                "record_unknown",
                team=team.name,
                id=record_id,
                category=t(VALUE_WORDS[category], self.lang),
            )
        return record

    def _record_view(self, session: Session, team: Team, record: Record) -> RecordView:
        session.flush()
        return record_view(record, Names(self._definition(session, team), self.lang))

    # -- purging --------------------------------------------------------------------------

    def purge_removed(self, name: str) -> Purged:
        """Delete for good the team's removed meetings and records; the purge stays in its
        history. A project leader's."""

        def change(session: Session, team: Team) -> Purged:
            records, meetings = mending_store.purge_removed(session, team.id)
            detail = {"records": records, "meetings": meetings}
            self._event(session, team, "purge", detail=detail)
            return self._purged(session, team.name, "removed", records, meetings)

        return self._change(name, "archive", change)

    def purge_team(self, name: str) -> Purged:
        """Delete an archived team for good, with its whole history; a note of the purge
        stays. A project leader's."""

        def change(session: Session, team: Team) -> Purged:
            if team.archived_at is None:
                raise Refused("purge_not_archived", team=team.name)
            records, meetings = mending_store.purge_team(session, team.id)
            return self._purged(session, team.name, "team", records, meetings)

        return self._change(name, "archive", change)

    def _purged(
        self, session: Session, team: str, what: str, records: int, meetings: int
    ) -> Purged:
        purged = Purged(team, what, records, meetings)
        row = {"at": self.clock(), "actor": self.actor, "team": team, "what": what}
        mending_store.note_purge(session, {**row, "detail": purged.to_json()})
        return purged


def _meeting_detail(meeting: Meeting) -> dict[str, object]:
    return {"id": meeting.id, "held_on": meeting.held_on.isoformat(), "minutes": meeting.minutes}

"""Records: the artefacts a team produces and the evidence it collects, each saved in a visit
of a phase, with a text, a file or (evidence) a value. Part of the engine (its `Engine` is a
`Records`)."""

from __future__ import annotations

import math

from sqlalchemy.orm import Session

from plg.engine import lookups, roles
from plg.engine.base import EngineBase
from plg.engine.inputs import Content, clean, free_text, read_file
from plg.errors import InvalidInput, NotFound
from plg.methods.definition import Category
from plg.present.rows import Names, record_view
from plg.present.views import RecordView
from plg.storage import teams as team_store
from plg.storage.models import Blob, Record, Team
from plg.storage.schema import LARGEST_ID
from plg.texts import VALUE_WORDS, t


class Records(EngineBase):
    def add_record(
        self,
        name: str,
        category: Category,
        kind: str,
        title: str,
        content: Content,
    ) -> RecordView:
        """Save an artefact or evidence in the team's current phase."""
        title = clean(title, 200, "record_title")
        free_text(content.text)
        if content.value is not None and not math.isfinite(content.value):
            raise InvalidInput("value_not_finite", value=content.value)
        given = [c for c in (content.text, content.file, content.value) if c is not None]
        if len(given) != 1 or (category == "artefact" and content.value is not None):
            raise InvalidInput("record_content")
        upload = None
        if content.file is not None:
            with self._session() as session:
                most = int(roles.setting(session, "max-file-mb"))
            upload = read_file(content.file, most)

        def change(session: Session, team: Team) -> RecordView:
            nonlocal kind
            definition = self._active(session, team)
            titles = {k.id: k.title(self.lang) for k in definition.record_kinds(category)}
            meant, near = lookups.choice(kind, titles)
            kinds = list(titles)
            if meant is None and near:
                raise NotFound("record_type_near", type=kind, names=lookups.listed(near))
            if meant is None:
                raise NotFound(
                    "record_type_unknown",
                    method=definition.id,
                    type=kind,
                    category=t(VALUE_WORDS[category], self.lang),
                    types=", ".join(kinds) or "-",
                )
            kind = meant
            if upload is not None and session.get(Blob, upload.sha256) is None:
                session.add(Blob(sha256=upload.sha256, size=len(upload.data), data=upload.data))
            seq = self._event(
                session, team, category, detail={"type": kind, "title": title, "phase": team.phase}
            )
            record = Record(
                team_id=team.id,
                seq=seq,
                category=category,
                kind=kind,
                title=title,
                phase=team.phase,
                visit=team.phase_entered_seq,
                text=content.text,
                value=content.value,
                actor=self.actor,
                created_at=self.clock(),
                blob_sha256=upload.sha256 if upload else None,
                filename=upload.name if upload else None,
                size=len(upload.data) if upload else None,
            )
            session.add(record)
            session.flush()
            return record_view(record, Names(definition, self.lang))

        return self._change(name, "record", change)

    def records(self, name: str, category: Category, *, removed: bool = False) -> list[RecordView]:
        """The team's records of `category`; with `removed`, those removed by mistake too."""
        with self._session() as session:
            team = self._team(session, name)
            names = Names(self._definition(session, team), self.lang)
            found = team_store.records(session, team.id, category, removed=removed)
            return [record_view(r, names) for r in found]

    def record_file(self, name: str, category: Category, record_id: int) -> tuple[str, bytes]:
        """The original file name and the bytes of a record's stored file."""
        with self._session() as session:
            team = self._team(session, name)
            fits = 0 < record_id <= LARGEST_ID
            record = session.get(Record, record_id) if fits else None
            if record is None or record.team_id != team.id or record.category != category:
                raise NotFound(
                    "record_unknown",
                    team=team.name,
                    id=record_id,
                    category=t(VALUE_WORDS[category], self.lang),
                )
            if record.blob_sha256 is None:
                raise NotFound("record_no_file", id=record_id)
            blob = session.get_one(Blob, record.blob_sha256)
            return record.filename or record.blob_sha256, blob.data

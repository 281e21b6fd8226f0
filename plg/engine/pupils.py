"""Lesson study's case pupils: for each research lesson, a few pupils who each stand for a
group, named by pseudonym only, with the response the team predicts per lesson stage, the
member who observes them, and then the response observed. Part of the engine (its `Engine`
is a `CasePupils`)."""

from __future__ import annotations

import re
from collections import defaultdict

from sqlalchemy.orm import Session

from plg.engine.base import EngineBase
from plg.engine.inputs import Anything, clean, required_text, text_key
from plg.errors import Conflict, InvalidInput, NotFound, Refused
from plg.methods.pinned import lesson_of
from plg.present.views import PupilView
from plg.storage import teamwork as teamwork_store
from plg.storage.models import CasePupil, Member, PupilNote, Team

NOTE_KINDS = ("prediction", "observation")
# Two or more capitalised words, Dutch name particles allowed between them: "Sanne de Vries".
_FULL_NAME = re.compile(
    r"^[A-ZÀ-Ý][a-zà-ÿ'-]+(\s+((van|de|der|den|el|la|le|ten|ter|het|'t)\s+)*[A-ZÀ-Ý][a-zà-ÿ'-]+)+$"
)


def looks_like_a_name(pseudonym: str) -> bool:
    """Whether a pseudonym reads like someone's full real name (two capitalised words)."""
    return bool(_FULL_NAME.match(pseudonym.strip()))


class CasePupils(EngineBase):
    def add_pupil(
        self,
        name: str,
        pseudonym: str,
        stands_for: str,
        observer: str | None = None,
        lesson: int | None = None,
        *,
        only_new: bool = False,
    ) -> PupilView:
        """Add a case pupil to a research lesson (default: the one the team is at), or change
        the group they stand for and their observer; with `only_new`, a pseudonym the lesson
        has already is refused (a form to add one must not change someone else's)."""
        pseudonym = clean(pseudonym, 60, "pseudonym_invalid")
        group = required_text(stands_for, "pupil_note_invalid")
        watcher = observer.strip() if observer and observer.strip() else None

        def change(session: Session, team: Team) -> PupilView:
            self._active(session, team)
            at = self._lesson(team, lesson)
            if watcher is not None and session.get(Member, (team.id, watcher)) is None:
                raise NotFound("member_unknown", person=watcher, team=team.name)
            pupil = teamwork_store.pupil(session, team.id, at, pseudonym)
            if pupil is not None and only_new:
                raise Refused("pseudonym_taken", pseudonym=pseudonym, lesson=at)
            if pupil is None:
                pupil = CasePupil(team_id=team.id, lesson=at, pseudonym=pseudonym)
                session.add(pupil)
            pupil.stands_for = group
            pupil.observer = watcher or pupil.observer
            session.flush()
            # The event names the pupil by number: a real name typed by mistake then goes for
            # good with a rename.
            self._event(session, team, "pupil", detail={"pupil": pupil.id, "lesson": at})
            return pupil_views(session, team, at, only=pupil.id)[0]

        return self._change(name, "record", change)

    def note_pupil(
        self,
        name: str,
        pseudonym: str,
        stage: str,
        text: str,
        kind: str = "prediction",
        lesson: int | None = None,
        *,
        replacing: str | Anything | None = Anything.SAVED,
    ) -> PupilView:
        """The response predicted (or observed) for a case pupil in a lesson stage; a second
        note for the same stage replaces the first. `replacing`: the note a person's page
        showed for it (None: none), which alone it may replace; another, saved by someone else
        meanwhile, is kept and the change refused."""
        if kind not in NOTE_KINDS:
            raise InvalidInput("pupil_note_kind", kind=kind)
        stage = clean(stage, 60, "stage_invalid")
        note = required_text(text, "pupil_note_invalid")

        def change(session: Session, team: Team) -> PupilView:
            pupil, at = self._existing(session, team, pseudonym, lesson)
            if (
                kind == "observation"
                and session.get(PupilNote, (pupil.id, stage, "prediction")) is None
            ):
                raise Refused("pupil_not_predicted", pseudonym=pupil.pseudonym, stage=stage)
            found = session.get(PupilNote, (pupil.id, stage, kind))
            if replacing is not Anything.SAVED:
                saved = text_key(found.text if found is not None else None)
                if saved not in (text_key(replacing), text_key(note)):
                    raise Conflict("pupil_note_changed", pseudonym=pupil.pseudonym, stage=stage)
            seq = self._event(
                session,
                team,
                kind,
                detail={"pupil": pupil.id, "lesson": at, "stage": stage},
            )
            if found is None:
                session.add(
                    PupilNote(pupil_id=pupil.id, stage=stage, kind=kind, text=note, seq=seq)
                )
            else:
                found.text = note
            session.flush()
            return pupil_views(session, team, at, only=pupil.id)[0]

        return self._change(name, "record", change)

    def rename_pupil(
        self, name: str, pseudonym: str, new: str, lesson: int | None = None
    ) -> PupilView:
        """Give a case pupil another pseudonym; the old one is kept nowhere."""
        new = clean(new, 60, "pseudonym_invalid")

        def change(session: Session, team: Team) -> PupilView:
            pupil, at = self._existing(session, team, pseudonym, lesson)
            if teamwork_store.pupil(session, team.id, at, new) is not None:
                raise Refused("pseudonym_taken", pseudonym=new, lesson=at)
            pupil.pseudonym = new
            self._event(session, team, "pupil", detail={"pupil": pupil.id, "lesson": at})
            return pupil_views(session, team, at, only=pupil.id)[0]

        return self._change(name, "record", change)

    def pupils(self, name: str, lesson: int | None = None) -> list[PupilView]:
        """The case pupils of a research lesson (default: the team's current one), each with
        their predictions beside what was observed."""
        with self._session() as session:
            team = self._team(session, name)
            return pupil_views(session, team, self._lesson(team, lesson))

    def _existing(
        self, session: Session, team: Team, pseudonym: str, lesson: int | None
    ) -> tuple[CasePupil, int]:
        """The case pupil to change, and their lesson; the team must be active."""
        self._active(session, team)
        at = self._lesson(team, lesson)
        pupil = teamwork_store.pupil(session, team.id, at, pseudonym.strip())
        if pupil is None:
            raise NotFound("pupil_unknown", pseudonym=pseudonym, lesson=at)
        return pupil, at

    def _lesson(self, team: Team, lesson: int | None) -> int:
        current = lesson_of(team.counters)
        if lesson is None:
            return current
        if not 1 <= lesson <= current:
            raise InvalidInput("lesson_invalid", lesson=lesson, current=current)
        return lesson


def pupil_views(
    session: Session, team: Team, lesson: int | None = None, only: int | None = None
) -> list[PupilView]:
    """Case pupils by lesson and pseudonym, each stage's prediction beside its observation;
    every lesson's when `lesson` is None."""
    pupils = teamwork_store.pupils(session, team.id, lesson, only)
    notes: dict[int, dict[str, dict[str, str]]] = defaultdict(lambda: defaultdict(dict))
    # In the order the stages were first written: predictions come first, in lesson order.
    for note in teamwork_store.pupil_notes(session, [p.id for p in pupils]):
        notes[note.pupil_id][note.stage][note.kind] = note.text
    return [
        PupilView(
            lesson=pupil.lesson,
            pseudonym=pupil.pseudonym,
            stands_for=pupil.stands_for,
            observer=pupil.observer,
            stages=tuple(
                (stage, texts.get("prediction"), texts.get("observation"))
                for stage, texts in notes[pupil.id].items()
            ),
        )
        for pupil in pupils
    ]

"""The team charter: what a team agrees before it begins (CHARTER_QUESTIONS, shown in
docs/teamwork.md), with the deadline and what each member wants to learn. A complete charter
ticks the first phase's charter item of every built-in method. Part of the engine (its `Engine`
is a `Charters`)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from plg.engine.base import EngineBase
from plg.engine.inputs import CHARTER_QUESTIONS, Edit, long_text, text_key
from plg.errors import InvalidInput, NotFound
from plg.langs import Lang
from plg.present.views import CharterEdit, CharterView, NeedView
from plg.storage import people as people_store
from plg.storage.models import Charter, Team
from plg.texts import CHARTER_WORDS, t

# A person's change that is in the charter now: written, or made by someone else as well.
_AS_WANTED = ("write", "done")
# Whose learning needs the charter must hold: those who learn in the team. A facilitator or a
# knowledgeable other may give theirs, but the charter is complete without them.
LEARNERS = ("leader", "member")


def _answers(answers: Mapping[str, str]) -> dict[str, str | None]:
    """Answers as stored, each a known question's (None: an empty answer, which clears it)."""
    unknown = sorted(set(answers) - set(CHARTER_QUESTIONS))
    if unknown:
        raise NotFound("charter_question_unknown", id=unknown[0], ids=", ".join(CHARTER_QUESTIONS))
    return {key: long_text(value, "text_too_long") for key, value in answers.items()}


def refresh_charter(session: Session, team: Team) -> None:
    """Keep the charter's `complete` true to its answers, the deadline and the members; called
    whenever one of them changes, in the same transaction."""
    charter = session.get(Charter, team.id)
    if charter is not None:
        charter.complete = not missing(
            charter.answers, charter.needs, team.deadline, people_store.roles_in(session, team.id)
        )


def missing(
    answers: Mapping[str, Any],
    needs: Mapping[str, Any],
    deadline: date | None,
    members: Mapping[str, str],
) -> list[str]:
    """What a charter still lacks: question ids, "deadline", and "needs:PERSON"."""
    missing = [q for q in CHARTER_QUESTIONS if not answers.get(q)]
    if deadline is None:
        missing.append("deadline")
    missing += [
        f"needs:{person}"
        for person, role in sorted(members.items())
        if role in LEARNERS and not needs.get(person)
    ]
    return missing


class Charters(EngineBase):
    def charter(self, name: str) -> CharterView:
        """The team's charter: every question with its answer, the deadline, the needs."""
        with self._session() as session:
            team = self._team(session, name)
            return charter_view(session, team, self.lang)

    def set_charter(
        self, name: str, answers: Mapping[str, str], deadline: date | None = None
    ) -> CharterView:
        """Answer (or with an empty text, clear) charter questions, and set the deadline if
        given; one event names what changed."""
        given = _answers(answers)
        if not given and deadline is None:
            raise InvalidInput("charter_nothing")
        dated = {"deadline": deadline} if deadline is not None else {}

        def change(session: Session, team: Team) -> CharterView:
            view = self._write_charter(session, team, given, dated)
            return replace(view, warnings=self._deadline_warnings(deadline))

        return self._change(name, "deadline" if deadline else "charter", change)

    def set_need(self, name: str, person: str, needs: str) -> CharterView:
        """What `person`, a member of the team, wants to learn (empty: forget it)."""
        person = person.strip()
        text = long_text(needs, "text_too_long")

        def change(session: Session, team: Team) -> CharterView:
            return self._write_need(session, team, person, text)

        return self._change(name, "charter", change)

    def edit_charter(
        self,
        name: str,
        answers: Mapping[str, Edit[str | None]],
        deadline: Edit[date | None] | None = None,
        needs: Edit[str | None] | None = None,
    ) -> CharterEdit:
        """What one person changed in the charter from what their page showed them: answers,
        the deadline, and their own learning need (`needs`). Only changed fields are written,
        so a member who leaves the deadline as it was needs no right to set it; a field that
        someone else changed meanwhile is a clash, and keeps what they saved. One transaction,
        with the events set_charter and set_need write."""
        wanted = _answers({key: edit.wanted or "" for key, edit in answers.items()})
        own = long_text(needs.wanted, "text_too_long") if needs is not None else None
        dating = deadline is not None and deadline.wanted != deadline.shown

        def change(session: Session, team: Team) -> CharterEdit:
            stored = session.get(Charter, team.id)
            saved_answers = stored.answers if stored is not None else {}
            saved_needs = stored.needs if stored is not None else {}
            outcomes = {
                key: edit.against(saved_answers.get(key), text_key) for key, edit in answers.items()
            }
            if deadline is not None:
                outcomes["deadline"] = deadline.against(team.deadline)
            if needs is not None:
                outcomes["needs"] = needs.against(saved_needs.get(self.actor), text_key)
            writing = {key for key, outcome in outcomes.items() if outcome == "write"}
            given = {key: wanted[key] for key in writing & set(wanted)}
            dated = {"deadline": deadline.wanted} if deadline and "deadline" in writing else {}
            if given or dated:
                self._write_charter(session, team, given, dated)
            if "needs" in writing:
                self._write_need(session, team, self.actor, own)
            view = charter_view(session, team, self.lang)
            if dated:
                view = replace(view, warnings=self._deadline_warnings(dated["deadline"]))
            return CharterEdit(
                charter=view,
                saved=tuple(sorted(k for k, outcome in outcomes.items() if outcome in _AS_WANTED)),
                clashes=tuple(sorted(k for k, outcome in outcomes.items() if outcome == "clash")),
            )

        return self._change(name, "deadline" if dating else "charter", change)

    def _write_charter(
        self,
        session: Session,
        team: Team,
        given: Mapping[str, str | None],
        dated: Mapping[str, date | None],
    ) -> CharterView:
        """Write answers (None clears one) and, if `dated` holds it, the deadline (None clears
        it), with the event that names them."""
        charter = self._stored(session, team)
        charter.answers = {
            key: value for key, value in {**charter.answers, **given}.items() if value is not None
        }
        detail: dict[str, object] = {
            "answered": sorted(k for k, v in given.items() if v is not None),
            "cleared": sorted(k for k, v in given.items() if v is None),
        }
        if "deadline" in dated:
            day = dated["deadline"]
            detail["deadline"] = day.isoformat() if day else None
        self._event(session, team, "charter", dict(dated), detail=detail)
        return self._charter_saved(session, team, charter)

    def _write_need(
        self, session: Session, team: Team, person: str, text: str | None
    ) -> CharterView:
        if person not in people_store.roles_in(session, team.id):
            raise NotFound("member_unknown", person=person, team=team.name)
        charter = self._stored(session, team)
        kept = {key: value for key, value in charter.needs.items() if key != person}
        charter.needs = {**kept, person: text} if text else kept
        detail = {"person": person, "cleared": text is None}
        self._event(session, team, "needs", detail=detail)
        return self._charter_saved(session, team, charter)

    def _stored(self, session: Session, team: Team) -> Charter:
        charter = session.get(Charter, team.id)
        if charter is None:
            charter = Charter(team_id=team.id, answers={}, needs={}, complete=False)
            session.add(charter)
        return charter

    def _charter_saved(self, session: Session, team: Team, charter: Charter) -> CharterView:
        charter.updated_at = self.clock()
        refresh_charter(session, team)
        return charter_view(session, team, self.lang)


def charter_view(session: Session, team: Team, lang: Lang) -> CharterView:
    charter = session.get(Charter, team.id)
    members = people_store.roles_in(session, team.id)
    answers = charter.answers if charter else {}
    needs = charter.needs if charter else {}
    lacking = missing(answers, needs, team.deadline, members)
    return CharterView(
        team=team.name,
        answers=tuple(
            (key, t(CHARTER_WORDS[key], lang), answers.get(key)) for key in CHARTER_QUESTIONS
        ),
        deadline=team.deadline,
        needs=tuple(
            NeedView(person, role, needs.get(person))
            for person, role in sorted({**dict.fromkeys(needs, ""), **members}.items())
        ),
        complete=not lacking,
        missing=tuple(lacking),
    )

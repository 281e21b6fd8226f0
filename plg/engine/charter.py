"""The team charter: what a team agrees before it begins (seed 004's questions), with the
deadline and what each member wants to learn. A complete charter ticks the first phase's
charter item of every built-in method. Part of the engine (its `Engine` is a `Charters`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from plg.engine.core import Core
from plg.engine.inputs import CHARTER_QUESTIONS, long_text
from plg.engine.views import CharterView, NeedView
from plg.errors import InvalidInput, NotFound
from plg.messages import t
from plg.storage.models import Charter, Member, Team

# Whose learning needs the charter must hold: those who learn in the team. A facilitator or a
# knowledgeable other may give theirs, but the charter is complete without them.
LEARNERS = ("leader", "member")


def _members(session: Session, team: Team) -> dict[str, str]:
    rows = session.execute(select(Member.person, Member.role).where(Member.team_id == team.id))
    return {person: role for person, role in rows}


def refresh_charter(session: Session, team: Team) -> None:
    """Keep the charter's `complete` true to its answers, the deadline and the members; called
    whenever one of them changes, in the same transaction."""
    charter = session.get(Charter, team.id)
    if charter is not None:
        charter.complete = not missing(
            charter.answers, charter.needs, team.deadline, _members(session, team)
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


class Charters(Core):
    def charter(self, name: str) -> CharterView:
        """The team's charter: every question with its answer, the deadline, the needs."""
        with self._session() as session:
            team = self._team(session, name)
            return self._charter_view(session, team)

    def set_charter(
        self, name: str, answers: Mapping[str, str], deadline: date | None = None
    ) -> CharterView:
        """Answer (or with an empty text, clear) charter questions, and set the deadline if
        given; one event names what changed."""
        unknown = sorted(set(answers) - set(CHARTER_QUESTIONS))
        if unknown:
            raise NotFound(
                "charter_question_unknown", id=unknown[0], ids=", ".join(CHARTER_QUESTIONS)
            )
        given = {key: long_text(value, "text_too_long") for key, value in answers.items()}
        if not given and deadline is None:
            raise InvalidInput("charter_nothing")

        def change(session: Session, team: Team) -> CharterView:
            charter = self._stored(session, team)
            charter.answers = {
                key: value
                for key, value in {**charter.answers, **given}.items()
                if value is not None
            }
            changes = {"deadline": deadline} if deadline is not None else {}
            detail: dict[str, object] = {
                "answered": sorted(k for k, v in given.items() if v is not None),
                "cleared": sorted(k for k, v in given.items() if v is None),
            }
            if deadline is not None:
                detail["deadline"] = deadline.isoformat()
            self._event(session, team, "charter", changes, detail=detail)
            return self._charter_saved(session, team, charter)

        return self._change(name, "deadline" if deadline else "charter", change)

    def set_need(self, name: str, person: str, needs: str) -> CharterView:
        """What `person`, a member of the team, wants to learn (empty: forget it)."""
        person = person.strip()
        text = long_text(needs, "text_too_long")

        def change(session: Session, team: Team) -> CharterView:
            if person not in _members(session, team):
                raise NotFound("member_unknown", person=person, team=team.name)
            charter = self._stored(session, team)
            kept = {key: value for key, value in charter.needs.items() if key != person}
            charter.needs = {**kept, person: text} if text else kept
            detail = {"person": person, "cleared": text is None}
            self._event(session, team, "needs", detail=detail)
            return self._charter_saved(session, team, charter)

        return self._change(name, "charter", change)

    def _stored(self, session: Session, team: Team) -> Charter:
        charter = session.get(Charter, team.id)
        if charter is None:
            charter = Charter(team_id=team.id, answers={}, needs={}, complete=False)
            session.add(charter)
        return charter

    def _charter_saved(self, session: Session, team: Team, charter: Charter) -> CharterView:
        charter.updated_at = self.clock()
        refresh_charter(session, team)
        return self._charter_view(session, team)

    def _charter_view(self, session: Session, team: Team) -> CharterView:
        charter = session.get(Charter, team.id)
        members = _members(session, team)
        answers = charter.answers if charter else {}
        needs = charter.needs if charter else {}
        lacking = missing(answers, needs, team.deadline, members)
        return CharterView(
            team=team.name,
            answers=tuple(
                (key, t(f"charter_{key}", self.lang), answers.get(key)) for key in CHARTER_QUESTIONS
            ),
            deadline=team.deadline,
            needs=tuple(
                NeedView(person, role, needs.get(person))
                for person, role in sorted({**dict.fromkeys(needs, ""), **members}.items())
            ),
            complete=not lacking,
            missing=tuple(lacking),
        )

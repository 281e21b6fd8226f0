"""The hypothesis register: every hypothesis a team tests, open until it is accepted or rejected,
with the data that tested it and the verdict. Where the method says so (the datateam's
interpretation), the verdict itself moves the team: rejecting loops back to a new hypothesis,
accepting goes on to measures. Part of the engine (its `Engine` is a `Hypotheses`)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from plg.engine.base import EngineBase
from plg.engine.inputs import long_text, required_text
from plg.errors import Conflict, Refused
from plg.methods.definition import Verdict
from plg.methods.versions import machine_for
from plg.present.views import DecisionView, HypothesisView
from plg.storage import teamwork as teamwork_store
from plg.storage.models import Hypothesis, Team


def hypothesis_view(row: Hypothesis) -> HypothesisView:
    return HypothesisView(
        number=row.number,
        text=row.text,
        status=row.status,
        data=row.data,
        verdict=row.verdict,
        proposed_at=row.proposed_at,
        decided_at=row.decided_at,
    )


class Hypotheses(EngineBase):
    def hypotheses(self, name: str) -> list[HypothesisView]:
        """The team's register, oldest first."""
        with self._session() as session:
            return hypothesis_views(session, self._team(session, name))

    def propose(self, name: str, text: str) -> HypothesisView:
        """Put a new open hypothesis in the register; one is tested at a time."""
        stated = required_text(text, "hypothesis_invalid")

        def change(session: Session, team: Team) -> HypothesisView:
            self._active(session, team)
            if teamwork_store.open_hypothesis(session, team.id) is not None:
                raise Refused("hypothesis_open", team=team.name)
            number = 1 + teamwork_store.last_hypothesis(session, team.id)
            self._event(session, team, "hypothesis", detail={"number": number})
            row = Hypothesis(
                team_id=team.id, number=number, text=stated, status="open", proposed_at=self.clock()
            )
            session.add(row)
            session.flush()
            return hypothesis_view(row)

        return self._change(name, "hypothesis", change)

    def decide(
        self,
        name: str,
        verdict: Verdict,
        reasoning: str,
        data: str | None = None,
        *,
        number: int | None = None,
    ) -> DecisionView:
        """Accept or reject the open hypothesis, saying why and on which data. Where the
        method makes a move of this verdict, it must be made from the team's phase, and is made
        with it (its guards must pass); otherwise the register alone changes. With `number`,
        the hypothesis a person's page showed open: refused if it is no longer the open one."""
        why = required_text(reasoning, "verdict_invalid")
        tested = long_text(data, "verdict_invalid")

        def change(session: Session, team: Team) -> DecisionView:
            definition = self._active(session, team)
            row = teamwork_store.open_hypothesis(session, team.id)
            if number is not None and (row is None or row.number != number):
                raise Conflict("hypothesis_decided_meanwhile", team=team.name, number=number)
            if row is None:
                raise Refused("hypothesis_none_open", team=team.name)
            moves = machine_for(definition).made_by(verdict)
            here = next((tr for tr in moves if tr.source == team.phase), None)
            if moves and here is None:
                phases = ", ".join(
                    sorted({definition.phase(tr.source).title(self.lang) for tr in moves})
                )
                raise Refused("verdict_wrong_phase", team=team.name, phases=phases)
            self._event(session, team, "verdict", detail={"number": row.number, "status": verdict})
            row.status, row.verdict, row.data = verdict, why, tested
            row.decided_at = self.clock()
            moved = self._fire(session, team, definition, here.trigger) if here else None
            return DecisionView(hypothesis_view(row), moved)

        return self._change(name, "advance", change)


def hypothesis_views(session: Session, team: Team) -> list[HypothesisView]:
    return [hypothesis_view(row) for row in teamwork_store.hypotheses(session, team.id)]

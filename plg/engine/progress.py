"""A team's progress through its method: ticking checklist items and moving on. Part of the
engine (its `Engine` is an `Advancing`)."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from plg.engine import lookups, roles
from plg.engine.base import EngineBase
from plg.engine.inputs import free_text
from plg.errors import Conflict, InvalidInput, NotFound, Refused
from plg.methods.definition import MethodDefinition
from plg.methods.versions import machine_for
from plg.present.rows import checklist_view
from plg.present.views import ChecklistView, TeamView
from plg.storage.models import Team, Tick
from plg.texts import N_, TRIGGER_BY_KEYS, t

# The command that does what ticks an item of each kind of `satisfied_by`.
_SATISFIED_WITH = {
    "artefact": "plg artefact add",
    "evidence": "plg evidence add",
    "charter": "plg charter set",
    "hypothesis": "plg hypothesis add",
    "pupils": "plg pupil add|predict|observe",
}


class Advancing(EngineBase):
    def tick(self, name: str, item: str, *, undo: bool = False) -> ChecklistView:
        """Tick (or with `undo`, untick) a manual checklist item of the team's current phase."""

        def change(session: Session, team: Team) -> ChecklistView:
            definition = self._active(session, team)
            meant, existing = self._manual_tick(session, team, definition, item)
            if (existing is not None) != undo:
                state = t(N_("ticked") if existing else N_("unticked"), self.lang)
                raise Refused("item_already", item=meant, state=state)
            self._write_tick(session, team, meant, existing)
            return checklist_view(self.lang, team, self._read(session, team)[0])

        return self._change(name, "tick", change)

    def approve(self, name: str, item: str, source: str | None = None) -> ChecklistView:
        """Approve a checklist item of the team's current phase that its method leaves to a
        director (`approved_by`): by a director of one of the team's schools or a project
        leader, with role checks on. The item is then ticked, with an `approve` event. With
        `source`, the phase a person's page showed: refused once the team has left it, and an
        item someone approved meanwhile is left as it is."""

        def change(session: Session, team: Team) -> ChecklistView:
            definition = self._active(session, team)
            self._still_in(team, definition, source)
            meant, existing = self._manual_tick(session, team, definition, item, approving=True)
            if existing is None:
                self._write_tick(session, team, meant, None, kind="approve")
            elif source is None:
                raise Refused("item_approved_already", item=meant)
            return checklist_view(self.lang, team, self._read(session, team)[0])

        return self._change(name, "approve", change)

    def set_ticks(self, name: str, phase: str, wanted: Mapping[str, bool]) -> tuple[str, ...]:
        """Tick (True) or untick (False) items of `phase` as a person's page asked, each with its
        event, in one transaction; returns the items changed. An item already as wanted (someone
        did the same meanwhile) is left as it is. If the team left `phase` while the page was
        open, nothing changes: the boxes were of another phase."""

        def change(session: Session, team: Team) -> tuple[str, ...]:
            definition = self._active(session, team)
            self._still_in(team, definition, phase)
            changed = []
            for item, ticked in sorted(wanted.items()):
                meant, existing = self._manual_tick(session, team, definition, item)
                if (existing is not None) != ticked:
                    self._write_tick(session, team, meant, existing)
                    changed.append(meant)
            return tuple(changed)

        return self._change(name, "tick", change)

    def _still_in(self, team: Team, definition: MethodDefinition, phase: str | None) -> None:
        """Refuse a change asked for on a page of `phase` (if given) once the team left it."""
        if phase is not None and team.phase != phase:
            now = definition.phase(team.phase).title(self.lang)
            raise Conflict("team_moved_meanwhile", team=team.name, phase=now)

    def _manual_tick(
        self,
        session: Session,
        team: Team,
        definition: MethodDefinition,
        item: str,
        *,
        approving: bool = False,
    ) -> tuple[str, Tick | None]:
        """The id of the manual item of the team's phase that `item` means (its id or its text,
        matched as names are), and its tick if it is ticked in this visit. An item a director
        approves is ticked only by approving it, or by someone who may approve (always when
        role checks are off); `approving` wants such an item."""
        phase = definition.phase(team.phase)
        meant, near = lookups.choice(item, {i.id: i.text(self.lang) for i in phase.checklist})
        found = next((i for i in phase.checklist if i.id == meant), None)
        if found is None:
            if near:
                raise NotFound("item_near", item=item, names=lookups.listed(near))
            items = ", ".join(i.id for i in phase.checklist) or "-"
            raise NotFound("item_unknown", phase=phase.title(self.lang), item=item, items=items)
        if found.record is not None:
            raise Refused(
                "item_not_manual",
                item=found.id,
                satisfied_by=found.satisfied_by,
                what=definition.record_title(found, self.lang),
                command=_SATISFIED_WITH[found.record[0]],
            )
        if approving and found.approved_by is None:
            raise Refused("item_not_approved", item=found.id)
        if not approving and found.approved_by is not None:
            roles.require(
                session,
                self.actor,
                "approve",
                team.id,
                team.name,
                self.lang,
                always=self.enforce_roles,
            )
        return found.id, session.get(Tick, (team.id, team.phase_entered_seq, found.id))

    def _write_tick(
        self, session: Session, team: Team, item: str, existing: Tick | None, kind: str = "tick"
    ) -> None:
        """Untick `item` if `existing`, else tick it (the event `kind` says how), with the
        event."""
        detail = {"phase": team.phase, "item": item}
        seq = self._event(session, team, "untick" if existing else kind, detail=detail)
        if existing is not None:
            session.delete(existing)
            return
        session.add(
            Tick(
                team_id=team.id,
                visit=team.phase_entered_seq,
                item_id=item,
                phase=team.phase,
                seq=seq,
            )
        )

    def advance(
        self,
        name: str,
        trigger: str = "next",
        *,
        force: bool = False,
        reason: str | None = None,
        source: str | None = None,
    ) -> TeamView:
        """Fire `trigger`. Refused with the open points unless the guards pass or it is forced;
        with `source`, the phase a person's page showed, also once the team has left it."""
        reason = free_text(reason.strip()) if reason and reason.strip() else None
        if force and reason is None:
            raise InvalidInput("force_needs_reason")

        def change(session: Session, team: Team) -> TeamView:
            definition = self._active(session, team)
            self._still_in(team, definition, source)
            machine = machine_for(definition)
            possible = machine.triggers(team.phase)
            if trigger not in possible:
                raise NotFound(
                    "trigger_unknown",
                    team=team.name,
                    trigger=trigger,
                    phase=definition.phase(team.phase).title(self.lang),
                    possible=", ".join(possible) or "-",
                )
            verdict = machine.move(team.phase, trigger).fired_by
            if verdict is not None and not force:
                # The register must agree with the move: the verdict makes it.
                raise Refused(TRIGGER_BY_KEYS[verdict], trigger=trigger, team=team.name)
            return self._fire(session, team, definition, trigger, force, reason)

        return self._change(name, "force" if force else "advance", change)

"""The engine's rows and records turned into views, in the user's language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol

from plg.engine.checklist import TeamState
from plg.engine.definition import MethodDefinition, Transition
from plg.engine.machine import triggers_from
from plg.engine.pinned import transition
from plg.engine.registry import guard_named
from plg.engine.views import ChecklistView, EventView, ItemView, MoveView, RecordView, TeamRow
from plg.messages import Lang
from plg.storage.models import Event, Record, Team


class TeamFields(Protocol):
    """What a team row needs: a Team, or a row of the overview's query."""

    name: str
    phase: str
    status: str
    counters: dict[str, Any]
    kind: str
    leader: str | None
    last_activity: datetime
    deadline: date | None
    phase_entered_seq: int


def team_row(
    lang: Lang,
    team: TeamFields,
    definition: MethodDefinition,
    schools: Sequence[str],
    today: date,
    stalled_before: datetime | None = None,
) -> TeamRow:
    active = team.status == "active"
    stalled = active and stalled_before is not None and team.last_activity < stalled_before
    return TeamRow(
        name=team.name,
        method=definition.id,
        method_version=definition.version,
        method_title=definition.title(lang),
        phase=team.phase,
        phase_title=definition.phase(team.phase).title(lang),
        phase_index=definition.phase_index(team.phase),
        phase_count=definition.step_count,
        status=team.status,
        counters=dict(team.counters),
        schools=tuple(schools),
        leader=team.leader,
        kind=team.kind,
        last_activity=team.last_activity,
        stalled=stalled,
        visit=team.phase_entered_seq,
        deadline=team.deadline,
        overdue=active and team.deadline is not None and team.deadline < today,
    )


def item_views(lang: Lang, state: TeamState) -> tuple[ItemView, ...]:
    definition = state.definition
    return tuple(
        ItemView(
            s.item.id,
            s.item.text(lang),
            s.item.required,
            s.done,
            s.item.satisfied_by,
            definition.record_title(s.item, lang),
        )
        for s in state.checklist()
    )


def checklist_view(lang: Lang, team: Team, state: TeamState) -> ChecklistView:
    definition = state.definition
    phase = definition.phase(team.phase)
    items = item_views(lang, state)
    return ChecklistView(
        team=team.name,
        method_title=definition.title(lang),
        phase=phase.id,
        phase_title=phase.title(lang),
        phase_index=definition.phase_index(phase.id),
        phase_count=definition.step_count,
        guidance=phase.guidance(lang),
        items=items,
    )


def blocking(lang: Lang, move: Transition, state: TeamState) -> tuple[str, ...]:
    """Why each guard of `move` would refuse it now (nothing when the move may happen)."""
    return tuple(
        reason
        for ref in move.guards
        for reason in guard_named(ref.name).run(state, ref.params, lang)
    )


def moves(lang: Lang, state: TeamState) -> tuple[MoveView, ...]:
    """Every move the team's phase allows, and what blocks each one now."""
    definition = state.definition
    found = []
    for trigger in triggers_from(definition, state.phase):
        move = transition(definition, state.phase, trigger)
        title = move.title(lang) if move.title else definition.phase(move.dest).title(lang)
        found.append(MoveView(trigger, move.dest, title, blocking(lang, move, state)))
    return tuple(found)


def record_view(record: Record) -> RecordView:
    return RecordView(
        id=record.id,
        category=record.category,
        type=record.kind,
        title=record.title,
        phase=record.phase,
        visit=record.visit,
        text=record.text,
        value=record.value,
        filename=record.filename,
        size=record.size,
        sha256=record.blob_sha256,
        actor=record.actor,
        at=record.created_at,
    )


def event_view(event: Event) -> EventView:
    return EventView(
        event.seq,
        event.at,
        event.actor,
        event.kind,
        event.from_phase,
        event.to_phase,
        event.trigger,
        event.reason,
        dict(event.detail),
    )

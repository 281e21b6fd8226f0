"""The engine's rows and records turned into views, in the user's language."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, Protocol

from plg.langs import Lang
from plg.methods.checklist import TeamState
from plg.methods.definition import MethodDefinition
from plg.methods.versions import machine_for
from plg.present.views import (
    ChecklistView,
    EventView,
    ItemView,
    MoveView,
    PhasePlace,
    RecordView,
    TeamRow,
)
from plg.storage.models import Event, Record, Team


class TeamFields(Protocol):
    """What a team row needs, read-only: a Team, or a row of the overview's query."""

    @property
    def name(self) -> str: ...

    @property
    def phase(self) -> str: ...

    @property
    def status(self) -> str: ...

    @property
    def counters(self) -> dict[str, Any]: ...

    @property
    def kind(self) -> str: ...

    @property
    def leader(self) -> str | None: ...

    @property
    def last_activity(self) -> datetime: ...

    @property
    def deadline(self) -> date | None: ...

    @property
    def phase_entered_seq(self) -> int: ...


def phase_place(lang: Lang, definition: MethodDefinition, phase: str) -> PhasePlace:
    return (
        definition.id,
        definition.version,
        definition.title(lang),
        phase,
        definition.phase(phase).title(lang),
        definition.phase_index(phase),
        definition.step_count,
    )


def team_row(
    team: TeamFields,
    place: PhasePlace,
    schools: Sequence[str],
    today: date,
    stalled_before: datetime | None = None,
) -> TeamRow:
    """The team's row; `place` is its phase_place, which the overview makes once per phase."""
    active = team.status == "active"
    return TeamRow(
        team.name,
        *place,
        team.status,
        dict(team.counters),
        tuple(schools),
        team.leader,
        team.kind,
        team.last_activity,
        active and stalled_before is not None and team.last_activity < stalled_before,
        team.phase_entered_seq,
        team.deadline,
        active and team.deadline is not None and team.deadline < today,
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
            definition.satisfied_how(s.item, lang),
        )
        for s in state.checklist()
    )


def checklist_view(lang: Lang, team: Team, state: TeamState) -> ChecklistView:
    definition = state.definition
    _, _, method_title, phase, phase_title, index, count = phase_place(lang, definition, team.phase)
    return ChecklistView(
        team=team.name,
        method_title=method_title,
        phase=phase,
        phase_title=phase_title,
        phase_index=index,
        phase_count=count,
        guidance=definition.phase(phase).guidance(lang),
        items=item_views(lang, state),
    )


def moves(lang: Lang, state: TeamState) -> tuple[MoveView, ...]:
    """Every move the team's phase allows, and what blocks each one now."""
    definition = state.definition
    machine = machine_for(definition)
    found = []
    for move in machine.moves(state.phase):
        title = move.title(lang) if move.title else definition.phase(move.dest).title(lang)
        blocking = machine.blocking(move.trigger, state, lang)
        found.append(MoveView(move.trigger, move.dest, title, blocking, move.fired_by))
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

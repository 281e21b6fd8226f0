"""The engine's rows and records turned into views, in the user's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Protocol

from plg.langs import Lang
from plg.methods.checklist import TeamState
from plg.methods.definition import CHECKLIST_COMPLETE, MethodDefinition, Transition
from plg.methods.guards import open_items
from plg.methods.versions import machine_for
from plg.present.views import (
    ChecklistView,
    EventView,
    ItemView,
    MoveView,
    PhasePlace,
    RecordView,
    Removal,
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
    def archived_at(self) -> datetime | None: ...

    @property
    def last_activity(self) -> datetime: ...

    @property
    def deadline(self) -> date | None: ...

    @property
    def phase_entered_seq(self) -> int: ...


@dataclass(frozen=True)
class Names:
    """A definition's ids in words, in one language: what a person reads where the JSON has
    the id. An id the definition lacks (a record saved before the team moved to another
    version of its method) is shown as it is."""

    definition: MethodDefinition
    lang: Lang

    def phase(self, phase_id: str) -> str:
        found = next((p for p in self.definition.phases if p.id == phase_id), None)
        return phase_id if found is None else found.title(self.lang)

    def record_kind(self, category: str, kind: str) -> str:
        found = next((k for k in self.definition.record_kinds(category) if k.id == kind), None)
        return kind if found is None else found.title(self.lang)

    def item(self, phase_id: str, item_id: str) -> str:
        phase = next((p for p in self.definition.phases if p.id == phase_id), None)
        found = next((i for i in phase.checklist if i.id == item_id), None) if phase else None
        return item_id if found is None else found.text(self.lang)

    def transition(self, move: Transition) -> str:
        """What a move means: its own title, else the title of the phase it leads to."""
        return move.title(self.lang) if move.title else self.phase(move.dest)

    def move(self, source: str, trigger: str) -> str:
        try:
            return self.transition(machine_for(self.definition).move(source, trigger))
        except KeyError:
            return trigger


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
    # An archived team waits for nothing: it is never stalled or overdue.
    active = team.status == "active" and team.archived_at is None
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
        team.archived_at is not None,
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
            s.item.approved_by,
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
    """Every move the team's phase allows, and what blocks each one now: as the guards say
    it, and for a page, where no one ticks an item by its id, with open items by their text."""
    definition = state.definition
    machine = machine_for(definition)
    names = Names(definition, lang)
    still_open = tuple(item.text(lang) for item in open_items(state))
    found = []
    for move in machine.moves(state.phase):
        reasons = machine.reasons(move.trigger, state, lang)
        shown = tuple(
            text
            for name, said in reasons
            for text in (still_open if name == CHECKLIST_COMPLETE.name and said else said)
        )
        found.append(
            MoveView(
                move.trigger,
                move.dest,
                names.phase(move.dest),
                names.transition(move),
                tuple(reason for _, said in reasons for reason in said),
                shown,
                move.fired_by,
            )
        )
    return tuple(found)


def record_view(record: Record, names: Names) -> RecordView:
    return RecordView(
        id=record.id,
        category=record.category,
        type=record.kind,
        type_title=names.record_kind(record.category, record.kind),
        title=record.title,
        phase=record.phase,
        phase_title=names.phase(record.phase),
        visit=record.visit,
        text=record.text,
        value=record.value,
        filename=record.filename,
        size=record.size,
        sha256=record.blob_sha256,
        actor=record.actor,
        at=record.created_at,
        removed=removal(record.removed_at, record.removed_by),
    )


def removal(at: datetime | None, by: str | None) -> Removal | None:
    """The mark of a meeting or record removed by mistake, if it is."""
    return Removal(at, by or "") if at is not None else None


def event_view(event: Event, left: Names, entered: Names) -> EventView:
    """`left`: the names of the definition in force before the event, `entered`: after it
    (another one only for a move to another version)."""
    source, dest, trigger = event.from_phase, event.to_phase, event.trigger
    return EventView(
        event.seq,
        event.at,
        event.actor,
        event.kind,
        source,
        dest,
        trigger,
        event.reason,
        dict(event.detail),
        source_title=None if source is None else left.phase(source),
        dest_title=None if dest is None else entered.phase(dest),
        move_title=None if source is None or trigger is None else left.move(source, trigger),
        item_title=entered.item(event.detail["phase"], event.detail["item"])
        if "item" in event.detail and "phase" in event.detail
        else None,
    )

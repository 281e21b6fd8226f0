"""The definitions teams are pinned to: stored snapshots, and the moves and counters they define."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from plg.methods.definition import MethodDefinition, Transition
from plg.methods.versions import parsed
from plg.storage.models import MethodSnapshot


def definition_of(snapshot: MethodSnapshot) -> MethodDefinition:
    """The pinned definition a team runs on, parsed once per process."""
    return parsed(snapshot.sha256, snapshot.content)


def start_counters(definition: MethodDefinition) -> dict[str, int]:
    return {counter.id: counter.start for counter in definition.counters}


def apply_counters(
    move: Transition, counters: dict[str, int], definition: MethodDefinition
) -> None:
    """Count a loop: the move's counters go up, or back to where they start."""
    starts = start_counters(definition)
    for counter in move.increments:
        counters[counter] = counters.get(counter, starts[counter]) + 1
    for counter in move.resets:
        counters[counter] = starts[counter]


def snapshot_for(session: Session, definition: MethodDefinition) -> MethodSnapshot:
    """The stored snapshot of `definition`, stored now if no team used it before."""
    found = session.scalar(select(MethodSnapshot).where(MethodSnapshot.sha256 == definition.sha256))
    if found is None:
        found = MethodSnapshot(
            method_id=definition.id,
            version=definition.version,
            sha256=definition.sha256,
            content=definition.canonical_json(),
        )
        session.add(found)
        session.flush()  # callers need its id
    return found


def stored(session: Session, sha256: str) -> MethodDefinition:
    """The definition stored under `sha256` (for replaying a team's history)."""
    return definition_of(
        session.scalars(select(MethodSnapshot).where(MethodSnapshot.sha256 == sha256)).one()
    )


def unmapped(target: MethodDefinition, old: str, phase: str, ticked: list[str]) -> list[str]:
    """What of the team's position has no place in `target`: its phase, or ticked items."""
    if phase not in {p.id for p in target.phases}:
        return [f"phase '{old}'" + (f" (mapped to '{phase}')" if phase != old else "")]
    manual = {item.id for item in target.phase(phase).checklist if item.record is None}
    return [f"ticked item '{item}'" for item in ticked if item not in manual]

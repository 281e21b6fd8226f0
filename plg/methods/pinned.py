"""What the version a team is pinned to means for it: the definition in its stored snapshot, the
counters its moves count, and what of a team's place a newer version cannot take."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from plg.methods.definition import MethodDefinition, Transition
from plg.methods.versions import parsed


class Snapshot(Protocol):
    """A stored version, as storage keeps it (the method room knows no tables)."""

    @property
    def sha256(self) -> str: ...

    @property
    def content(self) -> str: ...


def definition_of(snapshot: Snapshot) -> MethodDefinition:
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


def unmapped(target: MethodDefinition, old: str, phase: str, ticked: list[str]) -> list[str]:
    """What of the team's position has no place in `target`: its phase, or ticked items."""
    if phase not in {p.id for p in target.phases}:
        return [f"phase '{old}'" + (f" (mapped to '{phase}')" if phase != old else "")]
    manual = {item.id for item in target.phase(phase).checklist if item.record is None}
    return [f"ticked item '{item}'" for item in ticked if item not in manual]


# The counter a method counts its research lessons in: case pupils belong to the lesson it
# stands at (lesson 1 in a method without it), and a team's read takes theirs.
LESSON_COUNTER = "onderzoeksles"


def lesson_of(counters: Mapping[str, int]) -> int:
    return counters.get(LESSON_COUNTER, 1)

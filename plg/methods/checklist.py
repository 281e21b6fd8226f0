"""What a team has done in its current phase: ticks, saved records, and the checklist they give."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from plg.methods.definition import RECORD_CATEGORIES, ChecklistItem, MethodDefinition


def registers(records: Mapping[tuple[str, str], int]) -> list[str]:
    """What the charter and the hypothesis register satisfy among `records`, as `satisfied_by`
    names it ("charter:complete", "hypothesis:open"): kept with each move, since unlike ticks
    and records they are not tied to a visit, so that the story shows a left phase right."""
    return sorted(f"{c}:{k}" for (c, k), n in records.items() if n and c not in RECORD_CATEGORIES)


@dataclass(frozen=True)
class ItemStatus:
    item: ChecklistItem
    done: bool

    @property
    def open(self) -> bool:
        return self.item.required and not self.done


@dataclass(frozen=True)
class TeamState:
    """A team's position in its method and what it did since it entered the current phase.

    Ticks and records count only for the current *visit* of a phase: when a loop brings the team
    back to a phase, its checklist starts empty again, as the new round asks for new work.
    """

    definition: MethodDefinition
    phase: str
    ticks: frozenset[str] = frozenset()
    records: Mapping[tuple[str, str], int] = field(default_factory=dict)
    counters: Mapping[str, int] = field(default_factory=dict)

    def record_count(self, category: str, kind: str) -> int:
        return self.records.get((category, kind), 0)

    def checklist(self) -> list[ItemStatus]:
        result = []
        for item in self.definition.phase(self.phase).checklist:
            record = item.record
            done = self.record_count(*record) > 0 if record else item.id in self.ticks
            result.append(ItemStatus(item, done))
        return result

    @property
    def complete(self) -> bool:
        return not any(status.open for status in self.checklist())

"""The method definition format: a research method as data, checked when it is loaded."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    field_validator,
)
from pydantic_core import ErrorDetails

from plg.errors import Fault, InvalidMethodDefinition
from plg.messages import MESSAGES, Lang

ID_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
RecordRef = Annotated[str, StringConstraints(pattern=r"^(artefact|evidence):[a-z][a-z0-9_]{0,39}$")]
Category = Literal["artefact", "evidence"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """A text in both languages plg speaks."""

    nl: Line
    en: Line

    def __call__(self, lang: Lang) -> str:
        return self.nl if lang == "nl" else self.en


class RecordKind(_Model):
    """A type of artefact or a kind of evidence that the method expects teams to save."""

    id: Id
    title: Text


class ChecklistItem(_Model):
    """A manual tick, or (with `satisfied_by`) one that saving an artefact or evidence ticks."""

    id: Id
    text: Text
    required: bool = True
    satisfied_by: RecordRef | None = None

    @property
    def record(self) -> tuple[Category, str] | None:
        if self.satisfied_by is None:
            return None
        category, _, kind = self.satisfied_by.partition(":")
        return ("artefact" if category == "artefact" else "evidence"), kind


class GuardRef(_Model):
    """A named guard from the registry and its parameters; never code."""

    name: Id
    params: dict[Id, int | str] = Field(default_factory=dict)


CHECKLIST_COMPLETE = GuardRef(name="checklist_complete")


class Transition(_Model):
    """A trigger that moves a team from `source` to `dest` when every guard passes."""

    trigger: Id
    source: Id
    dest: Id
    title: Text | None = None
    guards: tuple[GuardRef, ...] = (CHECKLIST_COMPLETE,)
    increments: tuple[Id, ...] = ()
    resets: tuple[Id, ...] = ()

    @field_validator("guards", mode="before")
    @classmethod
    def _names_as_shorthand(cls, value: Any) -> Any:
        # A bare guard name is the readable way to write a guard without parameters.
        if isinstance(value, list | tuple):
            return [{"name": item} if isinstance(item, str) else item for item in value]
        return value


class Counter(_Model):
    """A loop counter (research cycle, research lesson, hypothesis...)."""

    id: Id
    title: Text
    start: int = Field(default=1, ge=0)


class Phase(_Model):
    id: Id
    title: Text
    guidance: Text
    checklist: tuple[ChecklistItem, ...] = ()
    final: bool = False


class MethodDefinition(_Model):
    """A whole research method: phases in order, transitions, checklists, counters, record kinds."""

    id: Id
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")]
    title: Text
    description: Text
    sources: tuple[Line, ...] = ()
    initial: Id
    phases: tuple[Phase, ...] = Field(min_length=2)
    transitions: tuple[Transition, ...] = Field(min_length=1)
    counters: tuple[Counter, ...] = ()
    artefact_types: tuple[RecordKind, ...] = ()
    evidence_kinds: tuple[RecordKind, ...] = ()

    def phase(self, phase_id: str) -> Phase:
        return next(p for p in self.phases if p.id == phase_id)

    def phase_index(self, phase_id: str) -> int:
        """1-based place of the phase in the method; a final phase counts as the last step."""
        steps = [p.id for p in self.phases if not p.final]
        return steps.index(phase_id) + 1 if phase_id in steps else len(steps)

    @property
    def step_count(self) -> int:
        return sum(1 for p in self.phases if not p.final)

    def transitions_from(self, phase_id: str) -> list[Transition]:
        return [tr for tr in self.transitions if tr.source == phase_id]

    def record_kinds(self, category: Category) -> tuple[RecordKind, ...]:
        return self.artefact_types if category == "artefact" else self.evidence_kinds

    def dump(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    def canonical_json(self) -> str:
        """The content that is stored and hashed; equal definitions give equal text."""
        return json.dumps(self.dump(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.canonical_json().encode()).hexdigest()


def _place(loc: tuple[int | str, ...]) -> str:
    place = ""
    for part in loc:
        place += f"[{part}]" if isinstance(part, int) else (f".{part}" if place else str(part))
    return place or "(definition)"


def _field_fault(error: ErrorDetails) -> tuple[str, dict[str, object]]:
    # pydantic words its messages in English only; the common ones have catalogue entries.
    kind = error["type"]
    if kind == "string_pattern_mismatch":
        pattern = (error.get("ctx") or {}).get("pattern")
        return ("fault_not_id", {}) if pattern == ID_PATTERN else ("fault_form", {"form": pattern})
    key = f"fault_{kind}"
    return (key, {}) if key in MESSAGES else ("fault_field", {"reason": error["msg"]})


def load_definition(data: object, source: str = "") -> MethodDefinition:
    """Validate `data` (as parsed from YAML or JSON) into a definition.

    Raises `InvalidMethodDefinition` listing every fault, whatever `data` is.
    """
    from plg.engine.registry import known_guards
    from plg.engine.validate import semantic_faults

    try:
        definition = MethodDefinition.model_validate(data)
    except RecursionError:
        raise InvalidMethodDefinition([Fault("(definition)", "fault_too_deep")], source) from None
    except ValidationError as exc:
        faults = [
            Fault(_place(tuple(err["loc"])), *_field_fault(err))
            for err in exc.errors(include_url=False)
        ]
        raise InvalidMethodDefinition(faults, source) from None
    faults = semantic_faults(definition, known_guards())
    if faults:
        raise InvalidMethodDefinition(faults, source)
    return definition

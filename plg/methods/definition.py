"""The method definition format: a research method as data, checked when it is loaded."""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
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
from plg.langs import Lang
from plg.texts import N_, t

ID_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"
Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Line = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Category = Literal["artefact", "evidence"]
RECORD_CATEGORIES: tuple[Category, ...] = ("artefact", "evidence")
# What ticks an item besides a saved record: a complete team charter, an open hypothesis in the
# register, and the case pupils of the research lesson: there are some, each has a predicted
# response, each has an observer, every prediction has its observation.
REGISTER_REFS = (
    "charter",
    "hypothesis:open",
    "pupils:cases",
    "pupils:predicted",
    "pupils:observers",
    "pupils:observed",
)
# What each of those saves, for people.
_REGISTER_TITLES = {
    ("charter", "complete"): N_("saves_charter_complete"),
    ("hypothesis", "open"): N_("saves_hypothesis_open"),
    ("pupils", "cases"): N_("saves_pupils_cases"),
    ("pupils", "predicted"): N_("saves_pupils_predicted"),
    ("pupils", "observers"): N_("saves_pupils_observers"),
    ("pupils", "observed"): N_("saves_pupils_observed"),
}
RecordRef = Annotated[
    str,
    StringConstraints(
        pattern=rf"^((artefact|evidence):[a-z][a-z0-9_]{{0,39}}|{'|'.join(REGISTER_REFS)})$"
    ),
]
# Who besides the team ticks an item by approving it: a director of one of its schools.
Approver = Literal["director"]
# What the team decides about its open hypothesis; a transition may be made by the decision.
Verdict = Literal["accepted", "rejected"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Model):
    """A text in both languages plg speaks."""

    nl: Line = Field(description="The Dutch text.")
    en: Line = Field(description="The English text.")

    def __call__(self, lang: Lang) -> str:
        return self.nl if lang == "nl" else self.en


class RecordKind(_Model):
    """A type of artefact or a kind of evidence that the method expects teams to save."""

    id: Id = Field(description="Used in `satisfied_by` and in the CLI's --type/--kind.")
    title: Text = Field(description="What it is, for people.")


class ChecklistItem(_Model):
    """A manual tick, or (with `satisfied_by`) one that saving an artefact or evidence, a
    complete team charter or the hypothesis register ticks."""

    id: Id = Field(description="Unique within the phase; what `plg tick TEAM ITEM` takes.")
    text: Text = Field(description="The item as the checklist shows it.")
    required: bool = Field(True, description="Whether an open item blocks `next`.")
    satisfied_by: RecordRef | None = Field(
        None,
        description="`artefact:TYPE` or `evidence:KIND`: saving one in the phase ticks the item; "
        "`charter`: the team's charter is complete; `hypothesis:open`: the register holds an open "
        "hypothesis; `pupils:cases`, `pupils:predicted`, `pupils:observers`, `pupils:observed`: "
        "the research lesson has case pupils, each with a prediction, with an observer, and "
        "every prediction with its observation. "
        "Without it, the item is ticked by hand.",
    )
    approved_by: Approver | None = Field(
        None,
        description="`director`: the item is ticked by approving it (`plg approve TEAM ITEM`), "
        "by a director of one of the team's schools or a project leader; with role checks on, "
        "no member of the team ticks it, not even its leader. Not with `satisfied_by`.",
    )

    @property
    def record(self) -> tuple[str, str] | None:
        """The (category, kind) whose count ticks the item: a record's, or ("charter",
        "complete"), ("hypothesis", "open") and ("pupils", ...) for the registers."""
        if self.satisfied_by is None:
            return None
        if self.satisfied_by == "charter":
            return "charter", "complete"
        category, _, kind = self.satisfied_by.partition(":")
        return category, kind


class GuardRef(_Model):
    """A named guard from the registry and its parameters; never code."""

    name: Id = Field(description="A guard from the registry (built-in or from a plugin).")
    params: dict[Id, int | str] = Field(
        default_factory=dict, description="The guard's parameters, as the guard names them."
    )


CHECKLIST_COMPLETE = GuardRef(name="checklist_complete")


def _guards_schema(schema: dict[str, Any]) -> None:
    # The JSON Schema must accept the bare-name shorthand that `_names_as_shorthand` accepts.
    schema["items"] = {"anyOf": [schema["items"], {"type": "string", "pattern": ID_PATTERN}]}


class Transition(_Model):
    """A trigger that moves a team from `source` to `dest` when every guard passes."""

    trigger: Id = Field(description="`next` moves forward; other names loop back or branch.")
    source: Id = Field(description="The phase the team is in.")
    dest: Id = Field(description="The phase the team moves to.")
    title: Text | None = Field(None, description="What the move means, shown beside the trigger.")
    guards: tuple[GuardRef, ...] = Field(
        (CHECKLIST_COMPLETE,),
        description="All must pass (unless the move is forced with a reason). A bare name is a "
        "guard without parameters. Default: `[checklist_complete]`; `[]` for none.",
        json_schema_extra=_guards_schema,
    )
    fired_by: Verdict | None = Field(
        None,
        description="`accepted` or `rejected`: the move is made by giving the open hypothesis "
        "that verdict (`plg hypothesis accept|reject`), not by `plg advance`.",
    )
    increments: tuple[Id, ...] = Field((), description="Counters that go up by one.")
    resets: tuple[Id, ...] = Field((), description="Counters that go back to their start.")

    @field_validator("guards", mode="before")
    @classmethod
    def _names_as_shorthand(cls, value: Any) -> Any:
        # A bare guard name is the readable way to write a guard without parameters.
        if isinstance(value, list | tuple):
            return [{"name": item} if isinstance(item, str) else item for item in value]
        return value


class Counter(_Model):
    """A loop counter (research cycle, research lesson, hypothesis...)."""

    id: Id = Field(description="Named in transitions' `increments` and `resets`.")
    title: Text = Field(description="What it counts.")
    start: int = Field(default=1, ge=0, description="Its value when a team starts.")


class Phase(_Model):
    """One step of the method."""

    id: Id = Field(description="Unique in the method; teams store it, so keep it stable.")
    title: Text = Field(description="The phase's name.")
    guidance: Text = Field(description="What the team does in this phase, in a sentence or two.")
    checklist: tuple[ChecklistItem, ...] = Field(
        (), description="What the phase asks before the team moves on (none in a final phase)."
    )
    final: bool = Field(False, description="The closing phase: no checklist, no way out.")


class MethodDefinition(_Model):
    """A whole research method: phases in order, transitions, checklists, counters, record kinds."""

    id: Id = Field(description="The method's id; teams refer to it, so keep it stable.")
    version: Annotated[str, StringConstraints(pattern=r"^\d+(\.\d+){0,2}$")] = Field(
        description="`1`, `1.2` or `1.2.3`. Teams stay on the version they started with."
    )
    title: Text = Field(description="The method's name.")
    description: Text = Field(description="What the method is, in a few sentences.")
    sources: tuple[Line, ...] = Field((), description="Where the method comes from.")
    initial: Id = Field(description="The id of the phase a new team starts in.")
    phases: tuple[Phase, ...] = Field(min_length=2, description="The phases, in order.")
    transitions: tuple[Transition, ...] = Field(
        min_length=1, description="Every move; each working phase has a `next`."
    )
    counters: tuple[Counter, ...] = Field((), description="Loop counters.")
    artefact_types: tuple[RecordKind, ...] = Field(
        (), description="What teams make in this method (documents, plans, reports)."
    )
    evidence_kinds: tuple[RecordKind, ...] = Field(
        (), description="What teams collect in this method (observations, scores, data sets)."
    )

    @cached_property
    def _places(self) -> dict[str, tuple[Phase, int]]:
        # Looked up for every team of an overview: computed once per definition.
        steps = [p for p in self.phases if not p.final]
        return {p.id: (p, steps.index(p) + 1 if p in steps else len(steps)) for p in self.phases}

    def phase(self, phase_id: str) -> Phase:
        return self._places[phase_id][0]

    def phase_index(self, phase_id: str) -> int:
        """1-based place of the phase in the method; a final phase counts as the last step."""
        return self._places[phase_id][1]

    @cached_property
    def step_count(self) -> int:
        return sum(1 for p in self.phases if not p.final)

    @cached_property
    def registers(self) -> frozenset[str]:
        """The registers its checklists read: "charter", "hypothesis", "pupils"."""
        return frozenset(
            item.record[0]
            for phase in self.phases
            for item in phase.checklist
            if item.record is not None and item.record[0] not in RECORD_CATEGORIES
        )

    def record_kinds(self, category: str) -> tuple[RecordKind, ...]:
        return self.artefact_types if category == "artefact" else self.evidence_kinds

    def satisfied_how(self, item: ChecklistItem, lang: Lang) -> str | None:
        """How `item` is ticked other than by hand, for people: "by saving Lesson plan"."""
        if item.approved_by is not None:
            return t("by_director", lang)
        title = self.record_title(item, lang)
        if title is None or item.record is None:
            return None
        key = N_("by_saving") if item.record[0] in RECORD_CATEGORIES else N_("by_register")
        return t(key, lang, what=title)

    def record_title(self, item: ChecklistItem, lang: Lang) -> str | None:
        """What ticks `item`, for people: the title of its artefact type or evidence kind, or
        what the charter or the register must hold."""
        if item.record is None or item.satisfied_by is None:
            return None
        category, kind = item.record
        if category in RECORD_CATEGORIES:
            return next(k.title(lang) for k in self.record_kinds(category) if k.id == kind)
        return t(_REGISTER_TITLES[category, kind], lang)

    def dump(self) -> dict[str, Any]:
        data = self.model_dump(mode="json")
        # A field added later is left out while unset, so that the definitions stored before
        # it keep their hash (and `plg check` its agreement with the events).
        for transition in data["transitions"]:
            if transition["fired_by"] is None:
                del transition["fired_by"]
        for phase in data["phases"]:
            for item in phase["checklist"]:
                if item["approved_by"] is None:
                    del item["approved_by"]
        return data

    @cached_property
    def _canonical(self) -> str:
        return json.dumps(self.dump(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))

    def canonical_json(self) -> str:
        """The content that is stored and hashed; equal definitions give equal text."""
        # A definition is immutable, and every stored event and machine look-up names it by
        # this hash: compute it once, not once per team.
        return self._canonical

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self._canonical.encode()).hexdigest()


def _place(loc: tuple[int | str, ...]) -> str:
    place = ""
    for part in loc:
        place += f"[{part}]" if isinstance(part, int) else (f".{part}" if place else str(part))
    return place or "(definition)"


# pydantic's kinds of fault that the catalogue words.
_PYDANTIC_FAULTS = {
    "missing": N_("fault_missing"),
    "extra_forbidden": N_("fault_extra_forbidden"),
    "string_too_short": N_("fault_string_too_short"),
    "string_type": N_("fault_string_type"),
    "model_type": N_("fault_model_type"),
    "too_short": N_("fault_too_short"),
}


def _field_fault(error: ErrorDetails) -> tuple[str, dict[str, object]]:
    # pydantic words its messages in English only; the common ones have catalogue entries.
    kind = error["type"]
    if kind == "string_pattern_mismatch":
        pattern = (error.get("ctx") or {}).get("pattern")
        return (
            (N_("fault_not_id"), {})
            if pattern == ID_PATTERN
            else (N_("fault_form"), {"form": pattern})
        )
    key = _PYDANTIC_FAULTS.get(kind)
    return (key, {}) if key else ("fault_field", {"reason": error["msg"]})


def load_definition(data: object, source: str = "") -> MethodDefinition:
    """Validate `data` (as parsed from YAML or JSON) into a definition.

    Raises `InvalidMethodDefinition` listing every fault, whatever `data` is.
    """
    from plg.methods.registry import known_guards
    from plg.methods.validate import semantic_faults

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

"""Structural checks on a definition whose fields are already well-formed; every fault is kept."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping

from plg.errors import Fault
from plg.methods.definition import REGISTER_REFS, GuardRef, MethodDefinition, Transition
from plg.methods.guards import Guard
from plg.methods.machine import Moves


def _duplicates(place: str, ids: Iterable[str]) -> list[Fault]:
    counts = Counter(ids)
    return [Fault(place, "fault_duplicate", {"id": i}) for i, n in counts.items() if n > 1]


def _guard_faults(place: str, ref: GuardRef, guards: Mapping[str, Guard]) -> list[Fault]:
    guard = guards.get(ref.name)
    if guard is None:
        known = ", ".join(sorted(guards))
        return [Fault(place, "fault_unknown_guard", {"id": ref.name, "known": known})]
    expected, given = guard.param_types, ref.params
    faults = [
        Fault(place, "fault_guard_missing", {"id": ref.name, "param": p})
        for p in expected
        if p not in given
    ]
    faults += [
        Fault(place, "fault_guard_extra", {"id": ref.name, "param": p})
        for p in given
        if p not in expected
    ]
    faults += [
        Fault(place, "fault_guard_type", {"id": ref.name, "param": p, "type": expected[p].__name__})
        for p in given
        if p in expected and not isinstance(given[p], expected[p])
    ]
    return faults


def _reachable(definition: MethodDefinition, machine: Moves) -> set[str]:
    seen, todo = {definition.initial}, [definition.initial]
    while todo:
        for tr in machine.moves(todo.pop()):
            if tr.dest not in seen:
                seen.add(tr.dest)
                todo.append(tr.dest)
    return seen


def _record_ids(definition: MethodDefinition) -> set[str]:
    ids = {f"artefact:{k.id}" for k in definition.artefact_types}
    return ids | {f"evidence:{k.id}" for k in definition.evidence_kinds} | set(REGISTER_REFS)


def _transition_faults(
    definition: MethodDefinition, guards: Mapping[str, Guard], i: int, tr: Transition
) -> list[Fault]:
    here = f"transitions[{i}]"
    phases = {p.id for p in definition.phases}
    counters = {c.id for c in definition.counters}
    records = _record_ids(definition)
    faults = [
        Fault(f"{here}.{end}", "fault_unknown_phase", {"id": phase})
        for end, phase in (("source", tr.source), ("dest", tr.dest))
        if phase not in phases
    ]
    faults += [
        Fault(f"{here}.{field}", "fault_unknown_counter", {"id": counter})
        for field, names in (("increments", tr.increments), ("resets", tr.resets))
        for counter in names
        if counter not in counters
    ]
    for j, ref in enumerate(tr.guards):
        faults += _guard_faults(f"{here}.guards[{j}]", ref, guards)
        guard = guards.get(ref.name)
        for param, category in guard.record_params.items() if guard else ():
            ref_id = f"{category}:{ref.params.get(param)}"
            if param in ref.params and ref_id not in records:
                place = f"{here}.guards[{j}].params.{param}"
                faults.append(Fault(place, "fault_unknown_record", {"id": ref_id}))
    return faults


def _reference_faults(definition: MethodDefinition, guards: Mapping[str, Guard]) -> list[Fault]:
    faults = []
    if definition.initial not in {p.id for p in definition.phases}:
        faults.append(Fault("initial", "fault_unknown_phase", {"id": definition.initial}))
    for i, tr in enumerate(definition.transitions):
        faults += _transition_faults(definition, guards, i, tr)
    records = _record_ids(definition)
    for i, phase in enumerate(definition.phases):
        for j, item in enumerate(phase.checklist):
            if item.satisfied_by and item.satisfied_by not in records:
                place = f"phases[{i}].checklist[{j}].satisfied_by"
                faults.append(Fault(place, "fault_unknown_record", {"id": item.satisfied_by}))
            if item.satisfied_by and item.approved_by:
                # One thing ticks an item: a saved record or an approval, not both.
                place = f"phases[{i}].checklist[{j}].approved_by"
                faults.append(Fault(place, "fault_approved_and_satisfied"))
    return faults


def _shape_faults(definition: MethodDefinition) -> list[Fault]:
    faults: list[Fault] = []
    finals = [p for p in definition.phases if p.final]
    if not finals:
        faults.append(Fault("phases", "fault_no_final"))
    # The walk asks a machine like the one teams fire, of its own: a definition being checked
    # is not yet a version teams may run on, and may never be one.
    machine = Moves(definition)
    reachable = _reachable(definition, machine)
    for i, phase in enumerate(definition.phases):
        here = f"phases[{i}]"
        exits = machine.moves(phase.id)
        if phase.final:
            if exits:
                faults.append(Fault(here, "fault_final_exit", {"id": phase.id}))
            if phase.checklist:
                faults.append(Fault(f"{here}.checklist", "fault_final_checklist", {"id": phase.id}))
            if phase.id == definition.initial:
                faults.append(Fault("initial", "fault_initial_final", {"id": phase.id}))
        elif not exits:
            faults.append(Fault(here, "fault_trap", {"id": phase.id}))
        elif "next" not in machine.triggers(phase.id):
            faults.append(Fault(here, "fault_no_next", {"id": phase.id}))
        if phase.id not in reachable:
            faults.append(Fault(here, "fault_unreachable", {"id": phase.id}))
    return faults


def semantic_faults(definition: MethodDefinition, guards: Mapping[str, Guard]) -> list[Fault]:
    """Every structural fault of `definition`, each with its place."""
    faults = _duplicates("phases", (p.id for p in definition.phases))
    faults += _duplicates("counters", (c.id for c in definition.counters))
    faults += _duplicates("artefact_types", (k.id for k in definition.artefact_types))
    faults += _duplicates("evidence_kinds", (k.id for k in definition.evidence_kinds))
    faults += _duplicates(
        "transitions", (f"{tr.source}.{tr.trigger}" for tr in definition.transitions)
    )
    # One verdict makes one move: two from the same phase would leave the engine to guess.
    faults += _duplicates(
        "transitions",
        (f"{tr.source}.{tr.fired_by}" for tr in definition.transitions if tr.fired_by),
    )
    for i, phase in enumerate(definition.phases):
        faults += _duplicates(f"phases[{i}].checklist", (item.id for item in phase.checklist))
    faults += _reference_faults(definition, guards)
    if not any(f.key == "fault_unknown_phase" for f in faults):
        faults += _shape_faults(definition)
    return faults

"""One `transitions` machine per method version, built once and shared by every team.

A team's phase lives in its database row. To fire a trigger, the engine hands the machine a
throw-away object that carries the saved phase; no team is ever attached to the machine, so the
machine's size does not grow with the number of teams.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from plg.langs import Lang
from plg.methods.checklist import TeamState
from plg.methods.definition import GuardRef, MethodDefinition
from plg.methods.registry import guard_named

if TYPE_CHECKING:
    from transitions import EventData, Machine

_MACHINES: dict[str, Machine] = {}


@dataclass
class _Run:
    """The model for one firing: transitions reads and writes its `state`."""

    state: str


@dataclass(frozen=True)
class Attempt:
    """What the engine passes along with a trigger: the team's state and whether it is forced."""

    state: TeamState
    force: bool
    lang: Lang


def _condition(ref: GuardRef) -> Any:
    def passes(event: EventData) -> bool:
        attempt: Attempt = event.kwargs["attempt"]
        # Looked up at each firing: a guard plugin may come or go while the machine lives on.
        guard = guard_named(ref.name)
        return attempt.force or not guard.run(attempt.state, ref.params, attempt.lang)

    return passes


def machine_for(definition: MethodDefinition) -> Machine:
    """The shared machine of this exact definition (keyed by its content hash)."""
    key = definition.sha256
    machine = _MACHINES.get(key)
    if machine is None:
        from transitions import Machine

        machine = Machine(
            model=None,
            states=[phase.id for phase in definition.phases],
            initial=definition.initial,
            transitions=[
                {
                    "trigger": tr.trigger,
                    "source": tr.source,
                    "dest": tr.dest,
                    "conditions": [_condition(ref) for ref in tr.guards],
                }
                for tr in definition.transitions
            ],
            auto_transitions=False,
            send_event=True,
        )
        _MACHINES[key] = machine
    return machine


def triggers_from(definition: MethodDefinition, phase: str) -> list[str]:
    """The triggers the method allows in `phase`, in definition order."""
    return list(machine_for(definition).get_triggers(phase))


def fire(definition: MethodDefinition, trigger: str, attempt: Attempt) -> str | None:
    """Fire `trigger` for a team in `attempt.state.phase`: the new phase, or None if a guard failed.

    The caller checks beforehand that the trigger exists in the team's phase.
    """
    run = _Run(attempt.state.phase)
    moved = machine_for(definition).events[trigger].trigger(run, attempt=attempt)
    return run.state if moved else None


def built_machines() -> int:
    """How many machines exist in this process (tests use it to show machines are shared)."""
    return len(_MACHINES)

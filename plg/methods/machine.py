"""The moves of a method version, as its `transitions` machine knows them.

The machine is the one place that answers which moves a phase has, where each leads, what the
guards of a move say about a team now (in the reader's language), and that fires a move: the
engine, the views of a team and the validation of a definition all ask it. There is one machine
per method version, shared by every team (`plg.methods.versions` keeps it). A team's phase lives
in its database row; to fire, the machine is handed a throw-away object that carries the saved
phase, so no team is ever attached and the machine does not grow with the number of teams.

Nested cycles will need `transitions.extensions.HierarchicalMachine`. Only this module names the
library; switching means deriving `_Machine` and `_Step` from `HierarchicalMachine` and
`NestedTransition`, giving its states a separator that no id contains (ids hold `_`), and firing
through `trigger_event` in `_Machine.fire`. Mind that it keeps the scope it works in on the
machine while it fires or lists triggers, so a machine the web page's threads share then needs a
lock around each use; this one keeps nothing between calls (the phase is on the model).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from transitions import EventData, Machine
from transitions import Transition as _LibraryTransition

from plg.langs import Lang
from plg.methods.checklist import TeamState
from plg.methods.definition import GuardRef, MethodDefinition, Transition, Verdict
from plg.methods.registry import guard_named


@dataclass(frozen=True)
class Attempt:
    """What the engine passes along with a trigger: the team's state and whether it is forced."""

    state: TeamState
    force: bool
    lang: Lang


@dataclass
class _Run:
    """The model of one firing: transitions reads and writes its `state`; the guards leave
    why they refused in `refused`."""

    state: str
    attempt: Attempt
    refused: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Guards:
    """The guards of one move, as the machine's single condition on it: every guard runs, so
    that a refusal names all open points, not just the first guard's."""

    refs: tuple[GuardRef, ...]

    def by_guard(self, state: TeamState, lang: Lang) -> tuple[tuple[str, list[str]], ...]:
        """Each guard by name, with why it refuses the move now (nothing if it passes)."""
        # Looked up each time: a guard plugin may come or go while the machine lives on.
        return tuple(
            (ref.name, guard_named(ref.name).run(state, ref.params, lang)) for ref in self.refs
        )

    def reasons(self, state: TeamState, lang: Lang) -> tuple[str, ...]:
        return tuple(reason for _, said in self.by_guard(state, lang) for reason in said)

    def __call__(self, event: EventData) -> bool:
        run = event.model
        assert isinstance(run, _Run)
        if run.attempt.force:
            return True
        run.refused = self.reasons(run.attempt.state, run.attempt.lang)
        return not run.refused


class _Step(_LibraryTransition):
    """A transition of the machine that carries the move of the definition it was made from."""

    def __init__(self, *args: Any, move: Transition, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.move = move
        self.guards = _Guards(move.guards)
        self.conditions.append(self.condition_cls(self.guards))


class _Machine(Machine):
    transition_cls = _Step

    def fire(self, run: _Run, trigger: str) -> bool:
        return self.events[trigger].trigger(run)


@dataclass(frozen=True)
class Fired:
    """What firing a move did: the phase the team is in now, or why its guards refused."""

    move: Transition
    dest: str | None
    refused: tuple[str, ...]


class Moves:
    """The machine of one method version (`machine_for` in `plg.methods.versions` gives the
    shared one)."""

    def __init__(self, definition: MethodDefinition) -> None:
        self._machine = _Machine(
            model=None,
            states=[phase.id for phase in definition.phases],
            initial=definition.initial,
            transitions=[
                {"trigger": tr.trigger, "source": tr.source, "dest": tr.dest, "move": tr}
                for tr in definition.transitions
            ],
            auto_transitions=False,
            send_event=True,
        )

    def _steps(self, phase: str | None, trigger: str | None) -> list[_Step]:
        event = self._machine.events.get(trigger) if trigger is not None else None
        # `transitions` makes an entry for any phase it is indexed with: ask before reading.
        if event is None or phase is None or phase not in event.transitions:
            return []
        return [step for step in event.transitions[phase] if isinstance(step, _Step)]

    def _step(self, phase: str | None, trigger: str | None) -> _Step:
        found = self._steps(phase, trigger)
        if not found:
            raise KeyError(f"{phase}.{trigger}")
        return found[0]

    def triggers(self, phase: str) -> list[str]:
        """The triggers the method allows in `phase`."""
        return list(self._machine.get_triggers(phase))

    def moves(self, phase: str) -> list[Transition]:
        """Every move out of `phase`, in the order of `triggers`."""
        return [
            step.move for trigger in self.triggers(phase) for step in self._steps(phase, trigger)
        ]

    def move(self, phase: str | None, trigger: str | None) -> Transition:
        """The move `trigger` makes from `phase`; KeyError if the method has none."""
        return self._step(phase, trigger).move

    def made_by(self, verdict: Verdict) -> list[Transition]:
        """The moves that giving the open hypothesis `verdict` makes, one per phase at most."""
        return [
            step.move
            for event in self._machine.events.values()
            for steps in event.transitions.values()
            for step in steps
            if isinstance(step, _Step) and step.move.fired_by == verdict
        ]

    def reasons(
        self, trigger: str, state: TeamState, lang: Lang
    ) -> tuple[tuple[str, list[str]], ...]:
        """Each guard of `trigger` in the team's phase by name, with why it would refuse the
        move now (nothing for a guard that passes)."""
        return self._step(state.phase, trigger).guards.by_guard(state, lang)

    def fire(self, trigger: str, attempt: Attempt) -> Fired:
        """Fire `trigger` for a team in `attempt.state.phase`, unless a guard refuses.

        The caller checks beforehand that the trigger exists in the team's phase.
        """
        run = _Run(attempt.state.phase, attempt)
        moved = self._machine.fire(run, trigger)
        move = self.move(attempt.state.phase, trigger)
        return Fired(move, run.state if moved else None, run.refused)

"""Random action sequences on every built-in method keep a team consistent with its events."""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plg import Content, Engine, InvalidInput, PlgError, Refused
from plg.engine.inputs import CHARTER_QUESTIONS
from plg.methods.registry import load_registry

METHODS = ["actieonderzoek", "datateam", "lesson_study", "vier_vragen"]


@pytest.fixture(scope="module")
def shared_engine() -> Iterator[Engine]:
    # One database for the whole module: each example starts a team of its own in it.
    with tempfile.TemporaryDirectory() as folder:
        engine = Engine(f"sqlite:///{Path(folder) / 'plg.db'}", actor="hypothesis", lang="en")
        engine.init()
        yield engine
        engine.close()


# An action is (verb, a number to pick what it acts on, a flag).
actions = st.lists(
    st.tuples(
        st.sampled_from(
            [
                "tick",
                "untick",
                "record",
                "advance",
                "force",
                "bogus",
                "propose",
                "verdict",
                "charter",
            ]
        ),
        st.integers(0, 50),
        st.booleans(),
    ),
    max_size=30,
)


def _act(engine: Engine, name: str, verb: str, pick: int, flag: bool) -> None:
    view = engine.team(name)
    definition = load_registry().get(view.row.method).definition
    items = list(view.checklist.items)
    moves = [m.trigger for m in view.moves] or ["next"]
    if verb in ("tick", "untick") and items:
        engine.tick(name, items[pick % len(items)].id, undo=verb == "untick")
    elif verb == "record":
        category = "artefact" if flag else "evidence"
        kinds = definition.record_kinds(category)
        if kinds:
            engine.add_record(
                name,
                category,
                kinds[pick % len(kinds)].id,
                f"r{pick}",
                Content(text="x") if flag else Content(value=float(pick)),
            )
    elif verb == "propose":
        engine.propose(name, f"h{pick}")
    elif verb == "verdict":
        # The register's verdict: where the method says so, it makes the move as well.
        engine.decide(name, "accepted" if flag else "rejected", f"v{pick}")
    elif verb == "charter":
        engine.set_charter(name, dict.fromkeys(CHARTER_QUESTIONS, "x"), date(2099, 1, 1))
    elif verb == "advance":
        engine.advance(name, moves[pick % len(moves)])
    elif verb == "force":
        engine.advance(name, moves[pick % len(moves)], force=True, reason="hypothesis")
    else:
        engine.advance(name, f"bogus{pick}")


@pytest.mark.parametrize("method", METHODS)
@given(steps=actions)
@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_random_actions_keep_phase_equal_to_replay(
    shared_engine: Engine, method: str, steps: list[tuple[str, int, bool]]
) -> None:
    engine = shared_engine
    name = f"{method}-{uuid.uuid4().hex[:8]}"
    engine.start_team(name, method)
    phases = {p.id for p in load_registry().get(method).definition.phases}
    for verb, pick, flag in steps:
        before = engine.history(name)
        try:
            _act(engine, name, verb, pick, flag)
        except PlgError:
            # A refusal changes nothing at all.
            assert engine.history(name) == before
        view = engine.team(name)
        assert view.row.phase in phases
        assert engine.replay(name) == (view.row.phase, view.row.counters)
        events = engine.history(name)
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        assert (view.row.status == "completed") == (view.row.phase == "afgerond")


hostile = st.text(st.characters(exclude_categories=()), max_size=150)


@given(name=hostile, title=hostile, body=hostile, reason=hostile)
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_hostile_strings_are_stored_exactly_or_refused_cleanly(
    shared_engine: Engine, name: str, title: str, body: str, reason: str
) -> None:
    engine = shared_engine
    try:
        view = engine.start_team(name, "vier_vragen")
    except (InvalidInput, Refused):
        return
    assert view.row.name == name.strip()
    assert engine.team(name).row.name == name.strip()
    try:
        saved = engine.add_record(name, "artefact", "leerdoelen", title, Content(text=body))
    except InvalidInput:
        pass
    else:
        assert saved.title == title.strip()
        assert engine.records(name, "artefact")[-1].text == body
    try:
        engine.advance(name, force=True, reason=reason)
    except InvalidInput:
        assert engine.team(name).row.phase == "leren"
    else:
        assert engine.history(name)[-1].reason == reason.strip()

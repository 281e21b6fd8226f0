"""Writers that act on shared teams at random, as several team leaders at once would: for the
concurrency and crash tests. Each runs in a process of its own."""

from __future__ import annotations

import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

from plg import Content, DatabaseBusy, Engine, NotFound, Refused, StaleWrite

TEAMS = ("Lezen", "Rekenen", "Schrijven")
# The method of tests/methods/ring.yaml: its teams can keep moving, and never end by accident.
METHODS = Path(__file__).with_name("methods")


def start_teams(url: str) -> None:
    """The shared teams; needs PLG_METHODS_PATH to name METHODS (the writers do not)."""
    engine = Engine(url, actor="setup", lang="en")
    engine.init()
    for name in TEAMS:
        engine.start_team(name, "ring")
    engine.close()


def act(engine: Engine, rng: random.Random) -> tuple[str, str]:
    """One random action on a random shared team: (team, 'done' | 'refused' | 'lost')."""
    team = rng.choice(TEAMS)
    try:
        view = engine.team(team)
        roll = rng.random()
        if roll < 0.4:
            manual = [item for item in view.checklist.items if item.satisfied_by is None]
            if not manual:
                return team, "refused:nothing to tick"
            item = rng.choice(manual)
            engine.tick(team, item.id, undo=item.done)
        elif roll < 0.7:
            engine.add_record(team, "evidence", "notitie", "Notes", Content(text=f"{roll}"))
        else:
            # Forced, so that the team keeps moving; never by 'next' (see ring.yaml).
            moves = [move for move in view.moves if move.trigger != "next"]
            if not moves:
                return team, "refused:nothing to move to"
            engine.advance(team, rng.choice(moves).trigger, force=True, reason="test")
    except (NotFound, Refused) as exc:
        # Another writer moved the team between the read and this write: the engine said
        # no and wrote nothing, as it should.
        return team, f"refused:{exc.key}"
    except (StaleWrite, DatabaseBusy):
        return team, "lost"
    return team, "done"


def write(url: str, seed: int, actions: int, start_at: float) -> dict[str, Any]:
    """`actions` random actions, begun together with the other writers at `start_at`."""
    engine = Engine(url, actor=f"writer {seed}", lang="en")
    rng = random.Random(seed)
    done: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    time.sleep(max(0.0, start_at - time.time()))
    for _ in range(actions):
        team, outcome = act(engine, rng)
        outcomes[outcome] += 1
        if outcome == "done":
            done[team] += 1
    engine.close()
    return {"done": dict(done), "outcomes": dict(outcomes)}

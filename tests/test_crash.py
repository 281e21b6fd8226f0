"""A writer killed with SIGKILL at a random moment leaves a sound database: every action it
reported done is there, at most the one it was in the middle of is also there, and nothing
is half-written."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections import Counter
from multiprocessing.connection import Connection

import pytest

from plg import Engine
from tests.writers import METHODS, TEAMS, act, start_teams

ROUNDS = 50


def _write_until_killed(url: str, seed: int, done: Connection) -> None:
    engine = Engine(url, actor=f"writer {seed}", lang="en")
    rng = random.Random(seed)
    while True:
        team, outcome = act(engine, rng)
        if outcome == "done":
            done.send(team)


def _events(engine: Engine) -> Counter[str]:
    return Counter({team: len(engine.history(team)) for team in TEAMS})


@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork() to start writers quickly")
def test_writers_killed_at_random_moments(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLG_METHODS_PATH", str(METHODS))
    start_teams(db_url)
    # Forked: a writer is ready in milliseconds, so the kills fall in its writes, not in its
    # start-up.
    context = multiprocessing.get_context("fork")
    rng = random.Random(20261125)
    engine = Engine(db_url, lang="en")
    before = _events(engine)
    killed_with_work_done = 0
    for round_ in range(ROUNDS):
        engine.close()  # the writer must not inherit a connection of ours
        receiver, sender = context.Pipe(duplex=False)
        writer = context.Process(target=_write_until_killed, args=(db_url, round_, sender))
        writer.start()
        sender.close()
        time.sleep(rng.uniform(0.05, 0.4))
        os.kill(writer.pid or 0, signal.SIGKILL)
        writer.join()
        assert writer.exitcode == -signal.SIGKILL
        reported: Counter[str] = Counter()
        try:
            while receiver.poll():
                reported[receiver.recv()] += 1
        except EOFError:
            pass
        receiver.close()
        killed_with_work_done += bool(reported)

        after = _events(engine)
        for team in TEAMS:
            # Everything reported done was kept; beyond that at most the action the writer
            # was committing when it died (done, but not yet reported).
            assert after[team] - before[team] - reported[team] in (0, 1), (round_, team)
        assert sum(after.values()) - sum(before.values()) - sum(reported.values()) <= 1
        report = engine.check()  # on SQLite, its integrity_check too
        assert report.ok, (round_, [fault.text("en") for fault in report.faults])
        before = after
    engine.close()
    # The kills fell while writing, not before the first write.
    assert killed_with_work_done > ROUNDS * 3 // 4

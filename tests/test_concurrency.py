"""Eight processes write to the same few teams at once: nothing is lost, nothing is doubled,
and every team's phase is still the replay of its events."""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections import Counter

import pytest
from sqlalchemy import create_engine, text

from plg import Engine
from tests.conftest import Plg
from tests.writers import METHODS, TEAMS, start_teams, write

WRITERS = 8
ACTIONS = 40


def test_eight_writers_lose_no_update(db_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLG_METHODS_PATH", str(METHODS))
    start_teams(db_url)
    # Spawned, not forked: each writer is a fresh process, as eight team leaders would be.
    context = multiprocessing.get_context("spawn")
    start_at = time.time() + 4  # time for the eight to start up, then they begin together
    with context.Pool(WRITERS) as pool:
        results = pool.starmap(
            write, [(db_url, seed, ACTIONS, start_at) for seed in range(WRITERS)]
        )
    done: Counter[str] = Counter()
    outcomes: Counter[str] = Counter()
    for result in results:
        done.update(result["done"])
        outcomes.update(result["outcomes"])
    assert sum(outcomes.values()) == WRITERS * ACTIONS
    # Under this load the engine's retries absorb every collision.
    assert outcomes["lost"] == 0, outcomes
    assert outcomes["done"] > WRITERS * ACTIONS // 2, outcomes

    engine = Engine(db_url, lang="en")
    for team in TEAMS:
        history = engine.history(team)
        # Every action that said it was done left exactly one event; nothing else did.
        assert len(history) == 1 + done[team], team
        assert [event.seq for event in history] == list(range(1, len(history) + 1))
        view = engine.team(team)
        assert engine.replay(team) == (view.row.phase, view.row.counters)
        evidence = [e for e in history if e.kind == "evidence"]
        assert len(engine.records(team, "evidence")) == len(evidence)
    report = engine.check()
    assert report.ok, [fault.text("en") for fault in report.faults]
    assert report.events == len(TEAMS) + outcomes["done"]
    engine.close()


def _hold_the_lock(url: str, seconds: float) -> tuple[threading.Thread, threading.Event]:
    """Another writer that holds the team's lock, from a thread, for `seconds` or until the
    event returned is set."""
    raw = create_engine(url)
    taken = threading.Event()
    release = threading.Event()

    def hold() -> None:
        with raw.connect() as conn:
            if raw.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.execute(text("SELECT 1 FROM teams WHERE name = 'Lezen' FOR UPDATE"))
            taken.set()
            release.wait(seconds)
            conn.rollback()
        raw.dispose()

    thread = threading.Thread(target=hold)
    thread.start()
    taken.wait()
    return thread, release


@pytest.fixture
def short_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    # The engine's own waits, cut down so that a test of giving up takes a second, not ten.
    monkeypatch.setattr("plg.storage.store.BUSY_TIMEOUT_MS", 100)


def test_a_writer_waits_for_a_lock_that_is_let_go(
    db_url: str, monkeypatch: pytest.MonkeyPatch, short_waits: None
) -> None:
    monkeypatch.setenv("PLG_METHODS_PATH", str(METHODS))
    start_teams(db_url)
    engine = Engine(db_url, lang="en")
    holder, _ = _hold_the_lock(db_url, 0.3)
    # Longer than one wait: the engine retried.
    assert [i.id for i in engine.tick("Lezen", "doel").items if i.done] == ["doel"]
    holder.join()
    assert [e.kind for e in engine.history("Lezen")] == ["start", "tick"]
    engine.close()


def test_a_lock_that_is_kept_is_one_clear_error(
    db_url: str, monkeypatch: pytest.MonkeyPatch, short_waits: None
) -> None:
    monkeypatch.setenv("PLG_METHODS_PATH", str(METHODS))
    start_teams(db_url)
    holder, release = _hold_the_lock(db_url, 30)
    try:
        result = Plg(db_url).error("tick", "Lezen", "doel")
        assert "stayed busy with other people's changes; nothing was saved" in result
        assert "locked" not in result  # SQLite's own word, which says nothing to a user
    finally:
        release.set()
        holder.join()
    engine = Engine(db_url)
    assert [e.kind for e in engine.history("Lezen")] == ["start"]
    engine.close()


def test_the_collector_runs_again_after_parallel_pauses_whatever_their_order() -> None:
    """Web requests build long lists in parallel threads with the garbage collector paused:
    it must stay paused until the last is done, and then run again, never stay off."""
    import gc

    from plg.engine.reading import _collector_paused

    assert gc.isenabled()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[bool] = []

    def first() -> None:
        with _collector_paused():
            first_in.set()
            second_in.wait(10)
        first_out.set()

    def second() -> None:
        first_in.wait(10)
        with _collector_paused():
            second_in.set()
            first_out.wait(10)
            seen.append(gc.isenabled())  # the first is done; this one still builds its list

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(20)
    assert seen == [False]
    assert gc.isenabled()

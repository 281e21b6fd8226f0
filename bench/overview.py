"""A national number of teams: starting them in bulk through the engine, then
`plg overview --json` over them as a whole process, with its peak memory; on SQLite, and on
PostgreSQL when PLG_TEST_POSTGRES_URL names a server."""

from __future__ import annotations

import os
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from common import Line, median, p99, process

from plg import Engine
from plg.engine.inputs import TeamSpec

METHODS = ("actieonderzoek", "datateam", "lesson_study", "vier_vragen")


def team_name(number: int) -> str:
    return f"Team {number:06d}"


def specs(count: int, method: str | None = None) -> list[TeamSpec]:
    """A foundation's roster: 700 schools, one team in ten a network across schools."""
    return [
        TeamSpec(
            team_name(n),
            method or METHODS[n % 4],
            # A network spans schools; an internal team has one.
            (f"School {n % 700:03d}", f"School {(n + 1) % 700:03d}")
            if n % 10 == 0
            else (f"School {n % 700:03d}",),
            f"Leader {n % 5000}",
            "network" if n % 10 == 0 else "internal",
        )
        for n in range(count)
    ]


@contextmanager
def postgres_database(server: str) -> Iterator[str]:
    """A database of its own on the server, dropped afterwards."""
    from sqlalchemy import create_engine, text

    name = f"plg_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.rsplit("/", 1)[0] + f"/{name}"
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _measure(label: str, url: str, teams: int, runs: int) -> list[Line]:
    engine = Engine(url, actor="bench", lang="en")
    engine.init()
    started = time.perf_counter()
    engine.start_teams(specs(teams))
    bulk = time.perf_counter() - started
    engine.close()
    command = [sys.executable, "-m", "plg", "--db", url, "overview", "--json"]
    samples = [process(command) for _ in range(runs)]
    walls, peaks = [s[0] for s in samples], [s[1] for s in samples]
    # The goals are for 100,000 teams: a smaller run is not judged against them.
    judged = teams >= 100_000
    return [
        Line(
            f"{label}: start {teams:,} teams in bulk",
            f"{bulk:.2f} s",
            "<= 5 s",
            bulk <= 5 if judged else None,
        ),
        Line(
            f"{label}: plg overview --json over them ({runs} runs)",
            f"median {median(walls):.2f} s, p99 {p99(walls):.2f} s",
            "<= 1.5 s",
            median(walls) <= 1.5 if judged else None,
        ),
        Line(
            "  peak memory of that process",
            f"median {median(peaks):.0f} MB, p99 {p99(peaks):.0f} MB",
            "<= 300 MB",
            p99(peaks) <= 300 if judged else None,
        ),
    ]


def run(folder: Path, teams: int, runs: int) -> list[Line]:
    lines = _measure("SQLite", f"sqlite:///{folder / 'overview.db'}", teams, runs)
    server = os.environ.get("PLG_TEST_POSTGRES_URL")
    if server:
        with postgres_database(server) as url:
            lines += _measure("PostgreSQL", url, teams, runs)
    else:
        lines.append(Line("PostgreSQL", "skipped: set PLG_TEST_POSTGRES_URL"))
    return lines

"""Benchmark: the overview over a national number of teams.

    python bench/overview.py [--teams 100000] [--runs 5]

Starts the teams in bulk through the engine, then runs `plg overview --json` as a whole
process several times and prints the median and worst wall time and peak memory, on SQLite
and (when PLG_TEST_POSTGRES_URL is set) on PostgreSQL. Goals: overview <= 1.5 s, <= 300 MB.
A benchmark, not a test: the figures depend on the machine, which it describes.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text

from plg import Engine
from plg.engine.inputs import TeamSpec

METHODS = ("actieonderzoek", "datateam", "lesson_study", "vier_vragen")


def _specs(count: int) -> list[TeamSpec]:
    return [
        TeamSpec(
            f"Team {n:06d}",
            METHODS[n % 4],
            (f"School {n % 700:03d}",),
            f"Leader {n % 5000}",
            "network" if n % 10 == 0 else "internal",
        )
        for n in range(count)
    ]


def _peak_of(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one child process."""
    script = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "wall = time.perf_counter() - t\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(wall, peak)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *command], check=True, capture_output=True, text=True
    ).stdout.split()
    return float(out[0]), float(out[1])


def measure(url: str, teams: int, runs: int) -> list[tuple[str, str, str]]:
    engine = Engine(url, actor="bench", lang="en")
    engine.init()
    started = time.perf_counter()
    engine.start_teams(_specs(teams))
    start_seconds = time.perf_counter() - started
    engine.close()
    plg = [sys.executable, "-m", "plg", "--db", url, "overview", "--json"]
    samples = [_peak_of(plg) for _ in range(runs)]
    walls, peaks = [s[0] for s in samples], [s[1] for s in samples]
    return [
        (f"start {teams:,} teams in bulk", f"{start_seconds:.2f} s", "goal <= 5 s"),
        (
            f"plg overview --json, {teams:,} teams",
            f"median {statistics.median(walls):.2f} s, worst {max(walls):.2f} s",
            "goal <= 1.5 s",
        ),
        (
            "  peak memory of that process",
            f"median {statistics.median(peaks):.0f} MB, worst {max(peaks):.0f} MB",
            "goal <= 300 MB",
        ),
    ]


def _postgres(base: str) -> tuple[str, object]:
    name = f"plg_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    return base.rsplit("/", 1)[0] + f"/{name}", (admin, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(
        f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )
    rows: list[tuple[str, str, str]] = []
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.db'}"
        rows += [("SQLite", "", ""), *measure(url, args.teams, args.runs)]
    server = os.environ.get("PLG_TEST_POSTGRES_URL")
    if server:
        url, (admin, name) = _postgres(server)
        try:
            rows += [("PostgreSQL", "", ""), *measure(url, args.teams, args.runs)]
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    width = max(len(r[0]) for r in rows)
    for what, figure, goal in rows:
        print(f"{what:<{width}}  {figure:<36} {goal}")


if __name__ == "__main__":
    main()

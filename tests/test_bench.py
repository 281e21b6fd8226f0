"""The benchmark suite runs from a fresh clone with its documented command. Its figures are
not checked here (timings belong in the benchmark, not in tests), only that every part runs
and reports."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_quick_benchmark_runs_every_part(tmp_path: Path) -> None:
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    env.pop("PLG_TEST_POSTGRES_URL", None)  # the server part is the same code; keep this quick
    done = subprocess.run(
        [sys.executable, "bench/run.py", "--quick"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert out.startswith("machine: ")
    for line in (
        "| advance one team, plg on SQLite (160 steps)",
        "|   plg / raw sqlite3 (medians)",
        "|   plg --help / import click (medians)",
        "| plg team show TEAM",
        "| SQLite: start 2,000 teams in bulk",
        "| SQLite: plg overview --json over them (3 runs)",
        "|   peak memory of that process",
        "| advance at 20 teams",
        "| advance at 2,000 teams",
        "|   largest / smallest (medians); machines built: 1",
        "| web: the team page over HTTP",
        "|   page / engine calls (medians)",
        "| web: the dashboard over HTTP at 2,006 teams",
        "|   dashboard / overview (medians)",
        "| web-load: a team page, in the database (sqlite)",
        "| web-load: a tick and its page, in the database (sqlite)",
        "| web-load: SQLite, reads, 1 at once (",
        "| web-load: SQLite, writes, 8 at once (",
        "| web-load: SQLite, reads, 32 at once (",
        "| web-load: SQLite, writes, 32 at once (",
        "|   CPU each (cores): client, plg serve, postgres (anyone's); machine",
        "| web-load on PostgreSQL",
    ):
        assert line in out, line
    # Every read answered and every save said so, at every number of clients.
    assert "FAILED" not in out
    # Judged: the ratios and flatness; the sizes of a quick run are not held to the goals.
    spiff = importlib.util.find_spec("SpiffWorkflow") is not None
    assert out.count(" met ") + out.count(" NOT MET ") == (4 if spiff else 3)
    if not spiff:
        assert "pip install -e '.[bench]'" in out

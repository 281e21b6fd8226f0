"""plg's benchmark suite: one command, one table.

    pip install -e '.[bench]'
    python bench/run.py                # everything, at the sizes the goals name
    python bench/run.py --quick        # a smaller run to try the suite out
    python bench/run.py --only walk    # some parts: walk, startup, overview, binding, web,
                                       # web-load

Set PLG_TEST_POSTGRES_URL to measure PostgreSQL too. These are benchmarks, not tests: the
figures depend on the machine, which the table describes, and on what else it is doing, so the
things compared run interleaved in one run and the table gives their ratios. docs/performance.md
says how to read it.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import binding
import load
import overview
import startup
import walk
import web
from common import Line, calibration, machine, table

PARTS = ("walk", "startup", "overview", "binding", "web", "web-load")


def main() -> None:
    parser = argparse.ArgumentParser(description="plg's benchmark suite")
    parser.add_argument("--quick", action="store_true", help="small sizes, few runs")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS))
    args = parser.parse_args()
    teams = 2_000 if args.quick else 100_000
    runs = 3 if args.quick else 7
    print(f"machine: {machine()}")
    print(f"calibration: 10,000,000 additions in a Python loop take {calibration():.2f} s")
    started = time.perf_counter()
    lines: list[Line] = []
    with tempfile.TemporaryDirectory() as folder:
        place = Path(folder)
        if "walk" in args.only:
            lines += walk.run(place, 20 if args.quick else 100)
        if "startup" in args.only:
            lines += startup.run(place, 5 if args.quick else 30)
        if "overview" in args.only:
            lines += overview.run(place, teams, runs)
        if "binding" in args.only:
            lines += binding.run(place, teams)
        if "web" in args.only:
            lines += web.run(place, teams, runs)
        if "web-load" in args.only:
            lines += load.run(place, args.quick)
    print(table(lines))
    print(f"({time.perf_counter() - started:.0f} s)")


if __name__ == "__main__":
    main()

"""Binding a team to its method's machine does not grow with the number of teams: the same
advance (load, bind, fire, write) at 1,000, 10,000 and 100,000 teams in one database, and
the number of `transitions` machines that took (one per method version, whatever the count)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from common import Line, median, spread, timed
from overview import specs

from plg import Engine
from plg.engine.machine import built_machines

SAMPLES = 300


def run(folder: Path, largest: int) -> list[Line]:
    engine = Engine(f"sqlite:///{folder / 'binding.db'}", actor="bench")
    engine.init()
    machines = built_machines()
    sizes = [largest // 100, largest // 10, largest]  # 1,000, 10,000 and 100,000 by default
    roster = specs(sizes[-1], "vier_vragen")
    lines, medians, started = [], [], 0
    for size in sizes:
        engine.start_teams(roster[started:size])
        started = size
        # Teams spread over the whole table, each advanced once.
        step = size // SAMPLES or 1
        names = [roster[n].name for n in range(0, size, step)][:SAMPLES]
        times = [timed(partial(engine.advance, name, force=True, reason="b")) for name in names]
        medians.append(median(times))
        lines.append(Line(f"advance at {size:,} teams", spread(times)))
    engine.close()
    growth = medians[-1] / medians[0]
    lines.append(
        Line(
            f"  largest / smallest (medians); machines built: {built_machines() - machines}",
            f"{growth:.2f}x",
            "flat (<= 1.25x)",
            growth <= 1.25,
        )
    )
    return lines

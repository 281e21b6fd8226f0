"""Binding a team to its method's machine does not grow with the number of teams: the same
advance (load, bind, fire, write) in databases of 1,000, 10,000 and 100,000 teams, taken in
turn so that the machine's ups and downs hit every size alike, and the number of
`transitions` machines that took (one per method version, whatever the count)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from common import Line, median, spread, timed
from overview import specs, team_name

from plg import Engine
from plg.methods.versions import built_machines

SAMPLES = 300


def run(folder: Path, largest: int) -> list[Line]:
    sizes = [largest // 100, largest // 10, largest]  # 1,000, 10,000 and 100,000 by default
    machines = built_machines()
    engines = []
    for size in sizes:
        engine = Engine(f"sqlite:///{folder / f'binding-{size}.db'}", actor="bench")
        engine.init()
        engine.start_teams(specs(size, "vier_vragen"))
        engines.append(engine)
    times: list[list[float]] = [[] for _ in sizes]
    samples = min(SAMPLES, sizes[0])
    for sample in range(samples):
        for size, engine, found in zip(sizes, engines, times, strict=True):
            # Teams spread over the whole table, each advanced once.
            name = team_name(sample * size // samples)
            found.append(timed(partial(engine.advance, name, force=True, reason="bench")))
    for engine in engines:
        engine.close()
    lines = [
        Line(f"advance at {size:,} teams", spread(found))
        for size, found in zip(sizes, times, strict=True)
    ]
    growth = median(times[-1]) / median(times[0])
    lines.append(
        Line(
            f"  largest / smallest (medians); machines built: {built_machines() - machines}",
            f"{growth:.2f}x",
            "flat (<= 1.25x)",
            growth <= 1.25,
        )
    )
    return lines

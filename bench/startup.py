"""What a team leader waits for between two lessons: `plg --help` and `plg team show` as whole
processes, against the bare `python -c "import click"` they cannot be quicker than. The three
alternate run by run."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from common import Line, median, process, spread

from plg import Engine


def _plg() -> str:
    # The console script pip installed beside this Python: what a user types.
    script = Path(sys.executable).with_name("plg")
    return str(script) if script.exists() else "plg"


def run(folder: Path, runs: int) -> list[Line]:
    url = f"sqlite:///{folder / 'startup.db'}"
    engine = Engine(url, actor="bench")
    engine.init()
    engine.start_team("Rekenen", "actieonderzoek", schools=["De Linde"])
    engine.close()
    env = {**os.environ, "PLG_DATABASE_URL": url}
    commands = {
        "click": [sys.executable, "-c", "import click"],
        "help": [_plg(), "--help"],
        "show": [_plg(), "team", "show", "Rekenen"],
    }
    times: dict[str, list[float]] = {key: [] for key in commands}
    for _ in range(runs):
        for key, command in commands.items():
            times[key].append(process(command, env)[0])
    ratio = median(times["help"]) / median(times["click"])
    return [
        Line('python -c "import click"', spread(times["click"])),
        Line("plg --help", spread(times["help"])),
        Line("  plg --help / import click (medians)", f"{ratio:.2f}x", "<= 1.5x", ratio <= 1.5),
        Line("plg team show TEAM", spread(times["show"])),
    ]

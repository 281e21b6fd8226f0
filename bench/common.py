"""What every benchmark shares: the machine's description, statistics, whole-process timing,
and the table the suite prints."""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{cpu}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}"
    )


def calibration() -> float:
    """Seconds for ten million additions in a Python loop (best of three): how fast this machine
    is today, so that tables from different days and machines can be compared."""

    def loop() -> None:
        total = 0
        for number in range(10_000_000):
            total += number

    return min(timed(loop) for _ in range(3))


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def median(samples: list[float]) -> float:
    return statistics.median(samples)


def p99(samples: list[float]) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]


def process(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Wall seconds and peak resident MB of one whole child process."""
    script = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "wall = time.perf_counter() - t\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(wall, peak)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", script, *command],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    ).stdout.split()
    return float(out[0]), float(out[1])


@dataclass
class Line:
    """One line of the table: a figure, what it is compared with, and its goal."""

    what: str
    figure: str
    goal: str = ""
    met: bool | None = None

    def cells(self) -> tuple[str, str, str, str]:
        verdict = "" if self.met is None else ("met" if self.met else "NOT MET")
        return self.what, self.figure, self.goal, verdict


def spread(samples: list[float], unit: str = "ms") -> str:
    scale = 1000 if unit == "ms" else 1
    return f"median {median(samples) * scale:.1f} {unit}, p99 {p99(samples) * scale:.1f} {unit}"


def table(lines: list[Line]) -> str:
    """A Markdown table, to paste into docs/performance.md as it is."""
    rows = [("what", "measured", "goal", "verdict"), *(line.cells() for line in lines)]
    widths = [max(len(row[i]) for row in rows) for i in range(4)]
    out = []
    for index, row in enumerate(rows):
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if index == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)

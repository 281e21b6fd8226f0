"""Running a transaction again when it lost a race with another writer."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

# How often a change that lost a race with another writer is tried in all.
WRITE_ATTEMPTS = 5


def retried(run: Callable[[], T], lost_race: tuple[type[Exception], ...]) -> T:
    """Run a transaction; when it lost a race with another writer (`lost_race`: the database
    stayed locked, or the team changed under it) it wrote nothing, so run it again, a few times,
    after a short random pause that keeps the writers from colliding in step."""
    attempt = 1
    while True:
        try:
            return run()
        except lost_race:
            if attempt == WRITE_ATTEMPTS:
                raise
            time.sleep(random.uniform(0, 0.05 * 2**attempt))
            attempt += 1

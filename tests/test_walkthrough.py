"""Each built-in method walked from its first phase to completion through the CLI, every
loop-back taken once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Plg
from tests.walk import walk

FINAL_COUNTERS = {
    "actieonderzoek": {"cyclus": 2, "actieronde": 2},
    "lesson_study": {"onderzoeksles": 1, "cyclus": 2},
    "datateam": {"hypothese": 1, "cyclus": 2},
    "vier_vragen": {"eenheid": 2},
}


@pytest.mark.parametrize("method", sorted(FINAL_COUNTERS))
def test_walk_to_completion_taking_every_loop(plg: Plg, method: str, tmp_path: Path) -> None:
    attachment = tmp_path / "werkblad.pdf"
    attachment.write_bytes(b"%PDF-1.4 werkblad")
    team = f"Team {method}"
    plg("team", "start", team, "--method", method, "--leader", "Anna")
    walk(plg, team, attachment)
    assert plg.json("team", "show", team)["counters"] == FINAL_COUNTERS[method]

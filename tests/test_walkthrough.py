"""Each built-in method walked from its first phase to completion through the CLI, every
loop-back taken once, doing each phase's work the way a team leader would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Plg

FINAL_COUNTERS = {
    "actieonderzoek": {"cyclus": 2, "actieronde": 2},
    "lesson_study": {"onderzoeksles": 1, "cyclus": 2},
    "datateam": {"hypothese": 1, "cyclus": 2},
    "vier_vragen": {"eenheid": 2},
}


def _save(plg: Plg, team: str, ref: str, number: int, attachment: Path) -> None:
    category, _, kind = ref.partition(":")
    option = "--type" if category == "artefact" else "--kind"
    content = (
        ["--file", str(attachment)]
        if number % 3 == 0
        else ["--value", str(number)]
        if category == "evidence" and number % 3 == 1
        else ["--text", f"notes {number}"]
    )
    plg(category, "add", team, option, kind, "--title", f"{kind} {number}", *content)


def _do_the_work(plg: Plg, team: str, guards: list[dict[str, Any]], attachment: Path) -> None:
    for number, item in enumerate(plg.json("checklist", team)["items"]):
        if item["done"]:
            continue
        if item["satisfied_by"]:
            _save(plg, team, item["satisfied_by"], number, attachment)
        else:
            plg("tick", team, item["id"])
    for guard in guards:
        if guard["name"] == "min_evidence":
            kind, count = guard["params"]["kind"], guard["params"]["count"]
            visit = plg.json("team", "show", team)["visit"]
            have = sum(
                1
                for e in plg.json("evidence", "list", team)
                if e["type"] == kind and e["visit"] == visit
            )
            for number in range(have, count):
                _save(plg, team, f"evidence:{kind}", number + 10, attachment)


@pytest.mark.parametrize("method", sorted(FINAL_COUNTERS))
def test_walk_to_completion_taking_every_loop(plg: Plg, method: str, tmp_path: Path) -> None:
    attachment = tmp_path / "werkblad.pdf"
    attachment.write_bytes(b"%PDF-1.4 werkblad")
    team = f"Team {method}"
    plg("team", "start", team, "--method", method, "--leader", "Anna")
    shown = plg.json("methods", "show", method)
    loops = {(t["source"], t["trigger"]) for t in shown["transitions"] if t["trigger"] != "next"}
    guards = {(t["source"], t["trigger"]): t["guards"] for t in shown["transitions"]}
    taken: set[tuple[str, str]] = set()
    for _ in range(60):
        state = plg.json("team", "show", team)
        if state["status"] == "completed":
            break
        phase = state["phase"]
        waiting = [t for t in state["triggers"] if (phase, t) in loops - taken]
        trigger = waiting[0] if waiting else "next"
        taken.add((phase, trigger))
        _do_the_work(plg, team, guards[(phase, trigger)], attachment)
        assert plg.json("checklist", team)["complete"], (phase, trigger)
        moved = plg.json("advance", team, trigger)
        assert moved["phase"] == next(
            t["dest"]
            for t in shown["transitions"]
            if (t["source"], t["trigger"]) == (phase, trigger)
        )
    final = plg.json("team", "show", team)
    assert (final["status"], final["phase"]) == ("completed", "afgerond")
    assert loops <= taken
    assert final["counters"] == FINAL_COUNTERS[method]
    history = plg.json("history", team)
    assert [e["seq"] for e in history] == list(range(1, len(history) + 1))
    assert not [e for e in history if e["kind"] == "force"]
    assert {e["trigger"] for e in history if e["trigger"]} == {t for _, t in taken}

"""Walk a team through its method with the CLI, doing each phase's work as a team leader would,
taking every loop-back once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.conftest import Plg


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


# Every charter question as its option, answered.
CHARTER = [
    *("--deliverable", "A guide"),
    *("--question", "Why?"),
    *("--known", "Little"),
    *("--sources", "Data"),
    *("--expertise", "Anna: tests"),
    *("--experience", "Bram"),
    *("--try-first", "Feedback"),
    *("--tracking", "Observations"),
    *("--deadline", "2099-06-30"),
]


def fill_charter(plg: Plg, team: str) -> None:
    plg("charter", "set", team, *CHARTER)
    for member in plg.json("team", "members", team):
        plg("charter", "needs", team, member["person"], "Research skills")


def _case_pupils(plg: Plg, team: str, ref: str) -> None:
    """Three case pupils with an observer, a prediction, then an observation, as `ref` asks."""
    if ref == "pupils:cases":
        for pseudonym in ("Pupil A", "Pupil B", "Pupil C"):
            plg("pupil", "add", team, pseudonym, "--stands-for", "A group")
    elif ref == "pupils:observers":
        observer = plg.json("team", "members", team)[0]["person"]
        for pupil in plg.json("pupil", "list", team):
            options = ["--stands-for", "A group", "--observer", observer]
            plg("pupil", "add", team, pupil["pseudonym"], *options)
    else:
        verb = "predict" if ref == "pupils:predicted" else "observe"
        for pupil in plg.json("pupil", "list", team):
            plg("pupil", verb, team, pupil["pseudonym"], "--stage", "start", "Responds")


def _do_the_work(plg: Plg, team: str, guards: list[dict[str, Any]], attachment: Path) -> None:
    for number, item in enumerate(plg.json("checklist", team)["items"]):
        if item["done"]:
            continue
        ref = item["satisfied_by"] or ""
        if ref == "charter":
            fill_charter(plg, team)
        elif ref == "hypothesis:open":
            plg("hypothesis", "add", team, f"Hypothesis {number}")
        elif ref.startswith("pupils:"):
            _case_pupils(plg, team, ref)
        elif ref:
            _save(plg, team, ref, number, attachment)
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


def walk(plg: Plg, team: str, attachment: Path) -> set[tuple[str, str]]:
    """Walk `team` to completion; returns the (phase, trigger) moves it made."""
    method = plg.json("team", "show", team)["method"]
    shown = plg.json("methods", "show", method)
    loops = {(t["source"], t["trigger"]) for t in shown["transitions"] if t["trigger"] != "next"}
    guards = {(t["source"], t["trigger"]): t["guards"] for t in shown["transitions"]}
    dests = {(t["source"], t["trigger"]): t["dest"] for t in shown["transitions"]}
    verdicts = {(t["source"], t["trigger"]): t["fired_by"] for t in shown["transitions"]}
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
        verdict = verdicts[(phase, trigger)]
        if verdict is None:
            moved = plg.json("advance", team, trigger)
        else:
            # The move follows from the verdict on the open hypothesis.
            command = "accept" if verdict == "accepted" else "reject"
            moved = plg.json("hypothesis", command, team, "--verdict", "So it is")["team"]
        assert moved["phase"] == dests[(phase, trigger)]
    final = plg.json("team", "show", team)
    assert (final["status"], final["phase"]) == ("completed", "afgerond")
    assert loops <= taken
    history = plg.json("history", team)
    assert [e["seq"] for e in history] == list(range(1, len(history) + 1))
    assert not [e for e in history if e["kind"] == "force"]
    assert {e["trigger"] for e in history if e["trigger"]} == {t for _, t in taken}
    return taken

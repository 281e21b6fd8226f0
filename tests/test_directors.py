"""Directors: who directs which school, what they see, what they approve (a team's topic, a
person's network hours), and a school as they see it."""

from __future__ import annotations

import json
import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path

import pytest

from plg.engine.engine import Engine
from plg.engine.meetings import school_year
from plg.errors import Conflict, InvalidMethodDefinition, Refused
from plg.methods.definition import load_definition
from plg.methods.registry import Registry, Source, load_registry
from tests.conftest import Plg
from tests.test_docs import ROOT, _run_console

TEAM = "Lezen"


@pytest.fixture
def school(plg: Plg) -> Plg:
    """A school with a director, an internal team on action research, role checks on."""
    plg("project-leader", "add", "Pia")
    plg("school", "add", "De Linde")
    plg("school", "add", "De Eik")
    for person, home in [("Dora", "De Linde"), ("Anna", "De Linde"), ("Bram", "De Linde")]:
        plg("person", "add", person, "--school", home)
    plg("person", "add", "Els", "--school", "De Eik")
    plg("team", "start", TEAM, "--method", "actieonderzoek", "--school", "De Linde",
        "--leader", "Anna")  # fmt: skip
    plg("director", "add", "Dora", "--school", "De Linde")
    plg("settings", "set", "role-checks", "on")
    return Plg(plg.url, actor="Pia")


def _as(plg: Plg, person: str) -> Plg:
    return Plg(plg.url, actor=person)


def test_directors_are_added_listed_and_removed(school: Plg) -> None:
    school("director", "add", "Dora", "--school", "De Eik")
    assert school.json("director", "list") == [
        {"person": "Dora", "school": "De Eik"},
        {"person": "Dora", "school": "De Linde"},
    ]
    assert "already directs" in school.error("director", "add", "Dora", "--school", "De Eik")
    assert "Nergens" in school.error("director", "add", "Dora", "--school", "Nergens")
    school("director", "remove", "Dora", "--school", "De Eik")
    assert "does not direct" in school.error("director", "remove", "Dora", "--school", "De Eik")
    assert [d["school"] for d in school.json("director", "list")] == ["De Linde"]


def test_only_a_project_leader_adds_a_director(school: Plg) -> None:
    error = _as(school, "Dora").error("director", "add", "Anna", "--school", "De Linde")
    assert "'Dora'" in error
    assert [d["person"] for d in school.json("director", "list")] == ["Dora"]


def test_the_director_approves_the_topic_and_the_leader_cannot(school: Plg) -> None:
    anna, dora = _as(school, "Anna"), _as(school, "Dora")
    item = next(i for i in anna.json("checklist", TEAM)["items"] if i["id"] == "directie")
    assert item["approved_by"] == "director"
    assert not item["done"]
    assert "a director of the team's school" in anna.error("tick", TEAM, "directie")
    assert "a director of the team's school" in anna.error("approve", TEAM, "directie")
    view = dora.json("approve", TEAM, "directie")
    assert next(i for i in view["items"] if i["id"] == "directie")["done"]
    assert "already approved" in dora.error("approve", TEAM, "directie")
    assert "is not one a director approves" in dora.error("approve", TEAM, "schooldoel")
    # A director does not do the team's work.
    assert "'Dora'" in dora.error("tick", TEAM, "schooldoel")
    assert school.json("check")["ok"] is True
    export = json.loads(school("export", TEAM, "--format", "json").stdout)
    (approved,) = [i for i in export["visits"][-1]["checklist"] if i["id"] == "directie"]
    assert approved["ticked_by"] == "Dora"
    event = school.json("history", TEAM)[-1]
    assert (event["kind"], event["actor"], event["detail"]["item"]) == (
        "approve",
        "Dora",
        "directie",
    )


def test_a_director_of_another_school_may_not_approve(school: Plg) -> None:
    school("director", "add", "Els", "--school", "De Eik")
    assert "'Els'" in _as(school, "Els").error("approve", TEAM, "directie")


def test_a_project_leader_may_approve_and_checks_off_anyone(plg: Plg) -> None:
    plg("team", "start", TEAM, "--method", "actieonderzoek", "--school", "De Linde")
    plg("tick", TEAM, "directie")  # role checks off: the honour system, as for every action
    assert "already approved" in plg.error("approve", TEAM, "directie")


def test_a_team_on_an_older_version_keeps_its_manual_item(engine: Engine) -> None:
    """A team that started before the item was the director's keeps ticking it by hand."""
    data = load_registry().get("actieonderzoek").definition.dump()
    del data["phases"][0]["checklist"][3]["approved_by"]
    data["version"] = "1.1"
    old = load_definition(data)
    assert "approved_by" not in old.dump()["phases"][0]["checklist"][3]
    before = Registry()
    before.add(old, Source("the release before", "builtin", "1.1", "tests"))
    earlier = Engine(engine.store.url_text, actor="Pia", lang="en", methods=before)
    earlier.add_project_leader("Pia")
    earlier.start_team("Oud", "actieonderzoek", schools=["De Linde"], leader="Anna")
    earlier.close()
    engine.start_team("Nieuw", "actieonderzoek", schools=["De Linde"], leader="Anna")
    engine.set_setting("role-checks", "on")
    anna = Engine(engine.store.url_text, actor="Anna", lang="en")
    try:
        assert anna.team("Oud").row.method_version == "1.1"
        assert next(i for i in anna.tick("Oud", "directie").items if i.id == "directie").done
        with pytest.raises(Refused):
            anna.tick("Nieuw", "directie")
    finally:
        anna.close()


def test_an_item_is_approved_or_satisfied_by_a_record_not_both() -> None:
    data = load_registry().get("actieonderzoek").definition.dump()
    data["phases"][0]["checklist"][3]["satisfied_by"] = "artefact:aanleiding"
    with pytest.raises(InvalidMethodDefinition) as caught:
        load_definition(data)
    assert "approved_by" in str(caught.value.faults[0].place)


def test_the_director_approves_network_hours(school: Plg) -> None:
    school("team", "start", "Netwerk", "--method", "vier_vragen", "--kind", "network",
           "--school", "De Linde", "--school", "De Eik", "--leader", "Bram")  # fmt: skip
    school("team", "join", "Netwerk", "Els")
    today = date.today()
    year = str(school_year(today))
    school("meeting", "add", "Netwerk", "--date", today.isoformat(), "--length", "90",
           "--attendee", "Bram", "--attendee", "Els")  # fmt: skip
    dora = _as(school, "Dora")
    approved = dora.json("hours", "approve", "Bram", "--year", year)
    assert approved["hours"] == 1.5
    assert approved["by"] == "Dora"
    assert "already approved" in dora.error("hours", "approve", "Bram", "--year", year)
    # Els's home school is De Eik: not Dora's to approve.
    assert "'Dora'" in dora.error("hours", "approve", "Els", "--year", year)
    assert "'Anna'" in _as(school, "Anna").error("hours", "approve", "Bram", "--year", year)
    rows = {r["person"]: r for r in school.json("hours", "--year", year)["people"]}
    assert rows["Bram"]["approved"]["hours"] == 1.5
    assert rows["Els"]["approved"] is None
    assert "Nobody" in school.error("hours", "approve", "Nobody")


def test_the_school_shows_its_teams_and_the_staff_in_no_team(school: Plg) -> None:
    school("team", "start", "Elders", "--method", "vier_vragen", "--school", "De Eik")
    shown = school.json("school", "show", "De Linde")
    assert shown["directors"] == ["Dora"]
    assert [(t["name"], t["phase"], t["method"]) for t in shown["teams"]] == [
        (TEAM, "aanleiding", "actieonderzoek")
    ]
    assert shown["idle"] == ["Bram"]  # Anna leads the team, Dora directs the school
    out = school("school", "show", "De Linde").stdout
    assert "Bram" in out
    assert TEAM in out
    school("team", "join", TEAM, "Bram")
    assert school.json("school", "show", "De Linde")["idle"] == []
    assert "Nergens" in school.error("school", "show", "Nergens")


def test_the_school_leaves_archived_teams_out(school: Plg) -> None:
    """An archived team is not the school's work any more: not in its list, and its members
    count as in no team (as on the dashboard)."""
    school("team", "join", TEAM, "Bram")
    school("team", "archive", TEAM, "--reason", "dubbel aangemaakt")
    shown = school.json("school", "show", "De Linde")
    assert shown["teams"] == []
    assert shown["idle"] == ["Anna", "Bram"]
    assert TEAM not in school("school", "show", "De Linde").stdout
    school("team", "restore", TEAM)
    shown = school.json("school", "show", "De Linde")
    assert [t["name"] for t in shown["teams"]] == [TEAM]
    assert shown["idle"] == []


def test_a_director_sees_the_teams_of_their_schools(school: Plg) -> None:
    engine = Engine(school.url, actor="Dora", lang="en").acting("Dora", "en")
    try:
        school("team", "start", "Elders", "--method", "vier_vragen", "--school", "De Eik")
        assert [row.name for row in engine.teams(seen_by="Dora")] == [TEAM]
        school("director", "add", "Dora", "--school", "De Eik")
        assert engine.may_see("Elders")
        assert "approve" in engine.allowed(TEAM)
        assert "tick" not in engine.allowed(TEAM)
    finally:
        engine.close()


def test_the_directors_guide_runs_as_written(tmp_path: Path) -> None:
    plg = Plg(f"sqlite:///{tmp_path / 'directors.db'}")
    plg("init")
    assert _run_console(ROOT / "docs" / "directors.md", plg) >= 15
    assert plg.json("school", "show", "De Linde")["idle"] == ["Carla Smit"]


def test_hours_approved_at_once_by_two_make_one_approval(school: Plg) -> None:
    school("director", "add", "Eva", "--school", "De Linde")
    engines = [Engine(school.url, actor=who, lang="en") for who in ("Dora", "Eva")]
    start = threading.Barrier(len(engines))

    def approve(engine: Engine) -> str:
        start.wait()
        try:
            return engine.approve_hours("Bram").by
        except Refused as refused:
            return refused.key
        finally:
            engine.close()

    with ThreadPoolExecutor(len(engines)) as pool:
        said = sorted(pool.map(approve, engines))
    assert said.count("hours_approved_already") == 1
    (row,) = school.json("hours", "--person", "Bram")["people"]
    assert row["approved"]["by"] in said


def test_hours_approved_as_shown_or_not_at_all(school: Plg) -> None:
    """An approver's page showed a total: if a meeting was added since, nothing is approved."""
    school("team", "start", "Netwerk", "--method", "vier_vragen", "--kind", "network",
           "--school", "De Linde", "--school", "De Eik", "--leader", "Bram")  # fmt: skip
    today = date.today().isoformat()
    school("meeting", "add", "Netwerk", "--date", today, "--length", "60", "--attendee", "Bram")
    engine = Engine(school.url, actor="Dora", lang="en")
    try:
        [shown] = engine.school_hours("De Linde").people
        assert (shown.person, shown.network_minutes) == ("Bram", 60)
        school("meeting", "add", "Netwerk", "--date", today, "--length", "30", "--attendee", "Bram",
               "--kind", "development")  # fmt: skip
        with pytest.raises(Conflict) as changed:
            engine.approve_hours("Bram", shown=shown.network_minutes)
        assert "changed to 1.5" in changed.value.text("en")
        assert engine.school_hours("De Linde").people[0].approval is None
        assert engine.approve_hours("Bram", shown=90).minutes == 90
    finally:
        engine.close()

"""Warnings, not silence: what is allowed but likely a slip is saved, and said."""

from __future__ import annotations

from datetime import date

from plg import Engine
from tests.conftest import Plg

DAY = date(2026, 11, 2)


def test_a_meeting_warns_about_what_may_be_a_slip(engine: Engine) -> None:
    engine.set_setting("hours-budget", "10")
    engine.start_team(
        "Net", "vier_vragen", kind="network", schools=["De Linde", "Het Anker"], leader="Carla"
    )
    engine.join("Net", "Carla", "leader", since=date(2026, 9, 1))
    first = engine.add_meeting("Net", DAY, 90, ["carla"])
    assert first.warnings == ()
    assert first.attendees == ("Carla",)
    assert "warnings" not in first.to_json()
    again = engine.add_meeting("Net", DAY, 12 * 60, ["Carla"])
    assert len(again.warnings) == 3
    same_day, long, budget = again.warnings
    assert "already had a meeting on 2026-11-02" in same_day
    assert "12 hours" in long
    assert "Carla has now spent 13.5 hours" in budget
    assert "budget of 10" in budget
    # Saved all the same.
    assert len(engine.meetings("Net")) == 2


def test_warnings_go_to_stderr_and_into_the_json(plg: Plg) -> None:
    plg("team", "start", "Lezen", "--method", "vier_vragen", "--leader", "Anna")
    plg("team", "join", "Lezen", "anna", "--role", "leader", "--since", "1-9-2026")
    add = ("meeting", "add", "Lezen", "--date", "2026-11-02", "--attendee", "Anna")
    assert "Warning" not in plg(*add, "--length", "1u").stderr
    shown = plg(*add, "--length", "9 uur").stderr
    assert "Warning: 'Lezen' already had a meeting on 2026-11-02" in shown
    assert "Warning: This meeting lasted 9 hours" in shown
    plg.lang = "nl"
    warned = plg.json(*add, "--length", "90")
    assert warned["warnings"] == [
        "'Lezen' had op 2026-11-02 al een overleg; is dit overleg twee keer ingevoerd?"
    ]


def test_a_start_says_what_it_added_and_a_past_deadline(engine: Engine) -> None:
    engine.add_school("De Linde")
    started = engine.start_team(
        "Lezen", "vier_vragen", schools=["Het Anker"], leader="Bram", deadline=date(2020, 6, 30)
    )
    assert started.warnings == (
        "School 'Het Anker' was not known yet: it has been added.",
        "'Bram' was not known yet: added as a new person.",
        "The deadline 2020-06-30 has already passed.",
    )
    assert started.to_json()["warnings"] == list(started.warnings)
    again = engine.start_team("Taal", "vier_vragen", schools=["het anker"], leader="bram")
    assert again.warnings == ()
    assert "warnings" not in again.to_json()
    assert engine.set_deadline("Taal", date(2020, 1, 1)).warnings == (
        "The deadline 2020-01-01 has already passed.",
    )


def test_a_start_warns_on_stderr(plg: Plg) -> None:
    plg.lang = "nl"
    shown = plg(
        "team",
        "start",
        "Lezen",
        "--method",
        "vier_vragen",
        "--school",
        "De Linde",
        "--deadline",
        "1-1-2020",
    ).stderr
    assert "Warning: School 'De Linde' was nog niet bekend: die is toegevoegd." in shown
    assert "Warning: De einddatum 2020-01-01 is al voorbij." in shown


def test_a_meeting_kind_is_taken_by_its_id_or_its_name(plg: Plg) -> None:
    plg("team", "start", "Lezen", "--method", "vier_vragen", "--leader", "Anna")
    add = (
        "meeting",
        "add",
        "Lezen",
        "--date",
        "30-11-2026",
        "--length",
        "1u",
        "--attendee",
        "anna",
    )
    plg("team", "join", "Lezen", "Anna", "--role", "leader", "--since", "2026-09-01")
    assert plg.json(*add, "--kind", "Start conversation")["kind"] == "start"
    plg.lang = "nl"
    assert plg.json(*add, "--kind", "ontwikkelgesprek")["kind"] == "development"
    assert "is geen soort bijeenkomst" in plg.error(*add, "--kind", "feestje")


def test_a_charter_deadline_that_passed_is_warned_about(plg: Plg) -> None:
    plg("team", "start", "Lezen", "--method", "vier_vragen", "--no-charter")
    shown = plg("charter", "set", "Lezen", "--deadline", "30-06-2020")
    assert "Warning: The deadline 2020-06-30 has already passed." in shown.stderr
    warned = plg.json("charter", "set", "Lezen", "--deadline", "2020-07-01")
    assert warned["warnings"] == ["The deadline 2020-07-01 has already passed."]
    assert "warnings" not in plg.json("charter", "set", "Lezen", "--deliverable", "Een plan")

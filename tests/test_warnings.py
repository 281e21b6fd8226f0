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

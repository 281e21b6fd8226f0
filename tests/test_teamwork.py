"""What a team agrees, decides and spends: the charter, the hypothesis register, meetings and
the hours they give, through the CLI and the engine."""

from __future__ import annotations

import json
import string
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plg import Engine, InvalidInput, PlgError
from plg.engine.inputs import minutes_of, school_year_of
from plg.engine.pupils import looks_like_a_name
from tests.conftest import Plg
from tests.walk import fill_charter

FIRST_PHASES = {
    "actieonderzoek": "aanleiding",
    "datateam": "probleemdefinitie",
    "lesson_study": "voorbereiden",
    "vier_vragen": "leren",
}


def _charter_item(plg: Plg, team: str) -> dict[str, object]:
    return next(i for i in plg.json("checklist", team)["items"] if i["id"] == "charter")


@pytest.mark.parametrize("method", sorted(FIRST_PHASES))
def test_a_complete_charter_ticks_the_first_phase(plg: Plg, method: str) -> None:
    plg("team", "start", "T", "--method", method, "--leader", "Anna")
    assert plg.json("team", "show", "T")["phase"] == FIRST_PHASES[method]
    assert _charter_item(plg, "T")["done"] is False
    error = plg.error("tick", "T", "charter")
    assert (
        "ticked by a complete team charter (charter), not by hand. Use 'plg charter set'" in error
    )
    fill_charter(plg, "T")
    assert _charter_item(plg, "T")["done"] is True
    shown = plg.json("charter", "show", "T")
    assert shown["complete"] is True
    assert shown["missing"] == []
    assert shown["deadline"] == "2099-06-30"
    assert shown["needs"] == [{"person": "Anna", "role": "leader", "needs": "Research skills"}]
    # The charter's deadline is the team's: the overview's overdue rule reads it.
    assert plg.json("team", "show", "T")["deadline"] == "2099-06-30"


def test_the_charter_tells_what_is_missing_and_keeps_up_with_the_members(plg: Plg) -> None:
    plg("team", "start", "T", "--method", "datateam", "--leader", "Anna")
    empty = plg.json("charter", "show", "T")
    assert empty["complete"] is False
    assert empty["missing"] == [
        "deliverable",
        "question",
        "known",
        "sources",
        "expertise",
        "experience",
        "try_first",
        "tracking",
        "deadline",
        "needs:Anna",
    ]
    assert [a["id"] for a in empty["answers"]] == empty["missing"][:8]
    partial = plg.json("charter", "set", "T", "--question", "  Why do pupils stall?  ")
    assert partial["answers"][1]["answer"] == "Why do pupils stall?"
    assert "Still open: --deliverable, --known," in plg("charter", "show", "T").stdout
    fill_charter(plg, "T")
    assert plg.json("charter", "show", "T")["complete"] is True
    # A new member's learning needs are part of the charter; a facilitator's are not asked.
    plg("team", "join", "T", "Bram")
    plg("team", "join", "T", "Carla", "--role", "facilitator")
    assert plg.json("charter", "show", "T")["missing"] == ["needs:Bram"]
    assert _charter_item(plg, "T")["done"] is False
    plg("charter", "needs", "T", "Bram", "Reading data")
    assert _charter_item(plg, "T")["done"] is True
    # Who leaves keeps the needs they gave, shown without a role.
    plg("team", "leave", "T", "Bram")
    needs = {n["person"]: n for n in plg.json("charter", "show", "T")["needs"]}
    assert needs["Bram"] == {"person": "Bram", "role": "", "needs": "Reading data"}
    # An empty answer clears it; clearing the deadline makes it incomplete too.
    assert plg.json("charter", "set", "T", "--known", "")["missing"] == ["known"]
    plg("charter", "set", "T", "--known", "Some")
    plg("team", "deadline", "T", "--clear")
    assert plg.json("charter", "show", "T")["missing"] == ["deadline"]
    kinds = [e["kind"] for e in plg.json("history", "T")]
    assert kinds.count("charter") == 4
    assert kinds.count("needs") == 2


def test_charter_errors_are_one_line_and_change_nothing(plg: Plg) -> None:
    plg("team", "start", "T", "--method", "datateam", "--leader", "Anna")
    before = plg.json("history", "T")
    assert "nothing to save: no answer and no deadline" in plg.error("charter", "set", "T")
    assert "'Zoe' is not in team 'T'" in plg.error("charter", "needs", "T", "Zoe", "x")
    assert "at most 5000 characters" in plg.error("charter", "set", "T", "--known", "x" * 5001)
    assert "There is no team 'U'" in plg.error("charter", "set", "U", "--known", "x")
    assert plg.json("history", "T") == before


def test_team_start_asks_the_charter(plg: Plg) -> None:
    answers = "\n".join(["A guide", "Why?", "", "", "", "", "", "", "2027-13-01", "2027-06-30"])
    result = plg(
        "team",
        "start",
        "T",
        "--method",
        "datateam",
        "--leader",
        "Anna",
        "--charter",
        input=answers + "\n",
    )
    assert "What will the team deliver?" in result.stdout
    shown = plg.json("charter", "show", "T")
    assert [a["answer"] for a in shown["answers"][:3]] == ["A guide", "Why?", None]
    # A day that does not exist is asked again.
    assert shown["deadline"] == "2027-06-30"


def _to_interpretation(plg: Plg, team: str) -> None:
    """Do the datateam's work up to the interpretation, with an open hypothesis."""
    fill_charter(plg, team)
    for kind in ("artefact", "evidence"):
        ref = "probleemdefinitie" if kind == "artefact" else "dataset"
        option = "--type" if kind == "artefact" else "--kind"
        plg(kind, "add", team, option, ref, "--title", "x", "--text", "x")
    plg("tick", team, "meetbaar")
    plg("advance", team)
    plg("hypothesis", "add", team, "Pupils misread the problem")
    plg("tick", team, "toetsbaar")
    plg("advance", team)
    plg("evidence", "add", team, "--kind", "dataset", "--title", "d", "--value", "3")
    plg("tick", team, "herkomst")
    plg("tick", team, "zonder_namen")
    plg("advance", team)
    plg("artefact", "add", team, "--type", "kwaliteitsoordeel", "--title", "q", "--text", "ok")
    plg("tick", team, "betrouwbaar")
    plg("tick", team, "valide")
    plg("advance", team)
    plg("artefact", "add", team, "--type", "analyse", "--title", "a", "--text", "r")
    plg("tick", team, "werkwijze")
    plg("tick", team, "besproken")
    plg("advance", team)
    assert plg.json("team", "show", team)["phase"] == "interpretatie"


def test_the_verdict_on_a_hypothesis_moves_the_datateam(plg: Plg) -> None:
    plg("team", "start", "T", "--method", "datateam", "--leader", "Anna")
    _to_interpretation(plg, "T")
    # Only the verdict makes these moves, so that the register and the phase agree.
    assert "follows from rejecting the open hypothesis" in plg.error("advance", "T", "verwerpen")
    assert "follows from accepting the open hypothesis" in plg.error("advance", "T")
    assert "is still testing an open hypothesis" in plg.error("hypothesis", "add", "T", "Other")
    # The guards still hold: without the conclusion the team cannot move, nor the register.
    error = plg.error("hypothesis", "reject", "T", "--verdict", "No link")
    assert "cannot move on with 'verwerpen' yet" in error
    assert plg.json("hypothesis", "list", "T")[0]["status"] == "open"
    plg("artefact", "add", "T", "--type", "conclusie", "--title", "c", "--text", "none")
    plg("tick", "T", "onderbouwd")
    rejected = plg.json("hypothesis", "reject", "T", "--verdict", "No link", "--data", "Test 3")
    assert rejected["hypothesis"]["status"] == "rejected"
    assert rejected["team"]["phase"] == "hypothesen"
    assert rejected["team"]["counters"]["hypothese"] == 2
    [first] = plg.json("hypothesis", "list", "T")
    assert (first["number"], first["verdict"], first["data"]) == (1, "No link", "Test 3")
    assert first["decided_at"] is not None
    # The new round needs a new open hypothesis; a verdict belongs to the interpretation.
    item = next(i for i in plg.json("checklist", "T")["items"] if i["id"] == "hypothese")
    assert item["done"] is False
    assert "has no open hypothesis" in plg.error("hypothesis", "accept", "T", "--verdict", "x")
    plg("hypothesis", "add", "T", "The instruction is too short")
    assert "is still testing an open hypothesis" in plg.error("hypothesis", "add", "T", "x")
    error = plg.error("hypothesis", "accept", "T", "--verdict", "x")
    assert "gives its verdict on a hypothesis in phase: Interpret and conclude" in error
    plg("tick", "T", "toetsbaar")
    for trigger in ("next", "next", "next", "next"):
        _finish(plg, "T")
        plg("advance", "T", trigger)
    _finish(plg, "T")
    accepted = plg.json("hypothesis", "accept", "T", "--verdict", "Confirmed")
    assert accepted["team"]["phase"] == "maatregelen"
    statuses = [(h["number"], h["status"]) for h in plg.json("hypothesis", "list", "T")]
    assert statuses == [(1, "rejected"), (2, "accepted")]
    history = plg.json("history", "T")
    assert [e["trigger"] for e in history if e["kind"] == "advance"][-2:] == ["next", "next"]
    assert [e["kind"] for e in history].count("verdict") == 2
    assert plg("check").exit_code == 0


def _finish(plg: Plg, team: str) -> None:
    """Tick and save what the datateam's current phase still asks."""
    for item in plg.json("checklist", team)["items"]:
        ref = item["satisfied_by"]
        if item["done"]:
            continue
        if ref is None:
            plg("tick", team, item["id"])
        elif ref.startswith(("artefact:", "evidence:")):
            kind, _, which = ref.partition(":")
            option = "--type" if kind == "artefact" else "--kind"
            plg(kind, "add", team, option, which, "--title", "x", "--text", "x")


def test_a_verdict_outside_a_move_only_changes_the_register(plg: Plg) -> None:
    # Action research has no moves made by a verdict: the register is kept, the phase stays.
    plg("team", "start", "T", "--method", "actieonderzoek")
    plg("hypothesis", "add", "T", "Feedback helps")
    decided = plg.json("hypothesis", "accept", "T", "--verdict", "It did")
    assert decided["team"] is None
    assert plg.json("team", "show", "T")["phase"] == "aanleiding"
    assert (
        "│ 1   │ accepted │ Feedback helps │      │ It did  │"
        in plg("hypothesis", "list", "T").stdout
    )
    assert "Hypothesis 2 of 'T' is in the register." in plg("hypothesis", "add", "T", "More").stderr


def test_meetings_count_hours_for_their_attendees(db_url: str) -> None:
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    engine = Engine(db_url, lang="en", clock=lambda: now)
    engine.init()
    engine.start_team("Net", "lesson_study", schools=["A", "B"], kind="network")
    engine.start_team("Team", "datateam", schools=["A"])
    since = date(2025, 9, 1)
    for team, person, role in (
        ("Net", "Carla", "leader"),
        ("Net", "Bram", "member"),
        ("Net", "Dina", "member"),
        ("Team", "Anna", "leader"),
        ("Team", "Bram", "member"),
    ):
        engine.join(team, person, role, since=since)
    engine.add_meeting("Net", date(2026, 9, 10), 120, ["Carla", "Bram"], kind="start")
    engine.add_meeting("Net", date(2026, 10, 1), 90, ["Carla", "Bram", "Dina", "Bram"])
    engine.add_meeting("Team", date(2026, 10, 2), 60, ["Bram", "Anna"])
    # Last school year, and one still to come: neither counts for this year.
    engine.add_meeting("Net", date(2026, 7, 31), 60, ["Carla"])
    engine.add_meeting("Net", date(2026, 12, 3), 60, ["Carla"])
    meetings = engine.meetings("Net")
    assert [(m.held_on, m.kind, m.attendees) for m in meetings] == [
        (date(2026, 7, 31), "meeting", ("Carla",)),
        (date(2026, 9, 10), "start", ("Bram", "Carla")),
        (date(2026, 10, 1), "meeting", ("Bram", "Carla", "Dina")),
        (date(2026, 12, 3), "meeting", ("Carla",)),
    ]
    assert {m.phase for m in meetings} == {"voorbereiden"}
    assert [r.to_json() for r in engine.hours().people] == [
        _row("Anna", 1.0, 0, 1.0, 1, None, None),
        _row("Bram", 4.5, 3.5, 1.0, 3, 25, 21.5),
        _row("Carla", 3.5, 3.5, 0, 2, 25, 21.5),
        _row("Dina", 1.5, 1.5, 0, 1, 25, 23.5),
    ]
    assert [r.to_json() for r in engine.hours(year=2025).people] == [
        _row("Bram", 0, 0, 0, 0, 25, 25),
        _row("Carla", 1.0, 1.0, 0, 1, 25, 24.0),
        _row("Dina", 0, 0, 0, 0, 25, 25),
    ]
    engine.set_setting("hours-budget", "40")
    assert [r.to_json() for r in engine.hours(person="Dina").people] == [
        _row("Dina", 1.5, 1.5, 0, 1, 40, 38.5)
    ]
    engine.close()


def test_a_meeting_before_someone_left_still_counts_them(db_url: str) -> None:
    now = datetime(2026, 11, 25, 12, tzinfo=UTC)
    engine = Engine(db_url, lang="en", clock=lambda: now)
    engine.init()
    engine.start_team("Net", "vier_vragen", schools=["A", "B"], kind="network")
    engine.join("Net", "Bram", since=date(2026, 9, 1))
    engine.leave("Net", "Bram", on=date(2026, 10, 15))
    engine.add_meeting("Net", date(2026, 10, 15), 60, ["Bram"])
    with pytest.raises(InvalidInput, match="'Bram' was not a member of team 'Net' on 2026-10-16"):
        engine.add_meeting("Net", date(2026, 10, 16), 60, ["Bram"])
    with pytest.raises(InvalidInput, match="on 2026-08-31"):
        engine.add_meeting("Net", date(2026, 8, 31), 60, ["Bram"])
    # Back in November: both stays count, the gap between them does not.
    engine.join("Net", "Bram", since=date(2026, 11, 1))
    engine.add_meeting("Net", date(2026, 11, 2), 30, ["Bram"])
    with pytest.raises(InvalidInput, match="on 2026-10-20"):
        engine.add_meeting("Net", date(2026, 10, 20), 60, ["Bram"])
    [bram] = engine.hours(person="Bram").people
    assert (bram.network_minutes, bram.meetings, bram.budget) == (90, 2, 25)
    engine.close()


def _row(
    person: str,
    hours: float,
    network: float,
    team: float,
    meetings: int,
    budget: int | None,
    left: float | None,
) -> dict[str, object]:
    return {
        "person": person,
        "hours": hours,
        "network_hours": network,
        "team_hours": team,
        "meetings": meetings,
        "budget": budget,
        "left": left,
        "approved": None,
    }


def test_meetings_and_hours_through_the_cli(plg: Plg) -> None:
    plg("team", "start", "T", "--method", "vier_vragen", "--leader", "Anna")
    plg("team", "join", "T", "Bram", "--since", "2026-01-05")
    # The leader began before the team was entered: the day they joined is corrected.
    assert "'Anna' was not a member" in plg.error(
        "meeting", "add", "T", "--date", "2026-02-01", "--length", "60", "--attendee", "Anna"
    )
    plg("team", "join", "T", "Anna", "--role", "leader", "--since", "2025-09-01")
    added = plg.json(
        "meeting",
        "add",
        "T",
        "--date",
        "2026-02-01",
        "--length",
        "1h30",
        "--attendee",
        "Anna",
        "--attendee",
        "Bram",
        "--kind",
        "evaluation",
        "--agenda",
        "Results",
        "--notes",
        "Went well",
    )
    assert (added["minutes"], added["attendees"], added["kind"]) == (
        90,
        ["Anna", "Bram"],
        "evaluation",
    )
    assert added["agenda"] == "Results"
    assert added["notes"] == "Went well"
    table = plg("meeting", "list", "T").stdout
    # The phase by its title; the JSON keeps its id.
    row = "│ 2026-02-01 │ evaluation conversation │ 90      │ What do we want pupils to learn? │"
    assert f"{row} Anna, Bram │ Results │" in table
    shown = plg.json("hours", "--year", "2025-2026")
    assert shown["year"] == "2025-2026"
    assert shown["budget"] == 25
    assert [(p["person"], p["team_hours"]) for p in shown["people"]] == [
        ("Anna", 1.5),
        ("Bram", 1.5),
    ]
    assert "Hours in school year 2025-2026" in plg("hours", "--year", "2025").stdout
    assert "No hours in this school year." in plg("hours", "--year", "2001").stderr


_MEETING = {"--date": "2026-02-01", "--length": "60", "--attendee": "Anna"}


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        ({"--length": "0"}, "A meeting lasts more than 0 and at most 720 minutes"),
        ({"--length": "-30"}, "A meeting lasts more than 0"),
        ({"--length": "13h"}, "at most 720 minutes"),
        ({"--length": "lang"}, "write 90, 90m, 1h30 or 1.5h"),
        ({"--date": "2999-01-01"}, "2999-01-01 cannot be the day of a meeting"),
        ({"--date": "1999-12-31"}, "cannot be the day of a meeting"),
        ({"--attendee": "Zoe"}, "'Zoe' was not a member of team 'T' on 2026-02-01"),
        ({"--attendee": "Bram", "--date": "2026-01-04"}, "'Bram' was not a member"),
        ({"--attendee": None}, "Name who attended with --attendee"),
        ({"--kind": "party"}, "'party' is not a kind of meeting"),
    ],
)
def test_a_wrong_meeting_is_one_error_line(
    plg: Plg, changed: dict[str, str | None], message: str
) -> None:
    plg("team", "start", "T", "--method", "vier_vragen", "--leader", "Anna")
    plg("team", "join", "T", "Bram", "--since", "2026-01-05")
    plg("team", "join", "T", "Anna", "--role", "leader", "--since", "2025-01-01")
    before = plg.json("history", "T")
    options = {**_MEETING, **changed}
    line = [part for key, value in options.items() if value is not None for part in (key, value)]
    assert message in plg.error("meeting", "add", "T", *line)
    assert plg.json("history", "T") == before
    assert plg.json("meeting", "list", "T") == []


def test_hours_errors(plg: Plg) -> None:
    assert "is not a school year: write 2025 or 2025-2026" in plg.error(
        "hours", "--year", "2025-2027"
    )
    assert "Nobody called 'Zoe' is known" in plg.error("hours", "--person", "Zoe")
    # Nobody met yet: a friendly empty table, not an error.
    empty = plg("hours")
    assert "No hours in this school year." in empty.stderr
    assert empty.stdout == ""


@given(minutes=st.integers(min_value=1, max_value=720))
def test_lengths_read_as_written(minutes: int) -> None:
    hours, rest = divmod(minutes, 60)
    assert minutes_of(str(minutes)) == minutes
    assert minutes_of(f"{minutes}m") == minutes
    assert minutes_of(f"{hours}h{rest:02d}") == minutes
    assert minutes_of(f"{hours}u{rest:02d}") == minutes  # the page's Dutch label says 1u30
    assert minutes_of(f"{hours}:{rest:02d}") == minutes
    assert minutes_of(f"{minutes / 60:.4f}h") == minutes


@given(text=st.text(max_size=12))
def test_any_length_text_is_read_or_refused(text: str) -> None:
    # Whatever is typed: a length, or the one error that says how to write one.
    try:
        minutes = minutes_of(text)
    except InvalidInput as error:
        assert error.key == "meeting_length_invalid"  # noqa: PT017 (its key, not its text)
    else:
        assert isinstance(minutes, int)
        assert minutes >= 0


@given(year=st.integers(min_value=1000, max_value=9998))
def test_school_years(year: int) -> None:
    assert school_year_of(str(year)) == year
    assert school_year_of(f"{year}-{year + 1}") == year
    with pytest.raises(InvalidInput):
        school_year_of(f"{year}-{year + 2}")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    length=st.integers(min_value=-100, max_value=900),
    days=st.integers(min_value=-10000, max_value=1000),
    attendees=st.lists(st.sampled_from(["Anna", "Bram", "Zoe", " ", "A\x00"]), max_size=4),
)
def test_random_meetings_are_kept_exactly_or_refused_whole(
    engine: Engine, length: int, days: int, attendees: list[str]
) -> None:
    if not engine.teams():
        engine.start_team("R", "vier_vragen", leader="Anna")  # Anna is a member from today
        engine.join("R", "Bram", since=date(2000, 1, 1))
    before = engine.meetings("R")
    today = engine.clock().date()
    held_on = date.fromordinal(today.toordinal() + days)
    members = {"Bram"} | ({"Anna"} if held_on >= today else set())
    valid = (
        0 < length <= 720
        and date(2000, 1, 1) <= held_on <= date.fromordinal(today.toordinal() + 366)
        and bool(attendees)
        and set(attendees) <= members
    )
    try:
        added = engine.add_meeting("R", held_on, length, attendees)
    except PlgError:
        assert not valid
        assert engine.meetings("R") == before
        return
    assert valid
    assert (added.held_on, added.minutes, added.attendees) == (
        held_on,
        length,
        tuple(sorted(set(attendees))),
    )
    assert added in engine.meetings("R")
    assert len(engine.meetings("R")) == len(before) + 1


def _to_lesson_design(plg: Plg, team: str) -> None:
    plg("team", "start", team, "--method", "lesson_study", "--leader", "Anna")
    plg("team", "join", team, "Bram")
    plg("advance", team, "--force", "--reason", "prepared on paper")
    plg("advance", team, "--force", "--reason", "studied on paper")
    assert plg.json("team", "show", team)["phase"] == "ontwerpen"


def _items(plg: Plg, team: str) -> dict[str, bool]:
    return {i["id"]: i["done"] for i in plg.json("checklist", team)["items"]}


def test_case_pupils_tick_the_lesson_design_and_the_observations(plg: Plg) -> None:
    _to_lesson_design(plg, "LS")
    assert "No case pupils in this research lesson yet." in plg("pupil", "list", "LS").stderr
    # A name that looks real is kept, with a warning: the team renames it at once.
    added = plg("pupil", "add", "LS", "Sanne de Vries", "--stands-for", "Fast readers")
    assert "Warning: 'Sanne de Vries' looks like a real name" in added.stderr
    assert "Pseudonyms only" in added.stderr
    plg("pupil", "rename", "LS", "Sanne de Vries", "Pupil A")
    history = json.dumps(plg.json("history", "LS"))
    assert "Sanne" not in history  # events name case pupils by number only
    quiet = plg("pupil", "add", "LS", "Pupil B", "--stands-for", "Slow starters")
    assert "Warning" not in quiet.stderr
    assert _items(plg, "LS")["casusleerlingen"] is True
    assert _items(plg, "LS")["voorspellingen"] is False
    for pupil in ("Pupil A", "Pupil B"):
        for stage in ("start", "instruction"):
            plg("pupil", "predict", "LS", pupil, "--stage", stage, f"{pupil} waits at {stage}")
    assert _items(plg, "LS")["voorspellingen"] is True
    assert _items(plg, "LS")["observatoren"] is False
    error = plg.error("pupil", "add", "LS", "Pupil A", "--stands-for", "x", "--observer", "Zoe")
    assert "'Zoe' is not in team 'LS'" in error
    plg("pupil", "add", "LS", "Pupil A", "--stands-for", "Fast readers", "--observer", "Anna")
    plg("pupil", "add", "LS", "Pupil B", "--stands-for", "Slow starters", "--observer", "Bram")
    assert _items(plg, "LS")["observatoren"] is True
    plg("artefact", "add", "LS", "--type", "lesplan", "--title", "Plan", "--text", "x")
    plg("advance", "LS")
    # Teach and observe: an observation stands beside a prediction.
    error = plg.error("pupil", "observe", "LS", "Pupil A", "--stage", "close", "Left early")
    assert "Nothing was predicted for 'Pupil A' in stage 'close'" in error
    for pupil in ("Pupil A", "Pupil B"):
        plg("pupil", "observe", "LS", pupil, "--stage", "start", "Began at once")
    assert _items(plg, "LS")["observaties"] is False
    plg("pupil", "observe", "LS", "Pupil A", "--stage", "instruction", "Asked twice")
    plg("pupil", "observe", "LS", "Pupil B", "--stage", "instruction", "Listened")
    assert _items(plg, "LS")["observaties"] is True
    first, second = plg.json("pupil", "list", "LS")
    assert second["observer"] == "Bram"
    assert first == {
        "lesson": 1,
        "pseudonym": "Pupil A",
        "stands_for": "Fast readers",
        "observer": "Anna",
        "stages": [
            {"stage": "start", "predicted": "Pupil A waits at start", "observed": "Began at once"},
            {
                "stage": "instruction",
                "predicted": "Pupil A waits at instruction",
                "observed": "Asked twice",
            },
        ],
    }
    table = plg("pupil", "list", "LS").stdout
    assert "│ 1      │ Pupil B    │ Slow starters │ Bram     │ start       │" in table
    # The meeting sheet shows them too: the reflect phase puts predictions beside observations.
    sheet = plg("checklist", "LS").stdout
    assert "- Pupil A (Fast readers; Observer: Anna)" in sheet
    assert "  instruction: Predicted Pupil A waits at instruction · Observed Asked twice" in sheet
    row = "| Pupil B | Slow starters | Bram | start | Pupil B waits at start | Began at once |"
    assert row in plg("checklist", "LS", "--format", "md").stdout
    assert "<td>Asked twice</td>" in plg("checklist", "LS", "--format", "html").stdout
    # Revise and re-teach: lesson 2 has case pupils of its own; lesson 1 stays as it was.
    plg("advance", "LS", "--force", "--reason", "done")  # interviews left out
    plg("advance", "LS", "herontwerpen", "--force", "--reason", "again")
    assert plg.json("pupil", "list", "LS") == []
    assert len(plg.json("pupil", "list", "LS", "--lesson", "1")) == 2
    assert "There is no research lesson 3: the team is at lesson 2" in plg.error(
        "pupil", "list", "LS", "--lesson", "3"
    )
    assert _items(plg, "LS")["casusleerlingen"] is False
    exported = json.loads(plg("export", "LS", "--format", "json").stdout)
    assert [p["pseudonym"] for p in exported["pupils"]] == ["Pupil A", "Pupil B"]
    assert plg("check").exit_code == 0


def test_pupil_errors_are_one_line(plg: Plg) -> None:
    _to_lesson_design(plg, "LS")
    before = plg.json("history", "LS")
    assert "1 to 60 visible characters" in plg.error(
        "pupil", "add", "LS", "x" * 61, "--stands-for", "g"
    )
    assert "Write the response in 1 to 5000" in plg.error(
        "pupil", "add", "LS", "Pupil A", "--stands-for", " "
    )
    assert "has no case pupil 'Pupil Z'" in plg.error(
        "pupil", "predict", "LS", "Pupil Z", "--stage", "start", "x"
    )
    plg("pupil", "add", "LS", "Pupil A", "--stands-for", "g")
    plg("pupil", "add", "LS", "Pupil B", "--stands-for", "g")
    assert "already has a case pupil 'Pupil B'" in plg.error(
        "pupil", "rename", "LS", "Pupil A", "Pupil B"
    )
    assert "A lesson stage has 1 to 60" in plg.error(
        "pupil", "predict", "LS", "Pupil A", "--stage", "", "x"
    )
    assert len(plg.json("history", "LS")) == len(before) + 2
    # A rename to what looks like a real name gets the same warning.
    renamed = plg("pupil", "rename", "LS", "Pupil B", "Fatima El Amrani")
    assert "Warning: 'Fatima El Amrani' looks like a real name" in renamed.stderr
    quiet = plg("pupil", "rename", "LS", "Fatima El Amrani", "Pupil B")
    assert "Warning" not in quiet.stderr


@given(
    first=st.text(alphabet=string.ascii_uppercase, min_size=1, max_size=1),
    rest=st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=10),
    last=st.text(alphabet=string.ascii_lowercase, min_size=1, max_size=10),
)
def test_two_capitalised_words_look_like_a_name(first: str, rest: str, last: str) -> None:
    assert looks_like_a_name(f"{first}{rest} {first}{last}")
    assert looks_like_a_name(f"{first}{rest} van der {first}{last}")
    assert not looks_like_a_name(f"{first}{rest}")
    assert not looks_like_a_name(f"{first}{rest} {first}")  # "Pupil A"
    assert not looks_like_a_name(f"{first.lower()}{rest} {last}")


hostile = st.text(st.characters(exclude_categories=()), max_size=80)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(answer=hostile, needs=hostile, hypothesis=hostile, verdict=hostile)
def test_any_text_is_kept_exactly_or_refused_whole(
    engine: Engine, answer: str, needs: str, hypothesis: str, verdict: str
) -> None:
    if not engine.teams():
        engine.start_team("H", "actieonderzoek", leader="Anna")
    before = engine.history("H")
    try:
        shown = engine.set_charter("H", {"known": answer})
    except InvalidInput:
        assert engine.history("H") == before
    else:
        assert shown.answers[2][2] == (answer.strip() or None)
    try:
        kept = engine.set_need("H", "Anna", needs)
    except InvalidInput:
        pass
    else:
        assert {n.person: n.needs for n in kept.needs}["Anna"] == (needs.strip() or None)
    before = engine.history("H")
    try:
        proposed = engine.propose("H", hypothesis)
    except InvalidInput:
        assert engine.history("H") == before
        return
    assert proposed.text == hypothesis.strip()
    try:
        decided = engine.decide("H", "rejected", verdict)
    except InvalidInput:
        engine.decide("H", "rejected", "cleaned up")
        return
    assert decided.hypothesis.verdict == verdict.strip()
    assert engine.hypotheses("H")[-1].status == "rejected"


def test_every_new_command_prints_the_json_shape_of_the_contract(plg: Plg) -> None:
    """The keys docs/cli.md promises, for each of the commands around the phases."""
    _to_lesson_design(plg, "LS")
    pupil = plg.json("pupil", "add", "LS", "Pupil A", "--stands-for", "g", "--observer", "Bram")
    noted = plg.json("pupil", "predict", "LS", "Pupil A", "--stage", "start", "Waits")
    renamed = plg.json("pupil", "rename", "LS", "Pupil A", "Pupil Z")
    for shown in (pupil, noted, renamed, *plg.json("pupil", "list", "LS")):
        assert set(shown) == {"lesson", "pseudonym", "stands_for", "observer", "stages"}
    assert noted["stages"] == [{"stage": "start", "predicted": "Waits", "observed": None}]
    today = datetime.now(UTC).date().isoformat()  # Anna leads from today, when it started
    meeting = plg.json(
        "meeting", "add", "LS", "--date", today, "--length", "1", "--attendee", "Anna"
    )
    assert set(meeting) == {
        "id",
        "held_on",
        "minutes",
        "kind",
        "phase",
        "attendees",
        "agenda",
        "notes",
    }
    assert plg.json("meeting", "list", "LS") == [meeting]
    hypothesis = plg.json("hypothesis", "add", "LS", "H")
    assert set(hypothesis) == {
        "number",
        "text",
        "status",
        "data",
        "verdict",
        "proposed_at",
        "decided_at",
    }
    decided = plg.json("hypothesis", "reject", "LS", "--verdict", "No")
    assert set(decided) == {"hypothesis", "team"}
    assert decided["team"] is None
    charter = plg.json("charter", "show", "LS")
    assert set(charter) == {"team", "answers", "deadline", "needs", "complete", "missing"}
    assert set(charter["answers"][0]) == {"id", "question", "answer"}
    hours = plg.json("hours")
    assert set(hours) == {"year", "from", "to", "budget", "people"}
    assert set(plg.json("settings")) == {
        "role-checks",
        "max-file-mb",
        "hours-budget",
        "session-hours",
        "session-days",
        "invite-days",
    }
    move = plg.json("team", "show", "LS")["moves"][0]
    assert set(move) == {"trigger", "dest", "title", "ready", "blocking", "fired_by"}

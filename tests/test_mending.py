"""Mending mistakes (docs/mending.md): removing and restoring records and meetings, editing a
meeting, renaming and archiving a team, purging for good; each an event with who and why,
through the CLI and the engine."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plg import Engine
from plg.engine.inputs import Content
from plg.engine.meetings import MeetingFields
from plg.errors import Conflict, InvalidInput
from tests.conftest import Plg, sql

TEAM = "Lezen"
DAY = "2026-10-01"


@pytest.fixture
def team(plg: Plg) -> Plg:
    plg("team", "start", TEAM, "--method", "vier_vragen", "--leader", "Anna", "--no-charter")
    plg("team", "join", TEAM, "Anna", "--role", "leader", "--since", "2026-09-01")
    plg("team", "join", TEAM, "Bram", "--since", "2026-09-01")
    return plg


def _save(plg: Plg, title: str = "Doelen") -> int:
    args = ["artefact", "add", TEAM, "--type", "leerdoelen", "--title", title, "--text", "x"]
    saved: int = plg.json(*args)["id"]
    return saved


def _done(plg: Plg, item: str) -> bool:
    items = plg.json("checklist", TEAM)["items"]
    return bool(next(i for i in items if i["id"] == item)["done"])


def _kinds(plg: Plg) -> list[str]:
    return [event["kind"] for event in plg.json("history", TEAM)]


def test_a_removed_artefact_stops_counting_and_comes_back_on_restore(team: Plg) -> None:
    first = _save(team)
    assert _done(team, "leerdoelen")
    removed = team.json("artefact", "remove", TEAM, str(first), "--reason", "Saved twice")
    assert removed["removed"]["by"] == "tester"
    assert removed["phase_stays"] is False
    assert not _done(team, "leerdoelen")
    assert team.json("artefact", "list", TEAM) == []
    (listed,) = team.json("artefact", "list", TEAM, "--removed")
    assert listed["removed"]["by"] == "tester"
    export = json.loads(team("export", TEAM, "--format", "json").stdout)
    assert [r for visit in export["visits"] for r in visit["records"]] == []
    assert "Saved twice" in team("history", TEAM).stdout

    restored = team.json("artefact", "restore", TEAM, str(first))
    assert "removed" not in restored
    assert _done(team, "leerdoelen")
    assert [r["id"] for r in team.json("artefact", "list", TEAM)] == [first]
    history = team.json("history", TEAM)
    removal = next(e for e in history if e["kind"] == "remove_artefact")
    assert (removal["reason"], removal["actor"], removal["detail"]["id"]) == (
        "Saved twice",
        "tester",
        first,
    )
    assert history[-1]["kind"] == "restore_artefact"


def test_removing_and_restoring_twice_or_what_does_not_exist_is_refused(team: Plg) -> None:
    first = _save(team)
    assert "is not removed" in team.error("artefact", "restore", TEAM, str(first))
    team("artefact", "remove", TEAM, str(first), "--reason", "x")
    assert "already removed" in team.error("artefact", "remove", TEAM, str(first), "--reason", "x")
    assert "has no evidence with id" in team.error(
        "evidence", "remove", TEAM, str(first), "--reason", "x"
    )
    assert "has no meeting with id 7" in team.error("meeting", "remove", TEAM, "7", "--reason", "x")


def test_a_reason_is_needed_to_remove(team: Plg) -> None:
    first = _save(team)
    assert "Give a reason" in team.error("artefact", "remove", TEAM, str(first), "--reason", " ")
    assert _done(team, "leerdoelen")


def test_removing_what_an_earlier_phase_saved_keeps_the_phase(team: Plg) -> None:
    first = _save(team)
    team("advance", TEAM, "--force", "--reason", "on with it")
    phase = team.json("team", "show", TEAM)["phase"]
    result = team("artefact", "remove", TEAM, str(first), "--reason", "wrong team")
    assert "the team stays in the phase it is in now" in result.stderr
    assert team.json("team", "show", TEAM)["phase"] == phase
    removal = team.json("history", TEAM)[-1]
    assert removal["detail"]["phase_stays"] is True
    assert "the team stays in its phase" in team("history", TEAM).stdout


def test_a_removed_meeting_gives_no_hours_until_it_is_restored(team: Plg) -> None:
    args = ["meeting", "add", TEAM, "--date", DAY, "--length", "90", "--attendee", "Bram"]
    meeting = team.json(*args)["id"]
    hours = ["hours", "--person", "Bram", "--year", "2026"]
    assert team.json(*hours)["people"][0]["team_hours"] == 1.5
    team("meeting", "remove", TEAM, str(meeting), "--reason", "Entered twice")
    assert team.json(*hours)["people"][0]["team_hours"] == 0
    assert team.json("meeting", "list", TEAM) == []
    (removed,) = team.json("meeting", "list", TEAM, "--removed")
    assert removed["removed"]["by"] == "tester"
    assert json.loads(team("export", TEAM, "--format", "json").stdout)["meetings"] == []
    team("meeting", "restore", TEAM, str(meeting))
    assert team.json(*hours)["people"][0]["team_hours"] == 1.5
    assert _kinds(team)[-2:] == ["remove_meeting", "restore_meeting"]


def test_a_meeting_edit_changes_only_what_is_given_and_can_be_undone(team: Plg) -> None:
    args = ["meeting", "add", TEAM, "--date", DAY, "--length", "90", "--attendee", "Bram"]
    meeting = str(team.json(*args, "--agenda", "Goals")["id"])
    edited = team.json(
        "meeting", "edit", TEAM, meeting, "--length", "60", "--attendee", "Anna", "--notes", "Ok"
    )
    assert (edited["minutes"], edited["attendees"], edited["agenda"], edited["notes"]) == (
        60,
        ["Anna"],
        "Goals",
        "Ok",
    )
    event = team.json("history", TEAM)[-1]
    assert event["kind"] == "meeting_edit"
    assert event["detail"]["before"] == {"minutes": 90, "attendees": ["Bram"], "notes": ""}
    assert event["detail"]["after"] == {"minutes": 60, "attendees": ["Anna"], "notes": "Ok"}
    # Undone by editing it back.
    back = team.json(
        "meeting", "edit", TEAM, meeting, "--length", "90", "--attendee", "Bram", "--notes", ""
    )
    assert (back["minutes"], back["attendees"], back["notes"]) == (90, ["Bram"], None)
    # The same checks as a new meeting: a stranger did not attend.
    assert "was not a member" in team.error("meeting", "edit", TEAM, meeting, "--attendee", "Zoe")
    before = len(_kinds(team))
    team("meeting", "edit", TEAM, meeting, "--length", "90")  # nothing changes: no event
    assert len(_kinds(team)) == before
    assert "Give what to change" in team("meeting", "edit", TEAM, meeting, code=2).stderr


def test_a_stale_page_never_undoes_an_edit_made_meanwhile(engine: Engine) -> None:
    engine.start_team(TEAM, "vier_vragen", leader="Anna")
    engine.join(TEAM, "Bram", "member", date(2026, 9, 1))
    meeting = engine.add_meeting(TEAM, date(2026, 10, 1), 90, ["Bram"], agenda="Goals")
    page = MeetingFields(
        held_on=meeting.held_on, minutes=90, kind="meeting", attendees=("Bram",), agenda="Goals"
    )
    # Someone else changes the length; the stale page changes only the agenda: both stay.
    engine.edit_meeting(TEAM, meeting.id, MeetingFields(minutes=60))
    mine = engine.edit_meeting(
        TEAM, meeting.id, MeetingFields(minutes=90, agenda="Goals, data"), shown=page
    )
    assert (mine.minutes, mine.agenda) == (60, "Goals, data")
    # The stale page changes the length too, which someone else changed: refused, theirs kept.
    with pytest.raises(Conflict):
        engine.edit_meeting(TEAM, meeting.id, MeetingFields(minutes=45), shown=page)
    assert engine.meetings(TEAM)[0].minutes == 60


def test_a_renamed_team_keeps_its_history_and_frees_its_name(team: Plg) -> None:
    _save(team)
    team("team", "start", "Rekenen", "--method", "vier_vragen", "--no-charter")
    assert "already exists" in team.error("team", "rename", TEAM, "Rekenen")
    renamed = team.json("team", "rename", TEAM, "Lezen 5-6")
    assert renamed["name"] == "Lezen 5-6"
    history = team.json("history", "Lezen 5-6")
    assert history[-1]["detail"] == {"old_name": TEAM, "new_name": "Lezen 5-6"}
    assert history[0]["kind"] == "start"
    assert len(team.json("artefact", "list", "Lezen 5-6")) == 1
    assert "no team" in team.error("team", "show", TEAM).lower()
    team("team", "start", TEAM, "--method", "datateam", "--no-charter")  # the old name is free
    team("team", "rename", "Lezen 5-6", "Lezen 5-6")  # the same name: nothing to do


def test_an_archived_team_is_kept_unchangeable_and_out_of_lists(team: Plg) -> None:
    team("team", "start", "Rekenen", "--method", "vier_vragen", "--no-charter")
    shown = team.json("team", "archive", TEAM, "--reason", "Stopped")
    assert shown["archived"] is True
    error = team.error("tick", TEAM, "eens")
    assert "is archived" in error
    assert "plg team restore" in error
    assert "is archived" in team.error("team", "rename", TEAM, "Lezen 2")
    assert [r["name"] for r in team.json("team", "list")] == ["Rekenen"]
    assert [r["name"] for r in team.json("overview")["teams"]] == ["Rekenen"]
    listed = {r["name"]: r["archived"] for r in team.json("team", "list", "--archived")}
    assert listed == {TEAM: True, "Rekenen": False}
    assert [r["name"] for r in team.json("overview", "--archived")["teams"]] == [TEAM, "Rekenen"]
    assert team.json("team", "show", TEAM)["archived"] is True
    assert "archived" in team("team", "show", TEAM).stdout
    assert "already archived" in team.error("team", "archive", TEAM, "--reason", "x")
    team("team", "restore", TEAM)
    assert "is not archived" in team.error("team", "restore", TEAM)
    team("tick", TEAM, "eens")
    assert _kinds(team)[-3:] == ["archive", "unarchive", "tick"]


def test_purging_removed_items_deletes_only_them_and_is_recorded(team: Plg) -> None:
    kept, gone = _save(team, "Kept"), _save(team, "Gone")
    team("artefact", "remove", TEAM, str(gone), "--reason", "x")
    aborted = team("purge", "removed", TEAM, input="n\n", code=1)
    assert f"removed meetings, artefacts and evidence of team '{TEAM}'" in aborted.stderr
    assert len(team.json("artefact", "list", TEAM, "--removed")) == 2
    purged = team.json("purge", "removed", TEAM, "--yes")
    assert purged == {"team": TEAM, "what": "removed", "records": 1, "meetings": 0}
    assert [r["id"] for r in team.json("artefact", "list", TEAM, "--removed")] == [kept]
    assert team.json("history", TEAM)[-1]["detail"] == {"records": 1, "meetings": 0}
    assert team.json("check")["ok"] is True


def test_only_an_archived_team_is_purged_and_a_note_of_it_stays(team: Plg) -> None:
    _save(team)
    team("meeting", "add", TEAM, "--date", DAY, "--length", "60", "--attendee", "Bram")
    assert "is not archived" in team.error("purge", "team", TEAM, "--yes")
    team("team", "archive", TEAM, "--reason", "Stopped")
    purged = team.json("purge", "team", TEAM, "--yes")
    assert purged == {"team": TEAM, "what": "team", "records": 1, "meetings": 1}
    assert team.json("team", "list", "--archived") == []
    noted = (
        "SELECT count(*) FROM purges WHERE team = 'Lezen' AND what = 'team' AND actor = 'tester'"
    )
    assert sql(team.url, noted) == 1
    assert sql(team.url, "SELECT count(*) FROM events") == 0
    assert team.json("check")["ok"] is True
    team("team", "start", TEAM, "--method", "vier_vragen", "--no-charter")


def test_only_a_project_leader_renames_archives_restores_and_purges(team: Plg) -> None:
    team("project-leader", "add", "Pia")
    team("settings", "set", "role-checks", "on")
    anna, bram, pia = (Plg(team.url, actor=who) for who in ("Anna", "Bram", "Pia"))
    for refused in (anna, bram):
        assert "only a project leader may" in refused.error("team", "rename", TEAM, "X")
        assert "only a project leader may" in refused.error(
            "team", "archive", TEAM, "--reason", "x"
        )
        assert "only a project leader may" in refused.error("purge", "removed", TEAM, "--yes")
    # A member removes what was saved by mistake; only a leader removes a meeting.
    record = _save(bram)
    bram("artefact", "remove", TEAM, str(record), "--reason", "x")
    args = ["meeting", "add", TEAM, "--date", DAY, "--length", "60", "--attendee", "Bram"]
    meeting = str(anna.json(*args)["id"])
    assert "may not" in bram.error("meeting", "remove", TEAM, meeting, "--reason", "x")
    assert "may not" in bram.error("meeting", "edit", TEAM, meeting, "--length", "30")
    anna("meeting", "remove", TEAM, meeting, "--reason", "x")
    pia("team", "archive", TEAM, "--reason", "x")
    assert "only a project leader may" in anna.error("team", "restore", TEAM)
    pia("team", "restore", TEAM)
    pia("team", "rename", TEAM, "Lezen 2")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=st.lists(st.tuples(st.booleans(), st.integers(0, 2)), max_size=12))
def test_any_sequence_of_removals_and_restores_lists_what_was_not_removed_last(
    sqlite_url: str, steps: list[tuple[bool, int]]
) -> None:
    engine = Engine(sqlite_url, actor="tester", lang="en")
    engine.init()
    name = f"T{abs(hash(tuple(steps)))}"
    engine.start_team(name, "vier_vragen")
    ids = [
        engine.add_record(name, "artefact", "leerdoelen", f"R{i}", Content(text="x")).id
        for i in range(3)
    ]
    removed: set[int] = set()
    for remove, which in steps:
        record = ids[which]
        try:
            if remove:
                engine.remove_record(name, "artefact", record, "why")
                removed.add(record)
            else:
                engine.restore_record(name, "artefact", record)
                removed.discard(record)
        except Conflict:
            assert (record in removed) == remove
    assert [r.id for r in engine.records(name, "artefact")] == [i for i in ids if i not in removed]
    done = next(i for i in engine.checklist(name).items if i.id == "leerdoelen").done
    assert done == (len(removed) < 3)
    engine.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(new=st.text(max_size=130))
def test_any_new_name_is_taken_exactly_or_refused_and_renaming_back_undoes_it(
    sqlite_url: str, new: str
) -> None:
    engine = Engine(sqlite_url, actor="tester", lang="en")
    engine.init()
    name = "Origineel"
    if not engine.teams(archived=True):
        engine.start_team(name, "vier_vragen")
    before = len(engine.history(name))
    try:
        renamed = engine.rename_team(name, new).row.name
    except InvalidInput:
        assert len(engine.history(name)) == before
    else:
        assert renamed == new.strip()
        assert [row.name for row in engine.teams()] == [renamed]
        engine.rename_team(renamed, name)
    assert [row.name for row in engine.teams()] == [name]
    engine.close()

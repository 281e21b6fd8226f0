"""`plg check` finds what is wrong in a database, and `plg backup` makes a copy it accepts."""

from __future__ import annotations

import multiprocessing
from pathlib import Path
from typing import Any

import pytest

from plg import Content, Engine
from plg.cli.demo import PROJECT_LEADER
from tests.conftest import Plg, sql


@pytest.fixture
def demo(db_url: str) -> Plg:
    plg = Plg(db_url)
    plg("demo")
    return plg


def _faults(plg: Plg) -> list[tuple[str, str]]:
    """The problems `plg check --json` reports, as (place, problem); exit 1 when there are any."""
    data = plg.json_failing("check")
    assert data["ok"] is False
    return [(p["place"], p["problem"]) for p in data["problems"]]


def test_a_sound_database_passes(demo: Plg, tmp_path: Path) -> None:
    engine = Engine(demo.url, lang="en", actor=PROJECT_LEADER)
    engine.add_record(
        "Rekenen bovenbouw", "evidence", "dataset", "Toets", Content(file=_file(tmp_path))
    )
    engine.close()
    data = demo.json("check")
    assert data["ok"] is True
    assert data["problems"] == []
    events = sql(demo.url, "SELECT count(*) FROM events")
    assert data["checked"] == {"teams": 6, "events": events, "snapshots": 4, "files": 1}
    assert f"is sound: 6 teams, {events} events" in demo("check").stderr


def _file(folder: Path) -> Path:
    path = folder / "foto.txt"
    path.write_text("een foto van het bord")
    return path


def _team_id(plg: Plg, name: str) -> int:
    return int(sql(plg.url, f"SELECT id FROM teams WHERE name = '{name}'"))


def test_a_phase_that_its_events_do_not_lead_to(demo: Plg) -> None:
    team = _team_id(demo, "Rekenen bovenbouw")
    sql(demo.url, f"UPDATE teams SET phase = 'evaluatie' WHERE id = {team}")
    assert ("team 'Rekenen bovenbouw'", "check_phase") in _faults(demo)


def test_counters_that_their_events_do_not_lead_to(demo: Plg) -> None:
    team = _team_id(demo, "Rekenen bovenbouw")
    sql(
        demo.url,
        f"""UPDATE teams SET counters = '{{"cyclus": 7, "hypothese": 1}}' WHERE id = {team}""",
    )
    assert _faults(demo) == [("team 'Rekenen bovenbouw'", "check_counters")]


def test_a_missing_event_is_a_gap(demo: Plg) -> None:
    team = _team_id(demo, "Rekenen bovenbouw")
    last = sql(demo.url, f"SELECT last_seq FROM teams WHERE id = {team}")
    # Event 2 is not a move (a member joining), so only the numbering shows its loss.
    kind = sql(demo.url, f"SELECT kind FROM events WHERE team_id = {team} AND seq = 2")
    assert kind == "join"
    sql(demo.url, f"DELETE FROM events WHERE team_id = {team} AND seq = 2")
    faults = _faults(demo)
    assert faults == [("team 'Rekenen bovenbouw'", "check_sequence")]
    text = demo("check", code=1).stdout
    assert f"1 to {last} without gaps, but are 1, 3-{last}" in text


def test_a_lost_last_event(demo: Plg) -> None:
    team = _team_id(demo, "Rekenen bovenbouw")
    sql(demo.url, f"UPDATE teams SET last_seq = last_seq + 1 WHERE id = {team}")
    assert ("team 'Rekenen bovenbouw'", "check_sequence") in _faults(demo)


def test_a_completed_status_in_a_phase_that_is_not_final(demo: Plg) -> None:
    team = _team_id(demo, "Rekenen bovenbouw")
    sql(demo.url, f"UPDATE teams SET status = 'completed' WHERE id = {team}")
    assert _faults(demo) == [("team 'Rekenen bovenbouw'", "check_status")]


def test_a_charter_marked_complete_that_is_not(demo: Plg) -> None:
    team = _team_id(demo, "Rekenen bovenbouw")
    sql(demo.url, f"UPDATE teams SET deadline = NULL WHERE id = {team}")
    assert _faults(demo) == [("team 'Rekenen bovenbouw'", "check_charter")]


def test_two_open_hypotheses(demo: Plg) -> None:
    sql(demo.url, "UPDATE hypotheses SET status = 'open'")
    assert _faults(demo) == [("team 'Rekenen bovenbouw'", "check_hypotheses_open")]


def test_an_observation_without_its_prediction(demo: Plg) -> None:
    sql(demo.url, "DELETE FROM pupil_notes WHERE kind = 'prediction' AND stage = 'start'")
    faults = _faults(demo)
    # Lesson 1's three case pupils were observed at the start; lesson 2's not yet.
    assert faults == [("team 'Netwerk schrijfonderwijs'", "check_observation")] * 3


def test_a_changed_method_version(demo: Plg) -> None:
    sql(demo.url, "UPDATE method_snapshots SET content = content || ' ' WHERE id = 1")
    faults = _faults(demo)
    assert faults[0] == ("snapshot 1", "check_snapshot_hash")
    # The teams on it cannot be replayed any more, and are named.
    assert {problem for _, problem in faults[1:]} == {"check_replay"}


def test_a_changed_or_missing_file(demo: Plg, tmp_path: Path) -> None:
    engine = Engine(demo.url, lang="en", actor=PROJECT_LEADER)
    engine.add_record(
        "Rekenen bovenbouw", "evidence", "dataset", "Toets", Content(file=_file(tmp_path))
    )
    engine.close()
    sql(demo.url, "UPDATE blobs SET size = size + 1")
    assert _faults(demo) == [(_blob_place(demo), "check_file_hash")]


def test_a_record_whose_file_is_gone(sqlite_url: str, tmp_path: Path) -> None:
    # Only SQLite lets a row point nowhere (with its foreign keys off, as another tool may
    # have them); PostgreSQL always refuses.
    plg = Plg(sqlite_url)
    plg("demo")
    engine = Engine(sqlite_url, lang="en", actor=PROJECT_LEADER)
    engine.add_record(
        "Rekenen bovenbouw", "evidence", "dataset", "Toets", Content(file=_file(tmp_path))
    )
    engine.close()
    sql(sqlite_url, "PRAGMA foreign_keys = OFF")  # the default of a plain connection
    sql(sqlite_url, "DELETE FROM blobs")
    faults = _faults(plg)
    assert ("team 'Rekenen bovenbouw'", "check_file_missing") in faults
    assert any(problem == "check_foreign_key" for _, problem in faults)


def _blob_place(plg: Plg) -> str:
    return f"file {sql(plg.url, 'SELECT sha256 FROM blobs')[:12]}"


def test_problems_are_told_in_dutch_too(demo: Plg) -> None:
    team = _team_id(demo, "Rekenen bovenbouw")
    sql(demo.url, f"UPDATE teams SET phase = 'evaluatie' WHERE id = {team}")
    dutch = Plg(demo.url, lang="nl")
    result = dutch("check", code=1)
    assert "maar de gebeurtenissen leiden naar" in result.stdout
    assert result.stderr.startswith("Error: De database op")


# -- backups ------------------------------------------------------------------------------------


def test_a_backup_made_while_someone_writes_passes_the_check(
    sqlite_url: str, tmp_path: Path
) -> None:
    plg = Plg(sqlite_url, actor=PROJECT_LEADER)
    plg("demo")
    plg("team", "start", "Schrijven", "--method", "actieonderzoek")
    plg("tick", "Schrijven", "schooldoel")
    context = multiprocessing.get_context("spawn")
    stop = context.Event()
    writer = context.Process(target=_keep_writing_on, args=(sqlite_url, "Schrijven", stop))
    writer.start()
    try:
        copies = []
        for number in range(3):
            target = tmp_path / f"copy-{number}.db"
            assert "Check the copy with" in plg("backup", str(target)).stderr
            copies.append(target)
    finally:
        stop.set()
        writer.join(30)
    assert writer.exitcode == 0
    for target in copies:
        assert target.stat().st_mode & 0o777 == 0o600  # everything the teams saved: owner only
        copy = Plg(f"sqlite:///{target}")
        assert copy.json("check")["ok"] is True
        assert copy.json("team", "show", "Schrijven")["phase"] == "aanleiding"


def _keep_writing_on(url: str, team: str, stop: Any) -> None:
    engine = Engine(url, actor=PROJECT_LEADER, lang="en")
    while not stop.is_set():
        engine.tick(team, "directie")
        engine.tick(team, "directie", undo=True)
    engine.close()


def test_a_backup_never_overwrites(sqlite_url: str, tmp_path: Path) -> None:
    plg = Plg(sqlite_url)
    plg("init")
    target = tmp_path / "copy.db"
    target.write_text("mine")
    assert "never overwrites" in plg.error("backup", str(target))
    assert target.read_text() == "mine"
    assert "cannot" not in plg.error("backup", str(tmp_path / "no" / "such" / "folder.db"))


def test_a_server_database_is_pointed_to_its_own_tools(postgres_url: str, tmp_path: Path) -> None:
    plg = Plg(postgres_url)
    plg("init")
    assert "pg_dump" in plg.error("backup", str(tmp_path / "copy.db"))
    assert not (tmp_path / "copy.db").exists()

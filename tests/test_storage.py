"""The schema: migrations build exactly the models, and the revision list matches them."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from plg import DatabaseError, Engine
from plg.storage.migrate import script_revisions
from plg.storage.models import Base
from plg.storage.schema import HEAD_REVISION, KNOWN_REVISIONS
from tests.conftest import sql
from tests.frozen import FROZEN, copy_to_postgres, rows_of


def test_known_revisions_match_the_migration_scripts() -> None:
    assert list(KNOWN_REVISIONS) == script_revisions()
    assert script_revisions()[-1] == HEAD_REVISION


def test_migrations_build_exactly_the_models(engine: Engine) -> None:
    raw = create_engine(engine.store.url)
    try:
        with raw.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        raw.dispose()
    assert differences == []


def test_sqlite_runs_in_wal_mode(sqlite_url: str) -> None:
    engine = Engine(sqlite_url)
    engine.init()
    engine.close()
    assert sql(sqlite_url, "PRAGMA journal_mode") == "wal"


def test_there_is_a_frozen_database_of_every_older_revision() -> None:
    assert [p.stem.removeprefix("schema-") for p in FROZEN] == list(KNOWN_REVISIONS[:-1])


@pytest.mark.parametrize("frozen", FROZEN, ids=lambda path: path.stem)
def test_an_older_database_upgrades_in_place(frozen: Path, db_url: str, tmp_path: Path) -> None:
    copy = tmp_path / frozen.name
    shutil.copy(frozen, copy)  # the frozen file itself stays as it is
    if db_url.startswith("sqlite"):
        url = f"sqlite:///{copy}"
    else:
        url = db_url
        copy_to_postgres(copy, url)
    before = rows_of(url)
    assert before["teams"]
    assert before["events"]
    # A project leader: the newest frozen database has role checks on.
    engine = Engine(url, lang="en", actor="Marieke de Boer")
    with pytest.raises(DatabaseError, match="older layout"):
        engine.teams()
    assert engine.init() == HEAD_REVISION
    assert rows_of(url) == before
    report = engine.check()
    assert report.ok, [fault.text("en") for fault in report.faults]
    for row in engine.teams():
        assert engine.replay(row.name) == (row.phase, row.counters)
        # The leader a team started with is now its first member, as its leader.
        leaders = [m.person for m in engine.members(row.name) if m.role == "leader"]
        assert leaders == ([row.leader] if row.leader else [])
    engine.tick("Netwerk jonge kind", "schooldoel")  # and it keeps working
    engine.start_team("Nieuw team", "vier_vragen")
    engine.close()


def test_an_upgrade_keeps_who_left_as_former_members(db_url: str, tmp_path: Path) -> None:
    """Stays that ended before schema 0005 are rebuilt from their join and leave events."""
    copy = tmp_path / "left.db"
    shutil.copy(next(path for path in FROZEN if path.stem == "schema-0004"), copy)
    local = f"sqlite:///{copy}"
    team = sql(local, "SELECT id FROM teams WHERE name = 'Begrijpend lezen 5-6'")
    last = sql(local, f"SELECT last_seq FROM teams WHERE id = {team}")
    leave = '{"person": "Joost Hendriks", "role": "member", "on": "2026-11-20"}'
    sql(
        local,
        "INSERT INTO events (team_id, seq, at, actor, kind, detail) VALUES "
        f"({team}, {last + 1}, '2026-11-21 09:00:00', 'Anna', 'leave', '{leave}')",
    )
    sql(local, f"UPDATE teams SET last_seq = {last + 1} WHERE id = {team}")
    sql(local, f"DELETE FROM members WHERE team_id = {team} AND person = 'Joost Hendriks'")
    url = local
    if not db_url.startswith("sqlite"):
        url = db_url
        copy_to_postgres(copy, url)
    engine = Engine(url, lang="en", actor="Marieke de Boer")  # its project leader
    engine.init()
    [stay] = engine.story("Begrijpend lezen 5-6").former_members
    assert (stay.person, stay.role) == ("Joost Hendriks", "member")
    assert (stay.joined_at.isoformat()[:16], stay.left_at.date()) == (
        "2026-11-14T15:26",
        date(2026, 11, 20),
    )
    # And he counts for a meeting held while he was in the team.
    engine.add_meeting("Begrijpend lezen 5-6", date(2026, 11, 18), 60, ["Joost Hendriks"])
    assert engine.check().ok
    engine.close()

"""The schema: migrations build exactly the models, and the revision list matches them."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, select, text

from plg import DatabaseError, Engine
from plg.storage.migrate import alembic_config, script_revisions
from plg.storage.models import Base
from plg.storage.schema import HEAD_REVISION, KNOWN_REVISIONS
from tests.conftest import sql


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


FROZEN = sorted((Path(__file__).parent / "data").glob("schema-*.db"))
# What must survive an upgrade: every team, event, record, file and tick, as it was.
KEPT = {
    "teams": "SELECT name, phase, status, counters, leader FROM teams",
    "events": "SELECT team_id, seq, kind, actor, to_phase FROM events",
    "records": "SELECT team_id, seq, title, text, blob_sha256, filename FROM records",
    "blobs": "SELECT sha256, size FROM blobs",
    "ticks": "SELECT team_id, visit, item_id FROM ticks",
}


def test_there_is_a_frozen_database_of_every_older_revision() -> None:
    assert [p.stem.removeprefix("schema-") for p in FROZEN] == list(KNOWN_REVISIONS[:-1])


def _rows(url: str) -> dict[str, list[tuple[Any, ...]]]:
    raw = create_engine(url)
    try:
        with raw.connect() as conn:
            return {
                table: sorted(tuple(map(str, row)) for row in conn.execute(text(query)))
                for table, query in KEPT.items()
            }
    finally:
        raw.dispose()


def _copy_to_postgres(frozen: Path, url: str) -> None:
    """The frozen database's rows in a PostgreSQL database built at the same revision."""
    source = create_engine(f"sqlite:///{frozen}")
    target = create_engine(url)
    try:
        with source.connect() as src, target.begin() as dst:
            revision = src.execute(text("SELECT version_num FROM alembic_version")).scalar()
            command.upgrade(alembic_config(dst), str(revision))
            old, new = MetaData(), MetaData()
            old.reflect(src)
            new.reflect(dst)
            for table in new.sorted_tables:
                if table.name == "alembic_version":
                    continue
                rows = [dict(row._mapping) for row in src.execute(select(old.tables[table.name]))]
                if rows:
                    dst.execute(table.insert(), rows)
                if "id" in table.c:
                    # Rows copied with their ids leave the id sequence behind them.
                    dst.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"(SELECT coalesce(max(id), 0) + 1 FROM {table.name}), false)"
                        )
                    )
    finally:
        source.dispose()
        target.dispose()


@pytest.mark.parametrize("frozen", FROZEN, ids=lambda path: path.stem)
def test_an_older_database_upgrades_in_place(frozen: Path, db_url: str, tmp_path: Path) -> None:
    copy = tmp_path / frozen.name
    shutil.copy(frozen, copy)  # the frozen file itself stays as it is
    if db_url.startswith("sqlite"):
        url = f"sqlite:///{copy}"
    else:
        url = db_url
        _copy_to_postgres(copy, url)
    before = _rows(url)
    assert before["teams"]
    assert before["events"]
    engine = Engine(url, lang="en", actor="Eva Mulder")
    with pytest.raises(DatabaseError, match="older layout"):
        engine.teams()
    assert engine.init() == HEAD_REVISION
    assert _rows(url) == before
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

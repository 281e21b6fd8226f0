"""The schema: migrations build exactly the models, and the revision list matches them."""

from __future__ import annotations

import shutil
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


def test_a_database_of_every_older_revision_upgrades_in_place(tmp_path: Path) -> None:
    frozen = sorted((Path(__file__).parent / "data").glob("schema-*.db"))
    assert [p.stem.removeprefix("schema-") for p in frozen] == list(KNOWN_REVISIONS[:-1])
    for original in frozen:
        copy = tmp_path / original.name
        shutil.copy(original, copy)
        url = f"sqlite:///{copy}"
        before = {
            table: sql(url, f"SELECT count(*) FROM {table}")
            for table in ("teams", "events", "records", "blobs", "ticks")
        }
        engine = Engine(url, lang="en")
        with pytest.raises(DatabaseError, match="older layout"):
            engine.teams()
        assert engine.init() == HEAD_REVISION
        after = {table: sql(url, f"SELECT count(*) FROM {table}") for table in before}
        assert after == before
        for row in engine.teams():
            assert engine.replay(row.name) == (row.phase, row.counters)
        engine.tick("Netwerk jonge kind", "schooldoel")  # and it keeps working
        engine.close()

"""The schema: migrations build exactly the models, and the revision list matches them."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine

from plg import Engine
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

"""Run the Alembic migrations that ship inside the package."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def upgrade_to_head(engine: Engine) -> list[str]:
    """Bring the database to the newest revision in one transaction.

    On SQLite with its foreign keys off meanwhile: changing a column there copies the table,
    drops the old one and renames the copy, and dropping a table that other tables point to
    fails while the keys are on. The keys are checked before the transaction commits; the
    tables with a row that points nowhere are returned, and then nothing is changed.
    """
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        # On the driver's connection: SQLite ignores this pragma inside a transaction.
        driver: Any = connection.connection.driver_connection
        if sqlite:
            driver.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin() as transaction:
                command.upgrade(alembic_config(connection), "head")
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
                    if broken:
                        transaction.rollback()
                        return sorted({str(row[0]) for row in broken})
        finally:
            if sqlite:
                driver.execute("PRAGMA foreign_keys=ON")
    return []


def script_revisions() -> list[str]:
    """Every revision in the migration scripts, oldest first."""
    scripts = ScriptDirectory.from_config(alembic_config())
    return [rev.revision for rev in reversed(list(scripts.walk_revisions()))]

"""The frozen databases of older schema revisions, and what must survive their upgrade: for the
upgrade tests and the test that kills an upgrade half-way."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from sqlalchemy import Integer, MetaData, create_engine, select, text

from plg.storage.migrate import alembic_config

FROZEN = sorted((Path(__file__).parent / "data").glob("schema-*.db"))
# What must survive an upgrade: every team, event, record, file and tick, as it was.
KEPT = {
    "teams": "SELECT name, phase, status, counters, leader FROM teams",
    "events": "SELECT team_id, seq, kind, actor, to_phase FROM events",
    "records": "SELECT team_id, seq, title, text, blob_sha256, filename FROM records",
    "blobs": "SELECT sha256, size FROM blobs",
    "ticks": "SELECT team_id, visit, item_id FROM ticks",
}


def rows_of(url: str) -> dict[str, list[tuple[Any, ...]]]:
    raw = create_engine(url)
    try:
        with raw.connect() as conn:
            return {
                table: sorted(tuple(map(str, row)) for row in conn.execute(text(query)))
                for table, query in KEPT.items()
            }
    finally:
        raw.dispose()


def copy_to_postgres(frozen: Path, url: str) -> None:
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
                if "id" in table.c and isinstance(table.c.id.type, Integer):
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

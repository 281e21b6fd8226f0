"""Connections and transactions, and the check that the database has this plg's schema."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import DataError as SADataError
from sqlalchemy.orm import Session, sessionmaker

from plg.errors import DatabaseBusy, DatabaseError, InvalidInput
from plg.paths import data_dir
from plg.storage.schema import HEAD_REVISION, KNOWN_REVISIONS

# How long a writer waits for another's lock before the engine retries it (see
# EngineBase._write in plg.engine.base): short, so that a writer that waits does not hold
# up whoever waits behind it.
BUSY_TIMEOUT_MS = 2000

# SQLSTATEs of a PostgreSQL transaction that lost a race and can simply be run again:
# serialization_failure, deadlock_detected, lock_not_available.
_RETRYABLE_STATES = frozenset({"40001", "40P01", "55P03"})


def default_url() -> str:
    """A SQLite file in the user's data folder (or PLG_DATABASE_URL when set)."""
    from_env = os.environ.get("PLG_DATABASE_URL")
    if from_env:
        return from_env
    return f"sqlite:///{data_dir() / 'plg.db'}"


def _sqlite_file(url: URL) -> Path | None:
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # pysqlite's own transaction handling would begin only at the first write, so a
    # read-modify-write could lose an update; plg begins every transaction itself (below).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def _sqlite_begin(connection: Any) -> None:
    # A writer takes the write lock at once, so that what it read cannot change before it
    # writes; a reader takes none and sees one consistent snapshot (WAL).
    reading = connection.get_execution_options().get("plg_read_only", False)
    connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")


def is_busy(exc: SADatabaseError) -> bool:
    """Whether `exc` only means that another writer was in the way."""
    orig = exc.orig
    if getattr(orig, "sqlite_errorname", "") in ("SQLITE_BUSY", "SQLITE_LOCKED"):
        return True
    return getattr(orig, "sqlstate", None) in _RETRYABLE_STATES


class Store:
    """One database: its engine, sessions that are transactions, and its schema state."""

    def __init__(self, url: str | None = None) -> None:
        self.url_text = url or default_url()
        try:
            self.url = make_url(self.url_text)
        except ArgumentError:
            raise InvalidInput("db_url_invalid", url=self.url_text) from None
        self.sqlite_file = _sqlite_file(self.url)
        if self.sqlite_file is not None and "\x00" in str(self.sqlite_file):
            raise InvalidInput("db_url_invalid", url=self.url_text)
        self._engine: Engine | None = None
        self._sessions: dict[bool, sessionmaker[Session]] = {}

    @property
    def display_url(self) -> str:
        return self.url.render_as_string(hide_password=True)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            # A PostgreSQL writer waits for a locked row as long as a SQLite one waits for the
            # write lock, then lets the engine retry, instead of waiting for ever.
            postgres = self.url.get_backend_name() == "postgresql"
            arguments = {"options": f"-c lock_timeout={BUSY_TIMEOUT_MS}"} if postgres else {}
            try:
                engine = create_engine(self.url, connect_args=arguments)
            except ImportError as exc:
                raise DatabaseError("db_driver_missing", url=self.display_url, reason=exc) from None
            except ArgumentError as exc:
                raise DatabaseError("db_unreachable", url=self.display_url, reason=exc) from None
            if self.url.get_backend_name() == "sqlite":
                event.listen(engine, "connect", _sqlite_pragmas)
                event.listen(engine, "begin", _sqlite_begin)
            self._engine = engine
        return self._engine

    def exists(self) -> bool:
        if self.sqlite_file is None:
            return True
        try:
            return self.sqlite_file.exists()
        except OSError as exc:  # a name too long for the file system, say
            raise self._unreachable(exc.strerror or str(exc)) from None

    def revision(self) -> str | None:
        """The schema revision the database is at, or None when plg never initialised it."""
        if not self.exists():
            return None
        try:
            with self.engine.execution_options(plg_read_only=True).connect() as conn:
                if not inspect(conn).has_table("alembic_version"):
                    return None
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except (OperationalError, SADatabaseError) as exc:
            raise self._unreachable(exc) from None

    def require_current(self) -> None:
        """Refuse to work on a database that is missing, older or newer than this plg."""
        revision = self.revision()
        if revision is None:
            raise DatabaseError("db_missing", url=self.display_url)
        if revision not in KNOWN_REVISIONS:
            raise DatabaseError("db_newer", url=self.display_url, revision=revision)
        if revision != HEAD_REVISION:
            raise DatabaseError("db_outdated", url=self.display_url, revision=revision)

    def upgrade(self) -> str:
        """Create the database, or bring it to the current schema; safe to repeat."""
        revision = self.revision()
        if revision is not None and revision not in KNOWN_REVISIONS:
            raise DatabaseError("db_newer", url=self.display_url, revision=revision)
        from plg.storage.migrate import upgrade_to_head

        try:
            if self.sqlite_file is not None:
                self.sqlite_file.parent.mkdir(parents=True, exist_ok=True)
            broken = upgrade_to_head(self.engine)
        except OSError as exc:
            raise self._unreachable(exc.strerror or str(exc)) from None
        except (OperationalError, SADatabaseError) as exc:
            raise self._unreachable(exc) from None
        if broken:
            raise DatabaseError("db_upgrade_keys", url=self.display_url, tables=", ".join(broken))
        return HEAD_REVISION

    def _unreachable(self, problem: str | SADatabaseError) -> DatabaseError:
        if isinstance(problem, SADatabaseError):
            problem = str(problem.orig or problem).splitlines()[0]
        return DatabaseError("db_unreachable", url=self.display_url, reason=problem)

    @contextmanager
    def transaction(self, *, write: bool = True) -> Iterator[Session]:
        """A session that commits when the block ends and rolls everything back on any error.

        A database that stays locked is reported as `DatabaseBusy` (the engine retries those);
        one that goes away mid-way as `DatabaseError`.
        """
        sessions = self._sessions.get(write)
        if sessions is None:
            bind = self.engine if write else self.engine.execution_options(plg_read_only=True)
            sessions = self._sessions[write] = sessionmaker(bind, expire_on_commit=False)
        try:
            with sessions() as session, session.begin():
                yield session
        except (SADataError, UnicodeEncodeError):
            # A value the database cannot hold, such as a NUL in a name PostgreSQL was asked
            # to look up: what the user typed, not a fault of the database.
            raise InvalidInput("text_invalid") from None
        except (OperationalError, SADatabaseError) as exc:
            if is_busy(exc):
                raise DatabaseBusy("db_busy", url=self.display_url) from None
            if not isinstance(exc, OperationalError):
                raise
            raise self._unreachable(exc) from None

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()

"""The database as a whole: creating and upgrading it, checking it, copying it, and replaying a
team's moves to verify its state. Part of the engine (its `Engine` is a `Database`)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from plg.engine.base import EngineBase
from plg.engine.check import CheckReport, Progress, check, replay
from plg.errors import DatabaseError, InvalidInput, Refused
from plg.methods.pinned import definition_of
from plg.storage import teams as team_store


class Database(EngineBase):
    def init(self) -> str:
        """Create the database or upgrade it to this plg's schema; returns the revision."""
        revision = self.store.upgrade()
        self._checked = True
        return revision

    def close(self) -> None:
        self.store.dispose()

    def replay(self, name: str) -> tuple[str, dict[str, int]]:
        """The phase and counters that follow from the team's events alone.

        They always equal the team's stored phase and counters; `plg check` and the tests rely
        on that.
        """
        with self._session() as session:
            team = self._team(session, name)
            steps = team_store.moves(session, team.id)
            phase, counters, _ = replay(
                steps, lambda sha256: definition_of(team_store.snapshot_by_hash(session, sha256))
            )
            return phase, counters

    def check(self, progress: Progress | None = None) -> CheckReport:
        """Verify the whole database (see `plg.engine.check`); `progress` hears (done, total)."""
        with self._session() as session:
            return check(session, progress)

    def backup(self, target: Path) -> int:
        """Copy the database to the new file `target` while others keep working; returns its
        size in bytes. SQLite only: a server database has its server's own tools."""
        source = self.store.sqlite_file
        if source is None:
            raise Refused("backup_server", url=self.store.display_url)
        self.store.require_current()
        from plg.storage.backup import copy_sqlite

        try:
            if target.exists():
                raise Refused("backup_exists", path=target)
            return copy_sqlite(source, target)
        except OSError as exc:  # also a name the file system refuses, such as one too long
            raise InvalidInput("output_unwritable", path=target, reason=exc.strerror) from None
        except sqlite3.Error as exc:
            raise DatabaseError("db_unreachable", url=self.store.display_url, reason=exc) from None

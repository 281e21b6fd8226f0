"""A consistent copy of a SQLite database, made while others keep working on it."""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from plg.storage.store import BUSY_TIMEOUT_MS


def copy_sqlite(source: Path, target: Path) -> int:
    """Copy the database at `source` to the new file `target`; returns its size in bytes.

    SQLite's online backup reads the database as one snapshot (WAL lets writers go on
    meanwhile). The copy is written beside `target` under a temporary name and renamed when
    complete, so `target` is never a half-written file.
    """
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    os.close(handle)
    try:
        with sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000) as reader:
            with sqlite3.connect(temporary) as writer:
                # In one step: a copy made in steps starts over whenever a writer commits.
                reader.backup(writer)
            writer.close()
        reader.close()
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target.stat().st_size

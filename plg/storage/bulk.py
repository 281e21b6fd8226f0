"""Many teams at once: a foundation's roster written in one transaction with multi-row inserts,
and every team read back for the overview in one streamed query. The engine decides; this stores."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from typing import Any, NamedTuple, cast

from sqlalchemy import Select, String, Table, insert, literal, select, type_coerce
from sqlalchemy.orm import Session

from plg.storage.models import Event, School, Team, team_schools

# Core, not ORM, inserts: the ORM's bulk path spent more time collecting rows than SQLite
# spent writing them.
_TEAM_TABLE = cast(Table, Team.__table__)
_EVENT_TABLE = cast(Table, Event.__table__)


def existing_names(session: Session, names: list[str]) -> list[str]:
    found: list[str] = []
    for chunk in chunks(names):
        found += session.scalars(select(Team.name).where(Team.name.in_(chunk)))
    return found


def chunks(items: list[str], size: int = 5000) -> Iterator[list[str]]:
    # Databases cap the number of values in one IN (...), SQLite at 32766.
    for index in range(0, len(items), size):
        yield items[index : index + size]


def school_ids(session: Session, names: set[str]) -> dict[str, int]:
    """The ids of these schools, adding the ones the database does not know yet."""
    ordered = sorted(names)
    known: dict[str, int] = {}
    for chunk in chunks(ordered):
        rows = session.execute(select(School.name, School.id).where(School.name.in_(chunk)))
        # A Result has .keys(), which dict.update would take for a mapping: pass tuples.
        known.update((name, id_) for name, id_ in rows)
    missing = [{"name": name} for name in ordered if name not in known]
    if missing:
        added = session.execute(insert(School).returning(School.name, School.id), missing)
        known.update((name, id_) for name, id_ in added)
    return known


def insert_teams(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Insert team rows; their new ids, in the order of `rows`."""
    # RETURNING in parameter order makes SQLite insert one row per statement; a plain
    # multi-row insert and one look-up by the (unique) names is several times faster.
    session.connection().execute(insert(_TEAM_TABLE), rows)
    names = [row["name"] for row in rows]
    ids: dict[str, int] = {}
    for chunk in chunks(names):
        ids.update(
            (name, id_)
            for name, id_ in session.execute(select(Team.name, Team.id).where(Team.name.in_(chunk)))
        )
    return [ids[name] for name in names]


def insert_first_events(session: Session, names: list[str], event: dict[str, Any]) -> None:
    """Give each of these teams its first event, `event` with the team's id and seq 1.

    One INSERT ... SELECT per chunk of names: the event's values are bound once per statement
    instead of once per team, which for 100,000 teams saved seconds of converting the same
    timestamp and JSON to SQL over and over.
    """
    columns = ["team_id", "seq", *event]
    teams = _TEAM_TABLE.c
    for chunk in chunks(names):
        values = [literal(value, _EVENT_TABLE.c[key].type) for key, value in event.items()]
        source = select(teams.id, literal(1), *values).where(teams.name.in_(chunk))
        session.connection().execute(insert(_EVENT_TABLE).from_select(columns, source))


class StoredTeam(NamedTuple):
    id: int
    name: str
    snapshot_id: int
    phase: str
    status: str
    counters: dict[str, Any]
    kind: str
    leader: str | None
    last_activity: datetime
    deadline: date | None
    phase_entered_seq: int


def team_rows(session: Session, matched: Select[int]) -> Iterator[StoredTeam]:
    """The matched teams by name, streamed in batches so that 100,000 are never all in memory.

    For that many rows SQLAlchemy's per-value result processing (on SQLite a regular expression
    per datetime and a json.loads per counters value) costs more than the query itself. So the
    three typed columns come as the driver gives them, text on SQLite and Python values on
    PostgreSQL, and are decoded here; counters repeat across teams and are decoded once each.
    """
    columns = Team.__table__.c
    # Through the connection: rows of plain columns need none of the ORM's loading machinery.
    result = session.connection().execute(
        select(
            columns.id,
            columns.name,
            columns.snapshot_id,
            columns.phase,
            columns.status,
            type_coerce(columns.counters, String),
            columns.kind,
            columns.leader,
            type_coerce(columns.last_activity, String),
            type_coerce(columns.deadline, String),
            columns.phase_entered_seq,
        )
        .where(columns.id.in_(matched))
        .order_by(columns.name)
        .execution_options(yield_per=2000)
    )
    decoded: dict[str, dict[str, Any]] = {}
    for row in (row for batch in result.partitions() for row in batch):
        counters: Any = row[5]
        if isinstance(counters, str):
            text, counters = counters, decoded.get(counters)
            if counters is None:
                counters = decoded[text] = json.loads(text)
        yield StoredTeam(
            row[0],
            row[1],
            row[2],
            row[3],
            row[4],
            counters,
            row[6],
            row[7],
            _moment(row[8]),
            _day(row[9]),
            row[10],
        )


def school_names(session: Session, matched: Select[int]) -> dict[int, list[str]]:
    """The names of each matched team's schools, in alphabetical order."""
    found: dict[int, list[str]] = {}
    links = team_schools.c
    for team_id, name in session.connection().execute(
        select(links.team_id, School.__table__.c.name)
        .join(School.__table__, School.__table__.c.id == links.school_id)
        .where(links.team_id.in_(matched))
        .order_by(School.__table__.c.name)
    ):
        found.setdefault(team_id, []).append(name)
    return found


def _moment(value: str | datetime) -> datetime:
    # Stored as naive UTC (see UTCDateTime); SQLite gives "YYYY-MM-DD HH:MM:SS.ffffff". Parsing
    # with the offset appended is five times quicker than datetime.replace(tzinfo=...).
    if isinstance(value, str):
        return datetime.fromisoformat(value + "+00:00")
    return value.replace(tzinfo=UTC)


def _day(value: str | date | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value

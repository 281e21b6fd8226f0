"""Many teams at once: a foundation's roster written in one transaction with batched inserts,
and every team read back for the overview with a fixed number of queries. The engine decides;
this stores."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any, NamedTuple, TypeVar

from sqlalchemy import (
    JSON,
    Select,
    String,
    Table,
    insert,
    literal,
    literal_column,
    null,
    select,
    type_coerce,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from plg.storage.models import EVENTS, TEAMS, School, Team, table, team_schools
from plg.storage.names import name_key

Q = TypeVar("Q", bound=Select[Any])

# Core, not ORM, inserts: the ORM's bulk path spent more time collecting rows than SQLite
# spent writing them.
_SCHOOLS = table(School)


def existing_names(session: Session, names: list[str]) -> list[str]:
    """The names of the teams that these names match (plg.storage.names)."""
    found: list[str] = []
    for chunk in chunks(names):
        found += session.scalars(select(Team.name).where(Team.name.in_(chunk)))
    for chunk in chunks([name_key(name) for name in names]):
        found += session.scalars(select(Team.name).where(Team.name_key.in_(chunk)))
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


def insert_rows(
    session: Session,
    table: Table,
    rows: list[dict[str, Any]],
    shared: dict[str, Any] | None = None,
) -> None:
    """INSERT many rows with the same keys, each with the `shared` values as well.

    On PostgreSQL by COPY: psycopg's executemany sends rows one by one, which for 100,000 teams
    took longer than the rest of a bulk start. Elsewhere by one executemany, with the shared
    values written into the statement: converting the same timestamp and JSON for every row
    took longer than SQLite's writing them. Either way each shared value goes through its
    column's type once.
    """
    if not rows:
        return
    shared = shared or {}
    connection = session.connection()
    dialect = connection.dialect
    stored = {key: _stored(table.c[key], value, dialect) for key, value in shared.items()}
    if not _by_copy(session):
        constants = {key: _sql_literal(value, dialect) for key, value in stored.items()}
        connection.execute(insert(table).values(constants), rows)
        return
    keys = list(rows[0])
    converters = [_converter(table.c[key], dialect) for key in keys]
    fixed = list(stored.values())
    quote = dialect.identifier_preparer
    columns = ", ".join(quote.quote(key) for key in [*keys, *stored])
    command = f"COPY {quote.format_table(table)} ({columns}) FROM STDIN"
    with _driver_cursor(session, command) as cursor, cursor.copy(command) as copy:
        for row in rows:
            copy.write_row(
                [
                    row[key] if convert is None else convert(row[key])
                    for key, convert in zip(keys, converters, strict=True)
                ]
                + fixed
            )


@contextmanager
def _driver_cursor(session: Session, statement: str) -> Iterator[Any]:
    """The driver's own cursor on the session's connection, for what SQLAlchemy does not
    offer (COPY) or does slowly; its errors raised as SQLAlchemy would have raised them, so
    that a taken name is an IntegrityError like any other."""
    connection = session.connection()
    dbapi = connection.dialect.loaded_dbapi
    cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        yield cursor
    except dbapi.Error as error:
        raise DBAPIError.instance(statement, None, error, dbapi.Error) from error


def _by_copy(session: Session) -> bool:
    """Whether rows go by COPY: on PostgreSQL through psycopg, which offers it."""
    return session.connection().dialect.driver == "psycopg"


def _converter(column: Any, dialect: Dialect) -> Callable[[Any], Any] | None:
    """How a value is made what the database takes for `column`: as SQLAlchemy would bind it,
    and JSON as text (for COPY, which has no JSON adapter of its own); None: as it is."""
    if isinstance(column.type, JSON):
        return lambda value: None if value is None else json.dumps(value)
    processor = column.type.dialect_impl(dialect).bind_processor(dialect)
    if processor is None:
        return None
    return lambda value: None if value is None else processor(value)


def _stored(column: Any, value: Any, dialect: Dialect) -> Any:
    convert = _converter(column, dialect)
    return value if convert is None else convert(value)


def _sql_literal(value: Any, dialect: Dialect) -> Any:
    """A converted value written into the statement itself, quoted by SQLAlchemy."""
    if value is None:
        return null()
    rendered = literal(value).compile(dialect=dialect, compile_kwargs={"literal_binds": True})
    return literal_column(str(rendered))


def insert_teams(session: Session, rows: list[dict[str, Any]], shared: dict[str, Any]) -> list[int]:
    """Insert team rows, each with the `shared` values too; their new ids, in row order."""
    if _by_copy(session):
        # COPY returns no ids: take them from the table's sequence first, in one query, read
        # through the driver's cursor (100,000 of SQLAlchemy's rows cost more than the query).
        query = "SELECT nextval(pg_get_serial_sequence('teams', 'id')) FROM generate_series(1, %s)"
        with _driver_cursor(session, query) as cursor:
            cursor.execute(query, (len(rows),))
            ids = [number for (number,) in cursor.fetchall()]
        numbered = [{"id": i, **row} for i, row in zip(ids, rows, strict=True)]
        insert_rows(session, TEAMS, numbered, shared)
        return ids
    # RETURNING in parameter order makes SQLite insert one row per statement; an executemany
    # and one look-up by the (unique) names is several times faster.
    insert_rows(session, TEAMS, rows, shared)
    names = [row["name"] for row in rows]
    found: dict[str, int] = {}
    for chunk in chunks(names):
        found.update(
            (name, id_)
            for name, id_ in session.execute(select(Team.name, Team.id).where(Team.name.in_(chunk)))
        )
    return [found[name] for name in names]


def insert_first_events(session: Session, team_ids: list[int], event: dict[str, Any]) -> None:
    """Give each of these teams its first event: `event`, with the team's id and seq 1."""
    rows = [{"team_id": team_id} for team_id in team_ids]
    insert_rows(session, EVENTS, rows, {"seq": 1, **event})


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
    archived_at: datetime | None


def within(query: Q, column: Any, matched: Select[tuple[int]] | None) -> Q:
    """`query` limited to the teams `matched` selects; all teams when it is None."""
    return query if matched is None else query.where(column.in_(matched))


def team_rows(
    session: Session, matched: Select[tuple[int]] | None, *, archived: bool = False
) -> Iterator[StoredTeam]:
    """The matched teams by name, streamed in batches so that 100,000 are never all in memory;
    archived ones only with `archived`.

    For that many rows SQLAlchemy's per-value result processing (on SQLite a regular expression
    per datetime and a json.loads per counters value) costs more than the query itself. So the
    three typed columns come as the driver gives them, text on SQLite and Python values on
    PostgreSQL, and are decoded here; counters repeat across teams and are decoded once each.
    """
    teams = TEAMS.c
    # Through the connection: rows of plain columns need none of the ORM's loading machinery.
    query = select(
        teams.id,
        teams.name,
        teams.snapshot_id,
        teams.phase,
        teams.status,
        type_coerce(teams.counters, String),
        teams.kind,
        teams.leader,
        type_coerce(teams.last_activity, String),
        type_coerce(teams.deadline, String),
        teams.phase_entered_seq,
        type_coerce(teams.archived_at, String),
    )
    if not archived:
        query = query.where(teams.archived_at.is_(None))
    result = session.connection().execute(
        within(query, teams.id, matched).order_by(teams.name).execution_options(yield_per=2000)
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
            _moment(row[11]) if row[11] is not None else None,
        )


def school_names(
    session: Session, matched: Select[tuple[int]] | None
) -> dict[int, tuple[str, ...]]:
    """The names of each matched team's schools, in alphabetical order.

    A query of its own rather than an aggregate joined to the teams': with statistics not yet
    updated after a bulk start, PostgreSQL planned that join as a loop over every pair of
    teams, which ran for minutes.
    """
    found: dict[int, list[str]] = {}
    links, schools = team_schools.c, _SCHOOLS.c
    query = select(links.team_id, schools.name).join(_SCHOOLS, schools.id == links.school_id)
    result = session.connection().execute(
        within(query, links.team_id, matched).execution_options(yield_per=5000)
    )
    # In batches, not row by row (for 100,000 teams that took a fifth of the overview), and
    # sorted here: most teams have one school, which needs no sorting.
    for batch in result.partitions():
        for team_id, name in batch:
            found.setdefault(team_id, []).append(name)
    # Teams of the same schools share one tuple.
    shared: dict[tuple[str, ...], tuple[str, ...]] = {}
    return {
        team: shared.setdefault(key, key)
        for team, names in found.items()
        for key in [tuple(sorted(names)) if len(names) > 1 else (names[0],)]
    }


def _moment(value: str | datetime) -> datetime:
    # Stored as naive UTC (see UTCDateTime); SQLite gives "YYYY-MM-DD HH:MM:SS.ffffff". Parsing
    # with the offset appended is five times quicker than datetime.replace(tzinfo=...).
    if isinstance(value, str):
        return datetime.fromisoformat(value + "+00:00")
    return value.replace(tzinfo=UTC)


def _day(value: str | date | None) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value

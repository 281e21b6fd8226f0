"""The one write every action makes: the team's row and its next event.

Two plain statements instead of the ORM's unit of work, which for this write took longer than
the database's own commit. The row version guards the update exactly as the ORM's version
counter does: a team that someone else changed since it was read is a StaleDataError.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, insert, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.exc import StaleDataError

from plg.storage.models import EVENTS, TEAMS, Team

# Without .values(), the columns to set come from the parameters of each call; the two in the
# WHERE clause have names no column has.
_UPDATE = update(TEAMS).where(
    TEAMS.c.id == bindparam("where_id"), TEAMS.c.row_version == bindparam("where_version")
)
_INSERT = insert(EVENTS)


def save_change(
    session: Session, team: Team, values: dict[str, Any], event: dict[str, Any]
) -> None:
    """Write `values` to the team's row and insert `event`; the loaded `team` takes the new
    values as its committed state, so that the rest of the transaction sees them."""
    version = team.row_version
    values = {**values, "row_version": version + 1}
    connection = session.connection()
    updated = connection.execute(_UPDATE, {**values, "where_id": team.id, "where_version": version})
    if updated.rowcount != 1:
        raise StaleDataError(f"team {team.id} changed since it was read")
    connection.execute(_INSERT, event)
    for key, value in values.items():
        set_committed_value(team, key, value)

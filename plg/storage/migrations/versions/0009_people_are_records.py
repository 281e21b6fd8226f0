"""Memberships, ended stays and attendances refer to the person, not only to a name.

Each name is linked to the person of exactly that name; failing that, to the one person whose
name is the same but for case, accents and spaces, if there is exactly one, and then shows that
person's name (in the team's leaders, charter and case pupils too). A name that neither finds,
or whose team or meeting has the person's name already, keeps its row as it was, without a
person: nothing is dropped, and `plg check` lists it.

Revision ID: 0009
Revises: 0007

"""

import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: str | Sequence[str] | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("members", "former_members", "attendances")

_people = sa.table("people", sa.column("id", sa.Integer()), sa.column("name", sa.String()))
_teams = sa.table("teams", sa.column("id", sa.Integer()), sa.column("leader", sa.Text()))
_charters = sa.table("charters", sa.column("team_id", sa.Integer()), sa.column("needs", sa.JSON()))
_pupils = sa.table(
    "case_pupils", sa.column("team_id", sa.Integer()), sa.column("observer", sa.String())
)
# Each table, and the column within whose rows a name is unique (its key with the name).
_WITHIN = {"members": "team_id", "former_members": None, "attendances": "meeting_id"}


def upgrade() -> None:
    for name in _TABLES:
        with op.batch_alter_table(name) as batch_op:
            batch_op.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
            batch_op.create_index(f"ix_{name}_person_id", ["person_id"])
            batch_op.create_foreign_key(f"fk_{name}_person_id", "people", ["person_id"], ["id"])
    _link(op.get_bind())


def _link(connection: sa.Connection) -> None:
    exact: dict[str, int] = {}
    loose: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for person_id, name in connection.execute(sa.select(_people.c.id, _people.c.name)):
        exact[name] = person_id
        loose[_loose(name)].append((person_id, name))
    for table in _TABLES:
        rows = _named(table)
        for (kept,) in connection.execute(sa.select(rows.c.person).distinct()).all():
            if kept in exact:
                connection.execute(
                    rows.update().where(rows.c.person == kept).values(person_id=exact[kept])
                )
            elif len(loose[_loose(kept)]) == 1:
                [(person_id, name)] = loose[_loose(kept)]
                _take_name(connection, table, kept, person_id, name)


def _named(table: str) -> sa.TableClause:
    columns: list[sa.ColumnClause[Any]] = [
        sa.column("person", sa.String()),
        sa.column("person_id", sa.Integer()),
    ]
    within = _WITHIN[table]
    if within is not None:
        columns.append(sa.column(within, sa.Integer()))
    return sa.table(table, *columns)


def _take_name(connection: sa.Connection, table: str, kept: str, person_id: int, name: str) -> None:
    """Link the rows under `kept` to the person, under the person's `name`: the name a row
    shows is its person's. Where the same team (or meeting) has `name` already, the row is
    left as it was: the two may be one person entered twice, or two people."""
    rows = _named(table)
    within = _WITHIN[table]
    where = rows.c.person == kept
    if within is not None:
        other = rows.alias("other")
        taken = sa.select(other.c.person).where(
            other.c[within] == rows.c[within],
            other.c.person == name,
        )
        where = sa.and_(where, ~taken.exists())
    if table != "members":
        connection.execute(rows.update().where(where).values(person=name, person_id=person_id))
        return
    teams = [team for (team,) in connection.execute(sa.select(rows.c.team_id).where(where))]
    connection.execute(rows.update().where(where).values(person=name, person_id=person_id))
    # What a team keeps under its members' names: its leaders, its charter's needs, the case
    # pupils its members observe.
    for team in teams:
        leaders = connection.execute(
            sa.text(
                "SELECT person FROM members WHERE team_id = :team AND role = 'leader' "
                "ORDER BY person"
            ),
            {"team": team},
        ).scalars()
        connection.execute(
            _teams.update().where(_teams.c.id == team).values(leader=", ".join(leaders) or None)
        )
        needs = connection.execute(
            sa.select(_charters.c.needs).where(_charters.c.team_id == team)
        ).scalar()
        if needs and kept in needs and name not in needs:
            needs[name] = needs.pop(kept)
            connection.execute(
                _charters.update().where(_charters.c.team_id == team).values(needs=needs)
            )
        connection.execute(
            _pupils.update()
            .where(_pupils.c.team_id == team, _pupils.c.observer == kept)
            .values(observer=name)
        )


def _loose(name: str) -> str:
    """A name without regard to case, accents and spaces: 'Zoë  de Vries' is 'zoedevries'."""
    decomposed = unicodedata.normalize("NFKD", name)
    kept = (c for c in decomposed if not unicodedata.combining(c) and not c.isspace())
    return "".join(kept).casefold()


def downgrade() -> None:
    for name in reversed(_TABLES):
        with op.batch_alter_table(name) as batch_op:
            batch_op.drop_constraint(f"fk_{name}_person_id", type_="foreignkey")
            batch_op.drop_index(f"ix_{name}_person_id")
            batch_op.drop_column("person_id")

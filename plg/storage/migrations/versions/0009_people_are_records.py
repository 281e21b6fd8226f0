"""Memberships, ended stays and attendances refer to the person, not only to a name.

Each name is linked to the person of exactly that name; failing that, to the one person whose
name is the same but for case, accents and spaces, if there is exactly one. A name that
neither finds keeps its row without a person: nothing is dropped, and `plg check` lists it.

Revision ID: 0009
Revises: 0007

"""

import unicodedata
from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0009"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("members", "former_members", "attendances")

_people = sa.table("people", sa.column("id", sa.Integer()), sa.column("name", sa.String()))


def upgrade() -> None:
    for name in _TABLES:
        with op.batch_alter_table(name) as batch_op:
            batch_op.add_column(sa.Column("person_id", sa.Integer(), nullable=True))
            batch_op.create_index(f"ix_{name}_person_id", ["person_id"])
            batch_op.create_foreign_key(f"fk_{name}_person_id", "people", ["person_id"], ["id"])
    _link(op.get_bind())


def _link(connection: sa.Connection) -> None:
    exact: dict[str, int] = {}
    loose: dict[str, list[int]] = defaultdict(list)
    for person_id, name in connection.execute(sa.select(_people.c.id, _people.c.name)):
        exact[name] = person_id
        loose[_loose(name)].append(person_id)
    for name in _TABLES:
        rows = sa.table(
            name, sa.column("person", sa.String()), sa.column("person_id", sa.Integer())
        )
        found: list[dict[str, object]] = []
        for (person,) in connection.execute(sa.select(rows.c.person).distinct()):
            match = exact.get(person)
            if match is None and len(loose[_loose(person)]) == 1:
                match = loose[_loose(person)][0]
            if match is not None:
                found.append({"name": person, "id": match})
        if found:
            connection.execute(
                rows.update()
                .where(rows.c.person == sa.bindparam("name"))
                .values(person_id=sa.bindparam("id")),
                found,
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

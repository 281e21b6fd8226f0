"""The key by which a team's or school's name matches (plg.storage.names): without regard to
case, accents and spaces, and unique, so that no second "rekenen groep 7" starts beside
"Rekenen groep 7".

A database may already hold two names with one key: the first (by id) gets it, the others keep
none and are still found by their exact names; `plg check` names them.

Revision ID: 0013
Revises: 0012

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from plg.storage.names import KEY_LENGTH, name_key

# revision identifiers, used by Alembic.
revision: str = "0013"
down_revision: str | Sequence[str] | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_TABLES = ("teams", "schools")


def upgrade() -> None:
    connection = op.get_bind()
    for name in _TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.add_column(sa.Column("name_key", sa.String(length=KEY_LENGTH), nullable=True))
        table = sa.table(name, sa.column("id", sa.Integer), sa.column("name", sa.String))
        keys = sa.table(name, sa.column("id", sa.Integer), sa.column("name_key", sa.String))
        taken: set[str] = set()
        rows: list[dict[str, object]] = []
        for id_, stored in connection.execute(sa.select(table.c.id, table.c.name).order_by("id")):
            key = name_key(stored)
            if key not in taken:
                taken.add(key)
                rows.append({"row": id_, "key": key})
        if rows:
            connection.execute(
                keys.update()
                .where(keys.c.id == sa.bindparam("row"))
                .values(name_key=sa.bindparam("key")),
                rows,
            )
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.create_unique_constraint(f"uq_{name}_name_key", ["name_key"])


def downgrade() -> None:
    for name in _TABLES:
        with op.batch_alter_table(name, schema=None) as batch_op:
            batch_op.drop_constraint(f"uq_{name}_name_key", type_="unique")
            batch_op.drop_column("name_key")

"""A person's functions at their school: teacher, internal coach, director and so on.

Revision ID: 0010
Revises: 0007

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0010"
down_revision: str | Sequence[str] | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "person_functions",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("function", sa.String(length=40), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person_id", "function"),
    )


def downgrade() -> None:
    op.drop_table("person_functions")

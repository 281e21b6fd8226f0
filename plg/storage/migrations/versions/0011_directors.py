"""Directors of schools, and their approvals of people's network hours.

Revision ID: 0011
Revises: 0007

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0011"
down_revision: str | Sequence[str] | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "directors",
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("school_id", sa.Integer(), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["school_id"], ["schools.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("person", "school_id"),
    )
    op.create_index("ix_directors_school_id", "directors", ["school_id"])
    op.create_table(
        "hours_approvals",
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("approved_by", sa.String(length=200), nullable=False),
        sa.Column("approved_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("person", "year"),
    )


def downgrade() -> None:
    op.drop_table("hours_approvals")
    op.drop_index("ix_directors_school_id", table_name="directors")
    op.drop_table("directors")

"""Mistakes that can be mended: a team archived (kept, but left out of lists), a meeting or a
record removed (hidden, never deleted, until it is restored or purged), and what was purged for
good, kept after the team's own history is gone.

Revision ID: 0008
Revises: 0007

"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("teams") as batch:
        batch.add_column(sa.Column("archived_at", sa.DateTime(), nullable=True))
    for name in ("records", "meetings"):
        with op.batch_alter_table(name) as batch:
            batch.add_column(sa.Column("removed_at", sa.DateTime(), nullable=True))
            batch.add_column(sa.Column("removed_by", sa.String(length=200), nullable=True))
    op.create_table(
        "purges",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("team", sa.String(length=120), nullable=False),
        sa.Column("what", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    op.drop_table("purges")
    for name in ("meetings", "records"):
        with op.batch_alter_table(name) as batch:
            batch.drop_column("removed_by")
            batch.drop_column("removed_at")
    with op.batch_alter_table("teams") as batch:
        batch.drop_column("archived_at")

"""People's roles in teams and across the foundation, and settings of the whole database.

Revision ID: 0003
Revises: 0002

The leader a team was started with becomes its first member, as its leader; the team's
`leader` column is kept as the list of its leaders' names, so it grows to a text.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "members",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("team_id", "person"),
    )
    op.create_table(
        "project_leaders",
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("person"),
    )
    op.create_table(
        "settings",
        sa.Column("key", sa.String(length=40), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.execute(
        "INSERT INTO members (team_id, person, role, joined_at) "
        "SELECT id, leader, 'leader', created_at FROM teams WHERE leader IS NOT NULL"
    )
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.alter_column(
            "leader", existing_type=sa.String(length=200), type_=sa.Text(), existing_nullable=True
        )


def downgrade() -> None:
    with op.batch_alter_table("teams", schema=None) as batch_op:
        batch_op.alter_column(
            "leader", existing_type=sa.Text(), type_=sa.String(length=200), existing_nullable=True
        )
    op.drop_table("settings")
    op.drop_table("project_leaders")
    op.drop_table("members")

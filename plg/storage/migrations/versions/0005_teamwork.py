"""Team charters, meetings with their attendees, the hypothesis register, lesson study's case
pupils (by pseudonym) with their predicted and observed responses, and former members.

Revision ID: 0005
Revises: 0004

"""

from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "charters",
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("needs", sa.JSON(), nullable=False),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("team_id"),
    )
    op.create_table(
        "meetings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("held_on", sa.Date(), nullable=False),
        sa.Column("minutes", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("phase", sa.String(length=40), nullable=False),
        sa.Column("agenda", sa.Text(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_meetings_team", "meetings", ["team_id", "held_on"], unique=False)
    op.create_table(
        "attendances",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("meeting_id", "person"),
    )
    op.create_index("ix_attendances_person", "attendances", ["person"], unique=False)
    op.create_table(
        "hypotheses",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("data", sa.Text(), nullable=True),
        sa.Column("verdict", sa.Text(), nullable=True),
        sa.Column("proposed_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "number", name="uq_hypotheses_team_number"),
    )

    op.create_table(
        "former_members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("person", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.Column("left_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_former_members_team_id", "former_members", ["team_id"], unique=False)
    _former_members_from_events()
    op.create_table(
        "case_pupils",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("team_id", sa.Integer(), nullable=False),
        sa.Column("lesson", sa.Integer(), nullable=False),
        sa.Column("pseudonym", sa.String(length=60), nullable=False),
        sa.Column("stands_for", sa.Text(), nullable=False),
        sa.Column("observer", sa.String(length=200), nullable=True),
        sa.ForeignKeyConstraint(["team_id"], ["teams.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("team_id", "lesson", "pseudonym", name="uq_case_pupils_lesson"),
    )
    op.create_table(
        "pupil_notes",
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("stage", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["pupil_id"], ["case_pupils.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("pupil_id", "stage", "kind"),
    )


_EVENTS = sa.table(
    "events",
    sa.column("team_id", sa.Integer()),
    sa.column("seq", sa.Integer()),
    sa.column("kind", sa.String()),
    sa.column("at", sa.DateTime()),
    sa.column("detail", sa.JSON()),
)
_TEAMS = sa.table("teams", sa.column("id", sa.Integer()), sa.column("created_at", sa.DateTime()))
_FORMER = sa.table(
    "former_members",
    sa.column("team_id", sa.Integer()),
    sa.column("person", sa.String()),
    sa.column("role", sa.String()),
    sa.column("joined_at", sa.DateTime()),
    sa.column("left_at", sa.DateTime()),
)


def _day_or(detail: dict[str, Any], key: str, moment: datetime) -> datetime:
    day = detail.get(key)
    return datetime.combine(date.fromisoformat(day), time()) if day else moment


def _former_members_from_events() -> None:
    """The stays that ended before this revision, rebuilt from the join and leave events, so
    that meetings from before someone left can be entered with them."""
    bind = op.get_bind()
    started = {team_id: created for team_id, created in bind.execute(sa.select(*_TEAMS.c))}
    rows = bind.execute(
        sa.select(_EVENTS.c.team_id, _EVENTS.c.kind, _EVENTS.c.at, _EVENTS.c.detail)
        .where(_EVENTS.c.kind.in_(("join", "leave")))
        .order_by(_EVENTS.c.team_id, _EVENTS.c.seq)
    )
    joined: dict[tuple[int, str], datetime] = {}
    stays = []
    for team_id, kind, at, detail in rows:
        key = (team_id, detail["person"])
        if kind == "join":
            if detail.get("was") is None:
                joined[key] = _day_or(detail, "since", at)
            continue
        # A leader copied into members by 0003 joined when the team began, with no event.
        since = joined.pop(key, started[team_id])
        left = _day_or(detail, "on", at)
        stays.append(
            {
                "team_id": team_id,
                "person": detail["person"],
                "role": detail["role"],
                "joined_at": since,
                "left_at": left,
            }
        )
    if stays:
        bind.execute(_FORMER.insert(), stays)


def downgrade() -> None:
    op.drop_table("pupil_notes")
    op.drop_table("case_pupils")
    op.drop_table("hypotheses")
    op.drop_index("ix_former_members_team_id", table_name="former_members")
    op.drop_table("former_members")
    op.drop_index("ix_attendances_person", table_name="attendances")
    op.drop_table("attendances")
    op.drop_index("ix_meetings_team", table_name="meetings")
    op.drop_table("meetings")
    op.drop_table("charters")

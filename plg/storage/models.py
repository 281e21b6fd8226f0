"""The database tables. Only the engine writes them; every change to a team comes with its event."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, ClassVar, cast

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.engine.default import DefaultExecutionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from plg.storage.names import KEY_LENGTH, name_key


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite keeps no time zone of its own)."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.astimezone(UTC).replace(tzinfo=None) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return value.replace(tzinfo=UTC) if value is not None else None


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {datetime: UTCDateTime, dict[str, Any]: JSON}


def table(model: type[Base]) -> Table:
    """A model's table, for Core statements: the ORM's own path costs more than some of them
    take to run. Declared as a FromClause; every model here maps exactly one Table."""
    return cast(Table, model.__table__)


class MethodSnapshot(Base):
    """The exact definition a team started on, so it keeps working when the method changes."""

    __tablename__ = "method_snapshots"
    id: Mapped[int] = mapped_column(primary_key=True)
    method_id: Mapped[str] = mapped_column(String(40))
    version: Mapped[str] = mapped_column(String(20))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # Deferred: read only the first time a process meets this snapshot (definitions are cached
    # by sha256), not with every team it loads.
    content: Mapped[str] = mapped_column(Text, deferred=True)
    stored_at: Mapped[datetime] = mapped_column(default=utcnow)


def _key_of_name(context: DefaultExecutionContext) -> str:
    parameters: dict[str, Any] = context.get_current_parameters()  # type: ignore[no-untyped-call]
    return name_key(parameters["name"])


class School(Base):
    __tablename__ = "schools"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    # The name as it matches (plg.storage.names): unique, so that "cbs de vlinder" cannot be
    # added beside "CBS De Vlinder". None for a school whose key an older one already had when
    # keys came (migration 0012): both are kept, each found by its own exact name.
    name_key: Mapped[str | None] = mapped_column(
        String(KEY_LENGTH), unique=True, default=_key_of_name
    )
    # The short code a foundation knows the school by (its BRIN number, say); schools that a
    # team start made have none until someone adds it.
    code: Mapped[str | None] = mapped_column(String(20), unique=True)


team_schools = Table(
    "team_schools",
    Base.metadata,
    Column("team_id", ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True),
    Column("school_id", ForeignKey("schools.id"), primary_key=True),
)


class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    # As School.name_key: "rekenen groep 7" cannot start beside "Rekenen groep 7".
    name_key: Mapped[str | None] = mapped_column(
        String(KEY_LENGTH), unique=True, default=_key_of_name
    )
    snapshot_id: Mapped[int] = mapped_column(ForeignKey("method_snapshots.id"), index=True)
    phase: Mapped[str] = mapped_column(String(40), index=True)
    status: Mapped[str] = mapped_column(String(20))
    counters: Mapped[dict[str, Any]]
    kind: Mapped[str] = mapped_column(String(20))
    # The names of the team's leaders (see Member), kept here by the engine with every change to
    # them, so that listing a foundation's teams needs no look-up per team. `plg check` checks
    # that they agree.
    leader: Mapped[str | None] = mapped_column(Text)
    deadline: Mapped[date | None]
    # The seq of the event that brought the team into its current phase: ticks and records of
    # this visit have a higher seq, so a loop back starts the phase's checklist afresh.
    phase_entered_seq: Mapped[int]
    last_seq: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_activity: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    row_version: Mapped[int] = mapped_column(nullable=False)
    # Set while the team is archived: kept whole, changed by nobody, left out of lists.
    archived_at: Mapped[datetime | None]

    snapshot: Mapped[MethodSnapshot] = relationship()
    schools: Mapped[list[School]] = relationship(secondary=team_schools, order_by=School.name)

    __mapper_args__ = {"version_id_col": row_version}  # noqa: RUF012 (SQLAlchemy reads it)


TEAMS = table(Team)


class Event(Base):
    """Append-only: who did what to a team, when, and why."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    seq: Mapped[int]
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20))
    from_phase: Mapped[str | None] = mapped_column(String(40))
    to_phase: Mapped[str | None] = mapped_column(String(40))
    trigger: Mapped[str | None] = mapped_column(String(40))
    reason: Mapped[str | None] = mapped_column(Text)
    detail: Mapped[dict[str, Any]]

    __table_args__ = (UniqueConstraint("team_id", "seq", name="uq_events_team_seq"),)


EVENTS = table(Event)


class Tick(Base):
    """A manual checklist item ticked during the team's current visit of a phase."""

    __tablename__ = "ticks"
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    visit: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    phase: Mapped[str] = mapped_column(String(40))
    seq: Mapped[int]


class Blob(Base):
    """File content, stored once per content hash; never under a name the user chose."""

    __tablename__ = "blobs"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    size: Mapped[int]
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Record(Base):
    """An artefact the team produced or evidence it collected, saved in a phase visit."""

    __tablename__ = "records"
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"))
    seq: Mapped[int]
    category: Mapped[str] = mapped_column(String(10))
    kind: Mapped[str] = mapped_column(String(40))
    title: Mapped[str] = mapped_column(String(200))
    phase: Mapped[str] = mapped_column(String(40))
    visit: Mapped[int]
    text: Mapped[str | None] = mapped_column(Text)
    value: Mapped[float | None] = mapped_column(Float)
    blob_sha256: Mapped[str | None] = mapped_column(ForeignKey("blobs.sha256"))
    filename: Mapped[str | None] = mapped_column(String(255))
    size: Mapped[int | None] = mapped_column(Integer)
    actor: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Set while the record is removed: a mistake hidden, not deleted, until it is restored.
    removed_at: Mapped[datetime | None]
    removed_by: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (Index("ix_records_team_visit", "team_id", "visit"),)


class Member(Base):
    """A person's role in a team: its leader (a network's lead), a member or a facilitator.

    `person_id` is who it is; `person` is their name, kept by the engine in step with the
    person's record (see Person), so that reading a team's members needs no join. A name that
    an upgrade could not link to a person has no `person_id` (`plg check` lists them)."""

    __tablename__ = "members"
    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    person: Mapped[str] = mapped_column(String(200), primary_key=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)


class FormerMember(Base):
    """A stay in a team that has ended: who, in which role, from when until when. Kept so that
    a meeting held before someone left can still be entered with them."""

    __tablename__ = "former_members"
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"), index=True)
    # As in Member: the name kept in step with the person's record.
    person: Mapped[str] = mapped_column(String(200))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    role: Mapped[str] = mapped_column(String(20))
    joined_at: Mapped[datetime]
    left_at: Mapped[datetime]


class ProjectLeader(Base):
    """A person who oversees every team of the foundation."""

    __tablename__ = "project_leaders"
    person: Mapped[str] = mapped_column(String(200), primary_key=True)
    since: Mapped[datetime] = mapped_column(default=utcnow)


class Director(Base):
    """A person who leads a school (its director, schoolleider): they see its teams, approve
    their topics and the network hours of its staff. A person may direct several schools."""

    __tablename__ = "directors"
    person: Mapped[str] = mapped_column(String(200), primary_key=True)
    school_id: Mapped[int] = mapped_column(
        ForeignKey("schools.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    since: Mapped[datetime] = mapped_column(default=utcnow)


class HoursApproval(Base):
    """A director's approval of a person's network hours for a school year (the year it
    begins in), with the hours it approved: meetings entered later are not approved yet."""

    __tablename__ = "hours_approvals"
    person: Mapped[str] = mapped_column(String(200), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    minutes: Mapped[int]
    approved_by: Mapped[str] = mapped_column(String(200))
    approved_at: Mapped[datetime]


class Setting(Base):
    """One setting of the whole database, such as whether roles are checked."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class Person(Base):
    """Someone in the foundation: a teacher, a leader, a facilitator. Memberships and
    attendances refer to them by id and carry a copy of their name, which the engine changes
    with the name (`plg.storage.people.rename_person`)."""

    __tablename__ = "people"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    email: Mapped[str | None] = mapped_column(String(200))
    school_id: Mapped[int | None] = mapped_column(ForeignKey("schools.id"))


class PersonFunction(Base):
    """One of a person's functions at their school (teacher, internal coach, director...): the
    ids in plg.engine.inputs.FUNCTIONS. A person may have several, or none."""

    __tablename__ = "person_functions"
    person_id: Mapped[int] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), primary_key=True
    )
    function: Mapped[str] = mapped_column(String(40), primary_key=True)


class Charter(Base):
    """What a team agreed before it began: the answers to the charter's questions and what each
    member wants to learn. `complete` is kept by the engine with every change to the charter or
    the members, so that a checklist read needs no look at the answers."""

    __tablename__ = "charters"
    team_id: Mapped[int] = mapped_column(
        ForeignKey("teams.id", ondelete="CASCADE"), primary_key=True
    )
    # question id -> answer
    answers: Mapped[dict[str, Any]]
    # member -> what they want to learn
    needs: Mapped[dict[str, Any]]
    complete: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)


class Meeting(Base):
    """A meeting of a team, in the phase the team was in; its length counts for each attendee."""

    __tablename__ = "meetings"
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    held_on: Mapped[date]
    minutes: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    phase: Mapped[str] = mapped_column(String(40))
    agenda: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # As a record's: a removed meeting gives no hours until it is restored.
    removed_at: Mapped[datetime | None]
    removed_by: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (Index("ix_meetings_team", "team_id", "held_on"),)


class Attendance(Base):
    """Someone who was at a meeting (as in Member: the name kept in step with the person's
    record, so that hours are counted without a join)."""

    __tablename__ = "attendances"
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True
    )
    person: Mapped[str] = mapped_column(String(200), primary_key=True, index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)


class Hypothesis(Base):
    """One entry of a team's hypothesis register: open until the team accepts or rejects it."""

    __tablename__ = "hypotheses"
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    number: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(10))
    # The data that tested it and the verdict, given with the decision.
    data: Mapped[str | None] = mapped_column(Text)
    verdict: Mapped[str | None] = mapped_column(Text)
    proposed_at: Mapped[datetime] = mapped_column(default=utcnow)
    decided_at: Mapped[datetime | None]

    __table_args__ = (UniqueConstraint("team_id", "number", name="uq_hypotheses_team_number"),)


class CasePupil(Base):
    """A case pupil of one research lesson: a pseudonym, never a name, and the group of pupils
    they stand for; one team member observes them."""

    __tablename__ = "case_pupils"
    id: Mapped[int] = mapped_column(primary_key=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id", ondelete="CASCADE"))
    lesson: Mapped[int]
    pseudonym: Mapped[str] = mapped_column(String(60))
    stands_for: Mapped[str] = mapped_column(Text)
    observer: Mapped[str | None] = mapped_column(String(200))

    __table_args__ = (
        UniqueConstraint("team_id", "lesson", "pseudonym", name="uq_case_pupils_lesson"),
    )


class PupilNote(Base):
    """The response predicted for a case pupil in one lesson stage, or the one observed."""

    __tablename__ = "pupil_notes"
    pupil_id: Mapped[int] = mapped_column(
        ForeignKey("case_pupils.id", ondelete="CASCADE"), primary_key=True
    )
    stage: Mapped[str] = mapped_column(String(60), primary_key=True)
    kind: Mapped[str] = mapped_column(String(12), primary_key=True)  # prediction, observation
    text: Mapped[str] = mapped_column(Text)
    # The seq of the event that first wrote it: stages are shown in the order of the lesson.
    seq: Mapped[int]


class Account(Base):
    """Who may sign in to `plg serve`: a person's name and a scrypt hash of their password."""

    __tablename__ = "accounts"
    person: Mapped[str] = mapped_column(String(200), primary_key=True)
    password_hash: Mapped[str] = mapped_column(String(300))
    lang: Mapped[str] = mapped_column(String(2))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)


class SignInFailure(Base):
    """Failed sign-ins in a row under one name, known or not, from one client address (or
    from any, under `ANY_ADDRESS`), so every worker makes the next attempt wait longer; a
    good sign-in removes the name's rows."""

    __tablename__ = "sign_in_failures"
    ANY_ADDRESS: ClassVar[str] = "*"
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    address: Mapped[str] = mapped_column(String(64), primary_key=True)
    failures: Mapped[int]
    last_at: Mapped[datetime]


class WebSession(Base):
    """A signed-in session of the web page. The cookie holds a random token; the row is kept
    under its hash, so that the table alone lets no one in. Signing out removes the row."""

    __tablename__ = "web_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    person: Mapped[str] = mapped_column(
        ForeignKey("accounts.person", ondelete="CASCADE"), index=True
    )
    started_at: Mapped[datetime]
    seen_at: Mapped[datetime]
    # Whether the person asked to stay signed in (a cookie that outlives the browser).
    lasting: Mapped[bool]
    # What a form held when the session ended under it, to give back after signing in again.
    draft: Mapped[dict[str, Any] | None] = mapped_column(JSON(none_as_null=True))


class WebSecret(Base):
    """The key that signs the web sessions, shared by every worker of `plg serve`."""

    __tablename__ = "web_secrets"
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class Purge(Base):
    """What a project leader deleted for good (removed records and meetings, or an archived
    team with its whole history): kept after the team's own events are gone."""

    __tablename__ = "purges"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor: Mapped[str] = mapped_column(String(200))
    team: Mapped[str] = mapped_column(String(120))
    what: Mapped[str] = mapped_column(String(20))  # removed, team
    detail: Mapped[dict[str, Any]]


class Invitation(Base):
    """A one-time link to set a password, handed to a person by their project leader. The
    link holds a random token; the row is kept under its hash, like a web session's, so the
    table alone lets no one in. Used once (`used_at`), or void after `expires_at`."""

    __tablename__ = "invitations"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    person: Mapped[str] = mapped_column(
        ForeignKey("accounts.person", ondelete="CASCADE"), index=True
    )
    made_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

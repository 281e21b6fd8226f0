"""The engine: the only code that changes a team. Each action is one transaction with its event."""

from __future__ import annotations

import copy
import gc
import getpass
import math
import sqlite3
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import date, datetime, timedelta
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Select, Table, bindparam, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, undefer
from sqlalchemy.orm.exc import StaleDataError

from plg.engine import roles
from plg.engine.accounts import Accounts, visible_to
from plg.engine.charter import Charters, refresh_charter
from plg.engine.check import CheckReport, Progress, check, replay
from plg.engine.hypotheses import Hypotheses, hypothesis_views
from plg.engine.inputs import Content, TeamSpec, clean, free_text, read_file
from plg.engine.meetings import Meetings, meeting_views
from plg.engine.people import People, former_member_views, member_views
from plg.engine.pupils import CasePupils, lesson_of, pupil_views
from plg.engine.retry import T, retried
from plg.engine.roles import TeamAction
from plg.engine.sessions import WebSessions
from plg.errors import (
    Conflict,
    DatabaseBusy,
    DatabaseError,
    InvalidInput,
    NotFound,
    Refused,
    StaleWrite,
)
from plg.messages import Lang, t
from plg.methods.checklist import TeamState, registers
from plg.methods.definition import Category, MethodDefinition
from plg.methods.machine import Attempt, fire, triggers_from
from plg.methods.pinned import (
    apply_counters,
    definition_of,
    snapshot_for,
    start_counters,
    stored,
    transition,
    unmapped,
)
from plg.methods.registry import Available, Registry, load_registry
from plg.present.rows import (
    Names,
    blocking,
    checklist_view,
    moves,
    phase_place,
    record_view,
    team_row,
)
from plg.present.story import history as events_of
from plg.present.story import visits
from plg.present.views import (
    ChecklistView,
    EventView,
    Overview,
    PhasePlace,
    RecordView,
    TeamRow,
    TeamStory,
    TeamView,
)
from plg.storage import bulk, reads
from plg.storage.changes import save_change
from plg.storage.models import (
    Blob,
    Event,
    Member,
    MethodSnapshot,
    Record,
    School,
    Team,
    Tick,
    team_schools,
    utcnow,
)
from plg.storage.store import Store


class _CollectorPause:
    """Pause the cyclic garbage collector while a list of rows is built.

    Rows that all survive make the collector scan each of them again and again for nothing: they
    hold no cycles. For the overview of 100,000 teams that was a third of its time (measured).
    The collector is one for the process, and requests build lists in parallel threads: the
    first to pause it and the last to be done decide, under a lock, so that it always runs
    again after, as it ran before.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._paused = 0
        self._was_enabled = False

    @contextmanager
    def __call__(self) -> Iterator[None]:
        with self._lock:
            if self._paused == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._paused += 1
        try:
            yield
        finally:
            with self._lock:
                self._paused -= 1
                if self._paused == 0 and self._was_enabled:
                    gc.enable()


_collector_paused = _CollectorPause()


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers and services
        return "unknown"


_MEMBERS = cast(Table, Member.__table__)

# Whether this thread of work is inside an engine transaction. Not an attribute of the engine:
# one engine serves every request of a web server at once, each in a context of its own.
_IN_TRANSACTION: ContextVar[bool] = ContextVar("plg_in_transaction", default=False)

# The largest id an Integer column holds on every database plg supports.
_LARGEST_ID = 2**31 - 1

# Built once: on SQLite, building a statement anew took longer than running it.
_TEAM_BY_NAME = select(Team).where(Team.name == bindparam("name"))
_TEAM_FOR_UPDATE = _TEAM_BY_NAME.with_for_update(of=Team)


# The command that does what ticks an item of each kind of `satisfied_by`.
_SATISFIED_WITH = {
    "artefact": "plg artefact add",
    "evidence": "plg evidence add",
    "charter": "plg charter set",
    "hypothesis": "plg hypothesis add",
    "pupils": "plg pupil add|predict|observe",
}


class Engine(People, Charters, Hypotheses, Meetings, CasePupils, Accounts, WebSessions):
    """Runs research methods for teams stored in one database.

    `url` is any SQLAlchemy URL (default: SQLite in the user's data folder); `actor` is recorded on
    every event; `lang` chooses the language of titles and messages; `clock` exists for the demo
    and tests, which need to place events in the past.
    """

    def __init__(
        self,
        url: str | None = None,
        *,
        actor: str | None = None,
        lang: Lang = "nl",
        clock: Callable[[], datetime] = utcnow,
        methods: Registry | None = None,
    ) -> None:
        self.store = Store(url)
        # Written on every event, and compared with people's roles: a name like any other.
        self.actor = clean(actor or _default_actor(), 200, "actor_invalid")
        self.lang: Lang = lang
        self.clock = clock
        self._methods = methods
        self._checked = False
        self._pinned: dict[int, MethodDefinition] = {}
        self.enforce_roles = False

    def acting(self, actor: str, lang: Lang) -> Engine:
        """The same database, methods and caches, for a person who signed in: one a web
        request, with roles checked whatever the setting says."""
        other = copy.copy(self)
        other.actor = clean(actor, 200, "actor_invalid")
        other.lang = lang
        other.enforce_roles = True
        return other

    # -- database -----------------------------------------------------------------------------

    def init(self) -> str:
        """Create the database or upgrade it to this plg's schema; returns the revision."""
        revision = self.store.upgrade()
        self._checked = True
        return revision

    @contextmanager
    def _session(self, *, write: bool = False) -> Iterator[Session]:
        if _IN_TRANSACTION.get():
            # A second transaction inside the first would wait for SQLite's write lock that
            # the first one holds: a bug in plg, so say so at once instead of hanging.
            raise RuntimeError("nested engine transaction")
        if not self._checked:
            self.store.require_current()
            self._checked = True
        entered = _IN_TRANSACTION.set(True)
        try:
            with self.store.transaction(write=write) as session:
                yield session
        finally:
            _IN_TRANSACTION.reset(entered)

    def _change(self, name: str, action: TeamAction, change: Callable[[Session, Team], T]) -> T:
        """Run `change` on the team in a transaction of its own, its row locked meanwhile, if
        the actor may do `action` there."""

        def attempt() -> T:
            with self._session(write=True) as session:
                team = self._team(session, name, lock=True)
                roles.require(
                    session,
                    self.actor,
                    action,
                    team.id,
                    team.name,
                    self.lang,
                    always=self.enforce_roles,
                )
                return change(session, team)

        try:
            return retried(attempt, (StaleDataError, IntegrityError, DatabaseBusy))
        except (StaleDataError, IntegrityError):
            raise StaleWrite("stale_write", team=name) from None

    def close(self) -> None:
        self.store.dispose()

    # -- methods ------------------------------------------------------------------------------

    @property
    def registry(self) -> Registry:
        if self._methods is None:
            self._methods = load_registry()
        return self._methods

    def methods(self) -> list[Available]:
        return [self.registry.methods[key] for key in sorted(self.registry.methods)]

    def method(self, method_id: str) -> Available:
        return self.registry.get(method_id)

    # -- reading ------------------------------------------------------------------------------

    def _team(self, session: Session, name: str, *, lock: bool = False) -> Team:
        query = _TEAM_FOR_UPDATE if lock else _TEAM_BY_NAME
        team = session.scalars(query, {"name": name.strip()}).first()
        if team is None:
            raise NotFound("team_unknown", team=name)
        return team

    def _definition(self, session: Session, team: Team) -> MethodDefinition:
        """The definition the team is pinned to. Snapshots never change, so each is read once
        per engine instead of being joined to every team read."""
        found = self._pinned.get(team.snapshot_id)
        if found is None:
            found = self._pinned[team.snapshot_id] = definition_of(
                session.get_one(MethodSnapshot, team.snapshot_id)
            )
        return found

    def _read(self, session: Session, team: Team) -> tuple[TeamState, tuple[str, ...]]:
        """The team's state in its current visit, and its schools."""
        definition = self._definition(session, team)
        found = reads.visit(
            session,
            team.id,
            team.phase_entered_seq,
            lesson_of(team.counters),
            definition.registers,
        )
        state = TeamState(definition, team.phase, found.ticks, found.records, team.counters)
        return state, found.schools

    def _single_row(
        self, team: Team, definition: MethodDefinition, schools: tuple[str, ...]
    ) -> TeamRow:
        place = phase_place(self.lang, definition, team.phase)
        return team_row(team, place, schools, self.clock().date())

    def _counter_titles(self, definition: MethodDefinition) -> dict[str, str]:
        return {c.id: c.title(self.lang) for c in definition.counters}

    def team(self, name: str, *, pupils: bool = False) -> TeamView:
        """A team's phase, counters, checklist progress and the moves it can make now; with
        `pupils`, its checklist has the research lesson's case pupils, for a meeting sheet."""
        with self._session() as session:
            team = self._team(session, name)
            view = self._view(team, *self._read(session, team))
            if not pupils:
                return view
            return replace(view, checklist=self._with_pupils(session, team, view.checklist))

    def _with_pupils(self, session: Session, team: Team, view: ChecklistView) -> ChecklistView:
        """The checklist with the research lesson's case pupils, where the method has them."""
        if "pupils" not in self._definition(session, team).registers:
            return view
        pupils = pupil_views(session, team, lesson_of(team.counters))
        return replace(view, pupils=tuple(pupils))

    def _view(self, team: Team, state: TeamState, schools: tuple[str, ...]) -> TeamView:
        # Changes return the view from inside their own transaction: one round trip, and
        # exactly the state they committed.
        definition = state.definition
        return TeamView(
            row=self._single_row(team, definition, schools),
            counter_titles=self._counter_titles(definition),
            moves=moves(self.lang, state),
            checklist=checklist_view(self.lang, team, state),
            definition=definition,
        )

    def story(self, name: str) -> TeamStory:
        """The team's whole story, for a report to share with all staff."""
        with self._session() as session:
            team = self._team(session, name)
            definition = self._definition(session, team)
            found, events = visits(session, team, definition, self.lang)
            return TeamStory(
                row=self._single_row(team, definition, self._read(session, team)[1]),
                method_description=definition.description(self.lang),
                counter_titles=self._counter_titles(definition),
                visits=tuple(found),
                events=tuple(events),
                definition=definition,
                members=tuple(member_views(session, team)),
                former_members=tuple(former_member_views(session, team)),
                charter=self._charter_view(session, team),
                hypotheses=tuple(hypothesis_views(session, team)),
                meetings=tuple(meeting_views(session, team, Names(definition, self.lang))),
                pupils=tuple(pupil_views(session, team)),
            )

    def checklist(self, name: str) -> ChecklistView:
        with self._session() as session:
            team = self._team(session, name)
            view = checklist_view(self.lang, team, self._read(session, team)[0])
            return self._with_pupils(session, team, view)

    def teams(
        self,
        *,
        school: str | None = None,
        method: str | None = None,
        phase: str | None = None,
        stalled_days: int | None = None,
        seen_by: str | None = None,
    ) -> list[TeamRow]:
        """Teams matching every filter given, by name; with `seen_by`, only those that person
        may see.

        Three queries, whatever the number of teams: the teams, their schools, and the
        definitions they run on.
        """
        return self._rows(school, method, phase, stalled_days, seen_by)[0]

    def _rows(
        self,
        school: str | None,
        method: str | None,
        phase: str | None,
        stalled_days: int | None,
        seen_by: str | None = None,
    ) -> tuple[list[TeamRow], dict[int, MethodDefinition]]:
        """The rows of `teams`, and the definitions they run on by snapshot id."""
        # None when nothing is filtered: reading every team past an IN (...) of all their ids
        # took SQLite a quarter longer (measured on 100,000 teams).
        matched: Select[tuple[int]] | None = None
        if school or method or phase or seen_by:
            matched = select(Team.id)
            if seen_by:
                matched = matched.where(visible_to(seen_by))
            if school:
                matched = matched.where(Team.schools.any(School.name == school))
            if method:
                matched = matched.join(Team.snapshot).where(MethodSnapshot.method_id == method)
            if phase:
                matched = matched.where(Team.phase == phase)
        now = self.clock()
        stalled_before = now - timedelta(days=stalled_days) if stalled_days is not None else None
        with self._session() as session, _collector_paused():
            used = bulk.within(select(Team.snapshot_id), Team.id, matched).distinct()
            snapshots = session.scalars(
                select(MethodSnapshot)
                .where(MethodSnapshot.id.in_(used))
                .options(undefer(MethodSnapshot.content))
            )
            definitions = {snap.id: definition_of(snap) for snap in snapshots}
            schools = bulk.school_names(session, matched)
            places: dict[tuple[int, str], PhasePlace] = {}
            today = now.date()
            rows = []
            for team in bulk.team_rows(session, matched):
                key = (team.snapshot_id, team.phase)
                place = places.get(key)
                if place is None:
                    place = places[key] = phase_place(
                        self.lang, definitions[team.snapshot_id], team.phase
                    )
                schools_of = schools.get(team.id, ())
                rows.append(team_row(team, place, schools_of, today, stalled_before))
            return rows, definitions

    def overview(
        self,
        *,
        school: str | None = None,
        method: str | None = None,
        phase: str | None = None,
        stalled_days: int = 30,
        seen_by: str | None = None,
    ) -> Overview:
        with _collector_paused():
            rows, definitions = self._rows(school, method, phase, stalled_days, seen_by)
            # Stalled and overdue teams first: they are what a project leader has to act on;
            # then by method. The rows come by name and the sort is stable, so they stay by
            # name within that. (attrgetter and one pass: a key lambda took longer than the
            # query for 100,000 teams.)
            rows.sort(key=attrgetter("method"))
            attention: list[TeamRow] = []
            others: list[TeamRow] = []
            for row in rows:
                (attention if row.needs_attention else others).append(row)
        # The newest version of a method (stored last) names its counters.
        counters = {d.id: self._counter_titles(d) for _, d in sorted(definitions.items())}
        return Overview(
            tuple(attention + others), stalled_days, self._phase_lists(definitions), counters
        )

    def _phase_lists(
        self, definitions: dict[int, MethodDefinition]
    ) -> dict[str, tuple[str, tuple[tuple[str, str], ...]]]:
        """Every phase of each method the teams use: those of the newest version a team runs
        on (the one stored last), then any phase only an older version still has.

        From the teams' own definitions rather than the installed ones, so that the overview
        need not load every method and plugin.
        """
        found: dict[str, tuple[str, dict[str, str]]] = {}
        for _, definition in sorted(definitions.items(), reverse=True):
            phases = {p.id: p.title(self.lang) for p in definition.phases}
            if definition.id in found:
                known = found[definition.id][1]
                known.update((pid, t) for pid, t in phases.items() if pid not in known)
            else:
                found[definition.id] = (definition.title(self.lang), phases)
        return {
            method_id: (title, tuple(phases.items()))
            for method_id, (title, phases) in sorted(found.items())
        }

    def history(self, name: str) -> list[EventView]:
        with self._session() as session:
            return events_of(session, self._team(session, name), self.lang)

    def records(self, name: str, category: Category) -> list[RecordView]:
        with self._session() as session:
            team = self._team(session, name)
            names = Names(self._definition(session, team), self.lang)
            rows = session.scalars(
                select(Record)
                .where(Record.team_id == team.id, Record.category == category)
                .order_by(Record.seq)
            )
            return [record_view(record, names) for record in rows]

    def record_file(self, name: str, category: Category, record_id: int) -> tuple[str, bytes]:
        """The original file name and the bytes of a record's stored file."""
        with self._session() as session:
            team = self._team(session, name)
            # Past the id column's range (32 bits on PostgreSQL) no record can be: asked
            # there, the database would refuse the number itself.
            fits = 0 < record_id <= _LARGEST_ID
            record = session.get(Record, record_id) if fits else None
            if record is None or record.team_id != team.id or record.category != category:
                raise NotFound(
                    "record_unknown", team=team.name, id=record_id, category=t(category, self.lang)
                )
            if record.blob_sha256 is None:
                raise NotFound("record_no_file", id=record_id)
            blob = session.get_one(Blob, record.blob_sha256)
            return record.filename or record.blob_sha256, blob.data

    def replay(self, name: str) -> tuple[str, dict[str, int]]:
        """The phase and counters that follow from the team's events alone.

        They always equal the team's stored phase and counters; `plg check` and the tests rely
        on that.
        """
        with self._session() as session:
            team = self._team(session, name)
            steps = session.execute(
                select(Event.kind, Event.from_phase, Event.to_phase, Event.trigger, Event.detail)
                .where(Event.team_id == team.id, Event.to_phase.is_not(None))
                .order_by(Event.seq)
            )
            phase, counters, _ = replay(steps, partial(stored, session))
            return phase, counters

    def check(self, progress: Progress | None = None) -> CheckReport:
        """Verify the whole database (see `plg.engine.check`); `progress` hears (done, total)."""
        with self._session() as session:
            return check(session, progress)

    def backup(self, target: Path) -> int:
        """Copy the database to the new file `target` while others keep working; returns its
        size in bytes. SQLite only: a server database has its server's own tools."""
        source = self.store.sqlite_file
        if source is None:
            raise Refused("backup_server", url=self.store.display_url)
        self.store.require_current()
        from plg.storage.backup import copy_sqlite

        try:
            if target.exists():
                raise Refused("backup_exists", path=target)
            return copy_sqlite(source, target)
        except OSError as exc:  # also a name the file system refuses, such as one too long
            raise InvalidInput("output_unwritable", path=target, reason=exc.strerror) from None
        except sqlite3.Error as exc:
            raise DatabaseError("db_unreachable", url=self.store.display_url, reason=exc) from None

    # -- changing -----------------------------------------------------------------------------

    def _event(
        self,
        session: Session,
        team: Team,
        kind: str,
        changes: dict[str, Any] | None = None,
        *,
        new_visit: bool = False,
        **fields: Any,
    ) -> int:
        """Append the team's next event and write `changes` to the team with it; every change
        to a team goes through here. `new_visit`: the event begins a new visit of a phase."""
        now = self.clock()
        seq = team.last_seq + 1
        values = {**(changes or {}), "last_seq": seq, "last_activity": now}
        if new_visit:
            values["phase_entered_seq"] = seq
        event = {"team_id": team.id, "seq": seq, **self._event_row(now, kind, **fields)}
        save_change(session, team, values, event)
        return seq

    def _event_row(self, now: datetime, kind: str, **fields: Any) -> dict[str, Any]:
        """An event's columns but its team and seq."""
        return {
            "at": now,
            "actor": self.actor,
            "kind": kind,
            "from_phase": None,
            "to_phase": None,
            "trigger": None,
            "reason": None,
            "detail": {},
            **fields,
        }

    def start_team(
        self,
        name: str,
        method: str,
        *,
        schools: tuple[str, ...] | list[str] = (),
        leader: str | None = None,
        kind: str = "internal",
        deadline: date | None = None,
    ) -> TeamView:
        """Start a team at the first phase of `method`, pinned to its current definition."""
        spec = TeamSpec(name, method, tuple(schools), leader, kind, deadline)
        self.start_teams([spec])
        return self.team(name)

    def start_teams(self, specs: Iterable[TeamSpec]) -> int:
        """Start many teams in one transaction (a whole foundation's roster); all or none.

        Every team gets its start event, as if started one by one.
        """
        teams = [spec.cleaned() for spec in specs]
        names = [spec.name for spec in teams]
        doubled = next((n for n, c in Counter(names).items() if c > 1), None)
        if doubled is not None:
            raise Refused("team_exists", team=doubled)
        definitions = {spec.method: self.method(spec.method).definition for spec in teams}
        now = self.clock()

        def insert() -> None:
            with self._session(write=True) as session:
                roles.require_project_leader(
                    session, self.actor, "start", self.lang, always=self.enforce_roles
                )
                # A name already taken is found by the unique index (below), not looked up
                # first: for 100,000 names that look-up took longer than the inserts.
                schools = bulk.school_ids(session, {s for spec in teams for s in spec.schools})
                links: list[dict[str, int]] = []
                leaders: list[dict[str, Any]] = []
                # Per method, so that all a method's teams share their values but name, kind,
                # leader and deadline, which the database then takes once.
                for definition in definitions.values():
                    of_method = [spec for spec in teams if spec.method == definition.id]
                    ids = bulk.insert_teams(
                        session,
                        [
                            {
                                "name": spec.name,
                                "kind": spec.kind,
                                "leader": spec.leader,
                                "deadline": spec.deadline,
                            }
                            for spec in of_method
                        ],
                        {
                            "snapshot_id": snapshot_for(session, definition).id,
                            "phase": definition.initial,
                            "status": "active",
                            "counters": start_counters(definition),
                            "phase_entered_seq": 1,
                            "last_seq": 1,
                            "created_at": now,
                            "last_activity": now,
                            "row_version": 1,
                        },
                    )
                    # Each team's first event, exactly as `_event` would have written it.
                    bulk.insert_first_events(
                        session,
                        ids,
                        self._event_row(
                            now,
                            "start",
                            to_phase=definition.initial,
                            detail={
                                "method": definition.id,
                                "version": definition.version,
                                "sha256": definition.sha256,
                            },
                        ),
                    )
                    started = list(zip(ids, of_method, strict=True))
                    links += (
                        {"team_id": i, "school_id": schools[s]}
                        for i, spec in started
                        for s in spec.schools
                    )
                    leaders += (
                        {"team_id": i, "person": spec.leader} for i, spec in started if spec.leader
                    )
                bulk.insert_rows(session, team_schools, links)
                bulk.insert_rows(session, _MEMBERS, leaders, {"role": "leader", "joined_at": now})

        try:
            retried(insert, (DatabaseBusy,))
        except IntegrityError:
            # A name that is taken, by an earlier team or one started in the same moment;
            # any other integrity error is a bug and goes up as it is.
            with self._session() as session:
                taken = bulk.existing_names(session, names)
            if not taken:
                raise
            raise Refused("team_exists", team=taken[0]) from None
        return len(teams)

    def set_deadline(self, name: str, deadline: date | None) -> TeamView:
        """Set (or with None, clear) the date by which the team means to deliver."""

        def change(session: Session, team: Team) -> TeamView:
            self._active(session, team)
            self._event(
                session,
                team,
                "deadline",
                {"deadline": deadline},
                detail={"deadline": deadline.isoformat() if deadline else None},
            )
            refresh_charter(session, team)
            return self._view(team, *self._read(session, team))

        return self._change(name, "deadline", change)

    def _active(self, session: Session, team: Team) -> MethodDefinition:
        if team.status != "active":
            raise Refused("team_completed", team=team.name)
        return self._definition(session, team)

    def tick(self, name: str, item: str, *, undo: bool = False) -> ChecklistView:
        """Tick (or with `undo`, untick) a manual checklist item of the team's current phase."""

        def change(session: Session, team: Team) -> ChecklistView:
            definition = self._active(session, team)
            existing = self._manual_tick(session, team, definition, item)
            if (existing is not None) != undo:
                state = t("ticked" if existing else "unticked", self.lang)
                raise Refused("item_already", item=item, state=state)
            self._write_tick(session, team, item, existing)
            return checklist_view(self.lang, team, self._read(session, team)[0])

        return self._change(name, "tick", change)

    def set_ticks(self, name: str, phase: str, wanted: Mapping[str, bool]) -> tuple[str, ...]:
        """Tick (True) or untick (False) items of `phase` as a person's page asked, each with its
        event, in one transaction; returns the items changed. An item already as wanted (someone
        did the same meanwhile) is left as it is. If the team left `phase` while the page was
        open, nothing changes: the boxes were of another phase."""

        def change(session: Session, team: Team) -> tuple[str, ...]:
            definition = self._active(session, team)
            self._still_in(team, definition, phase)
            changed = []
            for item, ticked in sorted(wanted.items()):
                existing = self._manual_tick(session, team, definition, item)
                if (existing is not None) != ticked:
                    self._write_tick(session, team, item, existing)
                    changed.append(item)
            return tuple(changed)

        return self._change(name, "tick", change)

    def _still_in(self, team: Team, definition: MethodDefinition, phase: str | None) -> None:
        """Refuse a change asked for on a page of `phase` (if given) once the team left it."""
        if phase is not None and team.phase != phase:
            now = definition.phase(team.phase).title(self.lang)
            raise Conflict("team_moved_meanwhile", team=team.name, phase=now)

    def _manual_tick(
        self, session: Session, team: Team, definition: MethodDefinition, item: str
    ) -> Tick | None:
        """The tick of a manual item of the team's phase, if it is ticked in this visit."""
        phase = definition.phase(team.phase)
        found = next((i for i in phase.checklist if i.id == item), None)
        if found is None:
            items = ", ".join(i.id for i in phase.checklist) or "-"
            raise NotFound("item_unknown", phase=phase.id, item=item, items=items)
        if found.record is not None:
            raise Refused(
                "item_not_manual",
                item=item,
                satisfied_by=found.satisfied_by,
                what=definition.record_title(found, self.lang),
                command=_SATISFIED_WITH[found.record[0]],
            )
        return session.get(Tick, (team.id, team.phase_entered_seq, item))

    def _write_tick(self, session: Session, team: Team, item: str, existing: Tick | None) -> None:
        """Untick `item` if `existing`, else tick it, with the event."""
        detail = {"phase": team.phase, "item": item}
        seq = self._event(session, team, "untick" if existing else "tick", detail=detail)
        if existing is not None:
            session.delete(existing)
            return
        session.add(
            Tick(
                team_id=team.id,
                visit=team.phase_entered_seq,
                item_id=item,
                phase=team.phase,
                seq=seq,
            )
        )

    def advance(
        self,
        name: str,
        trigger: str = "next",
        *,
        force: bool = False,
        reason: str | None = None,
        source: str | None = None,
    ) -> TeamView:
        """Fire `trigger`. Refused with the open points unless the guards pass or it is forced;
        with `source`, the phase a person's page showed, also once the team has left it."""
        reason = free_text(reason.strip()) if reason and reason.strip() else None
        if force and reason is None:
            raise InvalidInput("force_needs_reason")

        def change(session: Session, team: Team) -> TeamView:
            definition = self._active(session, team)
            self._still_in(team, definition, source)
            possible = triggers_from(definition, team.phase)
            if trigger not in possible:
                raise NotFound(
                    "trigger_unknown",
                    team=team.name,
                    trigger=trigger,
                    phase=team.phase,
                    possible=", ".join(possible) or "-",
                )
            verdict = transition(definition, team.phase, trigger).fired_by
            if verdict is not None and not force:
                # The register must agree with the move: the verdict makes it.
                raise Refused(f"trigger_by_{verdict}", trigger=trigger, team=team.name)
            return self._fire(session, team, definition, trigger, force, reason)

        return self._change(name, "force" if force else "advance", change)

    def _fire(
        self,
        session: Session,
        team: Team,
        definition: MethodDefinition,
        trigger: str,
        force: bool = False,
        reason: str | None = None,
    ) -> TeamView:
        """Move the team by `trigger` if its guards pass (or it is forced), with its event."""
        state, schools = self._read(session, team)
        move = transition(definition, team.phase, trigger)
        dest = fire(definition, trigger, Attempt(state, force, self.lang))
        if dest is None:
            failures = "; ".join(blocking(self.lang, move, state))
            raise Refused("guards_failed", team=team.name, trigger=trigger, failures=failures)
        counters = dict(team.counters)
        apply_counters(move, counters, definition)
        source = team.phase
        status = "completed" if definition.phase(dest).final else team.status
        self._event(
            session,
            team,
            "force" if force else "advance",
            {"phase": dest, "counters": counters, "status": status},
            new_visit=True,
            from_phase=source,
            to_phase=dest,
            trigger=trigger,
            reason=reason,
            detail={"counters": counters, "registers": registers(state.records)},
        )
        # Nothing can be ticked or saved yet in the visit that begins with this move.
        entered = TeamState(definition, dest, counters=counters)
        return replace(self._view(team, entered, schools), left_phase=source)

    def _versions(self, session: Session, method_id: str) -> list[str]:
        """Every version of a method that teams can move to: installed now or stored before."""
        kept = set(
            session.scalars(
                select(MethodSnapshot.version).where(MethodSnapshot.method_id == method_id)
            )
        )
        current = self.registry.methods.get(method_id)
        return sorted(kept | ({current.definition.version} if current else set()))

    def _target(self, session: Session, method_id: str, version: str) -> MethodDefinition:
        current = self.registry.methods.get(method_id)
        if current is not None and current.definition.version == version:
            return current.definition
        snapshot = session.scalars(
            select(MethodSnapshot)
            .where(MethodSnapshot.method_id == method_id, MethodSnapshot.version == version)
            .order_by(MethodSnapshot.id.desc())
        ).first()
        if snapshot is None:
            raise NotFound(
                "version_unknown",
                method=method_id,
                version=version,
                versions=", ".join(self._versions(session, method_id)) or "-",
            )
        return definition_of(snapshot)

    def migrate(self, name: str, version: str, mapping: dict[str, str] | None = None) -> TeamView:
        """Move a team to another version of its method, recorded as an event.

        `mapping` renames phases (old id to new id). Refused, with everything that does not fit,
        when the team's phase or the items it ticked in this phase do not exist in `version`.
        """
        mapping = dict(mapping or {})

        def change(session: Session, team: Team) -> TeamView:
            definition = self._active(session, team)
            target = self._target(session, definition.id, version)
            if target.sha256 == definition.sha256:
                raise Refused("migrate_same", team=team.name, version=version)
            phase = mapping.get(team.phase, team.phase)
            ticks = list(
                session.scalars(
                    select(Tick).where(
                        Tick.team_id == team.id, Tick.visit == team.phase_entered_seq
                    )
                )
            )
            misfits = unmapped(target, team.phase, phase, [tick.item_id for tick in ticks])
            if misfits:
                raise Refused(
                    "migrate_unmapped",
                    team=team.name,
                    version=version,
                    unmapped=", ".join(misfits),
                )
            counters = {c.id: team.counters.get(c.id, c.start) for c in target.counters}
            snapshot = snapshot_for(session, target)
            status = "completed" if target.phase(phase).final else team.status
            self._event(
                session,
                team,
                "migrate",
                {
                    "snapshot_id": snapshot.id,
                    "phase": phase,
                    "counters": counters,
                    "status": status,
                },
                from_phase=team.phase,
                to_phase=phase,
                detail={
                    "from_version": definition.version,
                    "to_version": target.version,
                    "from_sha256": definition.sha256,
                    "to_sha256": target.sha256,
                    "map": mapping,
                    "counters": counters,
                },
            )
            for tick in ticks:
                tick.phase = phase
            return self._view(team, *self._read(session, team))

        return self._change(name, "migrate", change)

    def add_record(
        self,
        name: str,
        category: Category,
        kind: str,
        title: str,
        content: Content,
    ) -> RecordView:
        """Save an artefact or evidence in the team's current phase."""
        title = clean(title, 200, "record_title")
        free_text(content.text)
        if content.value is not None and not math.isfinite(content.value):
            raise InvalidInput("value_not_finite", value=content.value)
        given = [c for c in (content.text, content.file, content.value) if c is not None]
        if len(given) != 1 or (category == "artefact" and content.value is not None):
            raise InvalidInput("record_content")
        upload = None
        if content.file is not None:
            upload = read_file(content.file, int(self.settings()["max-file-mb"]))

        def change(session: Session, team: Team) -> RecordView:
            definition = self._active(session, team)
            kinds = [k.id for k in definition.record_kinds(category)]
            if kind not in kinds:
                raise NotFound(
                    "record_type_unknown",
                    method=definition.id,
                    type=kind,
                    category=t(category, self.lang),
                    types=", ".join(kinds) or "-",
                )
            if upload is not None and session.get(Blob, upload.sha256) is None:
                session.add(Blob(sha256=upload.sha256, size=len(upload.data), data=upload.data))
            seq = self._event(
                session, team, category, detail={"type": kind, "title": title, "phase": team.phase}
            )
            record = Record(
                team_id=team.id,
                seq=seq,
                category=category,
                kind=kind,
                title=title,
                phase=team.phase,
                visit=team.phase_entered_seq,
                text=content.text,
                value=content.value,
                actor=self.actor,
                created_at=self.clock(),
                blob_sha256=upload.sha256 if upload else None,
                filename=upload.name if upload else None,
                size=len(upload.data) if upload else None,
            )
            session.add(record)
            session.flush()
            return record_view(record, Names(definition, self.lang))

        return self._change(name, "record", change)

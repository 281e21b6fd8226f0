"""What every room of the engine stands on: its actor, language and clock, its transactions with
the one retry policy, the one way a team changes (with its event), and reading a team's state.
Each room (teams, progress, records, reading, the database, people, charters, meetings,
hypotheses, pupils, accounts, web sessions) is an `EngineBase`; `Engine` is all of them."""

from __future__ import annotations

import copy
import getpass
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace
from datetime import date, datetime
from typing import Any, Self, TypeVar

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from plg.engine import roles
from plg.engine.inputs import clean
from plg.engine.lookups import listed
from plg.engine.roles import FoundationAction, TeamAction
from plg.errors import DatabaseBusy, NotFound, Refused, StaleWrite
from plg.langs import Lang
from plg.methods.checklist import TeamState, registers
from plg.methods.definition import MethodDefinition
from plg.methods.machine import Attempt
from plg.methods.pinned import apply_counters, definition_of, lesson_of
from plg.methods.registry import Available, Registry, load_registry
from plg.methods.versions import machine_for
from plg.present.rows import checklist_view, moves, phase_place, team_row
from plg.present.views import TeamRow, TeamView
from plg.storage import reads
from plg.storage import teams as team_store
from plg.storage.changes import save_change
from plg.storage.models import Team, utcnow
from plg.storage.store import Store
from plg.texts import t

T = TypeVar("T")

# How often a change that lost a race with another writer is tried in all.
WRITE_ATTEMPTS = 5

# Whether this thread of work is inside an engine transaction. Not an attribute of the engine:
# one engine serves every request of a web server at once, each in a context of its own.
_IN_TRANSACTION: ContextVar[bool] = ContextVar("plg_in_transaction", default=False)


def _default_actor() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name in some containers and services
        return "unknown"


class EngineBase:
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

    def acting(self, actor: str, lang: Lang) -> Self:
        """The same database, methods and caches, for a person who signed in: one a web
        request, with roles checked whatever the setting says."""
        other = copy.copy(self)
        other.actor = clean(actor, 200, "actor_invalid")
        other.lang = lang
        other.enforce_roles = True
        return other

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

    # -- transactions -------------------------------------------------------------------------

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

    def _write(
        self, change: Callable[[Session], T], lost_race: tuple[type[Exception], ...] = ()
    ) -> T:
        """Run `change` in a write transaction of its own. When it lost a race with another
        writer (the database stayed locked, or one of `lost_race`: the team changed under it,
        a row was inserted meanwhile) it wrote nothing, so run it again, a few times, after a
        short random pause that keeps the writers from colliding in step."""
        retried: tuple[type[Exception], ...] = (DatabaseBusy, *lost_race)
        attempt = 1
        while True:
            try:
                with self._session(write=True) as session:
                    return change(session)
            except retried:
                if attempt == WRITE_ATTEMPTS:
                    raise
                time.sleep(random.uniform(0, 0.05 * 2**attempt))
                attempt += 1

    def _change(self, name: str, action: TeamAction, change: Callable[[Session, Team], T]) -> T:
        """Run `change` on the team in a transaction of its own, its row locked meanwhile, if
        the actor may do `action` there."""

        def attempt(session: Session) -> T:
            team = self._team(session, name, lock=True)
            # An archive is kept as it is: only restoring it (or purging it) touches it.
            if team.archived_at is not None and action != "archive":
                raise Refused("team_archived", team=team.name)
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
            return self._write(attempt, (StaleDataError, IntegrityError))
        except (StaleDataError, IntegrityError):
            raise StaleWrite("stale_write", team=name) from None

    def _foundation_change(
        self,
        action: FoundationAction,
        change: Callable[[Session], T],
        lost_race: tuple[type[Exception], ...] = (),
    ) -> T:
        """A change to the whole foundation rather than to one team, by a project leader; run
        again when it lost one of the races `lost_race` names (see `_write`)."""

        def attempt(session: Session) -> T:
            roles.require_project_leader(
                session, self.actor, action, self.lang, always=self.enforce_roles
            )
            return change(session)

        return self._write(attempt, lost_race)

    # -- a team -------------------------------------------------------------------------------

    def _team(self, session: Session, name: str, *, lock: bool = False) -> Team:
        team = team_store.by_name(session, name.strip(), lock=lock)
        if team is None:
            near = team_store.near_names(session, name)
            if near:
                raise NotFound("team_near", name=name, names=listed(near))
            raise NotFound("team_unknown", team=name)
        return team

    def _deadline_warnings(self, deadline: date | None) -> tuple[str, ...]:
        """A deadline given that has already passed: allowed (a team enters its past), but
        more likely a slip of the year."""
        if deadline is not None and deadline < self.clock().date():
            return (t("warn_deadline_past", self.lang, day=deadline.isoformat()),)
        return ()

    def _definition(self, session: Session, team: Team) -> MethodDefinition:
        """The definition the team is pinned to. Snapshots never change, so each is read once
        per engine instead of being joined to every team read."""
        found = self._pinned.get(team.snapshot_id)
        if found is None:
            found = self._pinned[team.snapshot_id] = definition_of(
                team_store.snapshot(session, team.snapshot_id)
            )
        return found

    def _active(self, session: Session, team: Team) -> MethodDefinition:
        if team.status != "active":
            raise Refused("team_completed", team=team.name)
        return self._definition(session, team)

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

    # -- changing a team ----------------------------------------------------------------------

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
        fired = machine_for(definition).fire(trigger, Attempt(state, force, self.lang))
        if fired.dest is None:
            failures = "; ".join(fired.refused)
            raise Refused("guards_failed", team=team.name, trigger=trigger, failures=failures)
        dest = fired.dest
        counters = dict(team.counters)
        apply_counters(fired.move, counters, definition)
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

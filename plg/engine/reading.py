"""Reading teams: one team's view, checklist, story and history, and the list and overview of
many. Part of the engine (its `Engine` is a `Reading`)."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import timedelta
from operator import attrgetter

from sqlalchemy.orm import Session

from plg.engine import lookups
from plg.engine.base import EngineBase
from plg.engine.charter import charter_view
from plg.engine.hypotheses import hypothesis_views
from plg.engine.meetings import meeting_views
from plg.engine.people import former_member_views, member_views
from plg.engine.pupils import pupil_views
from plg.methods.definition import MethodDefinition
from plg.methods.pinned import definition_of, lesson_of
from plg.present.rows import Names, checklist_view, phase_place, team_row
from plg.present.story import history as events_of
from plg.present.story import visits
from plg.present.views import (
    ChecklistView,
    EventView,
    Overview,
    PhasePlace,
    TeamRow,
    TeamStory,
    TeamView,
)
from plg.storage import bulk
from plg.storage import teams as team_store
from plg.storage.models import Team


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


class Reading(EngineBase):
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
                charter=charter_view(session, team, self.lang),
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
        archived: bool = False,
    ) -> list[TeamRow]:
        """Teams matching every filter given, by name; with `seen_by`, only those that person
        may see; archived ones only with `archived`.

        Three queries, whatever the number of teams: the teams, their schools, and the
        definitions they run on.
        """
        return self._rows(school, method, phase, stalled_days, seen_by, archived)[0]

    def _rows(
        self,
        school: str | None,
        method: str | None,
        phase: str | None,
        stalled_days: int | None,
        seen_by: str | None = None,
        archived: bool = False,
    ) -> tuple[list[TeamRow], dict[int, MethodDefinition]]:
        """The rows of `teams`, and the definitions they run on by snapshot id."""
        school, method, phase = self._meant_filters(school, method, phase)
        matched = team_store.matching(school, method, phase, seen_by)
        now = self.clock()
        stalled_before = now - timedelta(days=stalled_days) if stalled_days is not None else None
        with self._session() as session, _collector_paused():
            snapshots = team_store.snapshots_of(session, matched)
            definitions = {snap.id: definition_of(snap) for snap in snapshots}
            schools = bulk.school_names(session, matched)
            places: dict[tuple[int, str], PhasePlace] = {}
            today = now.date()
            rows = []
            for team in bulk.team_rows(session, matched, archived=archived):
                key = (team.snapshot_id, team.phase)
                place = places.get(key)
                if place is None:
                    place = places[key] = phase_place(
                        self.lang, definitions[team.snapshot_id], team.phase
                    )
                schools_of = schools.get(team.id, ())
                rows.append(team_row(team, place, schools_of, today, stalled_before))
            return rows, definitions

    def _meant_filters(
        self, school: str | None, method: str | None, phase: str | None
    ) -> tuple[str | None, str | None, str | None]:
        """The filters as what people see: a method and a phase by id or title in the
        reader's language, matched as names are (plg.storage.names); a school by name or code
        is matched in the query itself (`team_store.matching`)."""
        # Only a filter reads the methods: the overview of all teams need not load them.
        definitions = [m.definition for m in self.methods()] if method or phase else []
        if method:
            titles = {d.id: d.title(self.lang) for d in definitions}
            method = lookups.choice(method, titles)[0] or method
            definitions = [d for d in definitions if d.id == method]
        if phase:
            titles = {p.id: p.title(self.lang) for d in definitions for p in d.phases}
            phase = lookups.choice(phase, titles)[0] or phase
        return school, method, phase

    def overview(
        self,
        *,
        school: str | None = None,
        method: str | None = None,
        phase: str | None = None,
        stalled_days: int = 30,
        seen_by: str | None = None,
        archived: bool = False,
    ) -> Overview:
        with _collector_paused():
            rows, definitions = self._rows(school, method, phase, stalled_days, seen_by, archived)
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

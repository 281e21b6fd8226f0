"""Starting teams, one or a foundation's roster at once, and what changes a team as a whole:
its deadline and the version of its method. Part of the engine (its `Engine` is a `Teams`)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from plg.engine import lookups
from plg.engine.base import EngineBase
from plg.engine.charter import refresh_charter
from plg.engine.inputs import TeamSpec
from plg.engine.people import member_moment, person_ids
from plg.errors import NotFound, Refused
from plg.methods.definition import MethodDefinition
from plg.methods.pinned import definition_of, start_counters, unmapped
from plg.present.views import TeamView
from plg.storage import bulk
from plg.storage import teams as team_store
from plg.storage.models import Member, MethodSnapshot, Team, table, team_schools
from plg.storage.names import name_key
from plg.texts import t

_MEMBERS = table(Member)


def _meant(session: Session, teams: list[TeamSpec]) -> tuple[dict[str, str], dict[str, str]]:
    """The school and the leader each name typed means, by the name typed: a known one, or a
    new one; a near miss of a known one is refused."""
    schools = lookups.known_schools(session)
    people = lookups.known_people(session)
    typed_schools = sorted({s for spec in teams for s in spec.schools})
    typed_leaders = sorted({spec.leader for spec in teams if spec.leader})
    return (
        {typed: schools.new_or_known(typed) for typed in typed_schools},
        {typed: people.new_or_known(typed) for typed in typed_leaders},
    )


class Teams(EngineBase):
    def start_team(
        self,
        name: str,
        method: str,
        *,
        schools: tuple[str, ...] | list[str] = (),
        leader: str | None = None,
        kind: str = "internal",
        deadline: date | None = None,
        leader_since: date | None = None,
    ) -> TeamView:
        """Start a team at the first phase of `method`, pinned to its current definition; its
        leader from `leader_since` (default today)."""
        spec = TeamSpec(name, method, tuple(schools), leader, kind, deadline, leader_since)
        with self._session() as session:
            added = self._added(session, spec.cleaned())
        self.start_teams([spec])
        with self._session() as session:
            team = self._team(session, name)
            view = self._view(team, *self._read(session, team))
        return replace(view, warnings=(*added, *self._deadline_warnings(deadline)))

    def _added(self, session: Session, spec: TeamSpec) -> list[str]:
        """What starting the team adds besides: schools and a leader plg does not know yet,
        said so that a name typed wrong does not go unnoticed."""
        schools, people = lookups.known_schools(session), lookups.known_people(session)
        found = [
            t("note_school_added", self.lang, school=s)
            for s in spec.schools
            if schools.meant(s) is None
        ]
        if spec.leader and people.meant(spec.leader) is None:
            found.append(t("note_person_added", self.lang, person=spec.leader))
        return found

    def start_teams(self, specs: Iterable[TeamSpec]) -> int:
        """Start many teams in one transaction (a whole foundation's roster); all or none.

        Every team gets its start event, as if started one by one.
        """
        teams = [spec.cleaned() for spec in specs]
        names = [spec.name for spec in teams]
        keys = Counter(name_key(name) for name in names)
        doubled = next((n for n in names if keys[name_key(n)] > 1), None)
        if doubled is not None:
            raise Refused("team_exists", team=doubled)
        definitions = {spec.method: self.method(spec.method).definition for spec in teams}
        now = self.clock()
        joined = {spec.name: member_moment(spec.leader_since, now) for spec in teams}

        def insert(session: Session) -> None:
            # A name already taken is found by the unique index (below), not looked up
            # first: for 100,000 names that look-up took longer than the inserts.
            school_meant, leader_meant = _meant(session, teams)
            schools = bulk.school_ids(session, set(school_meant.values()))
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
                            "name_key": name_key(spec.name),
                            "kind": spec.kind,
                            "leader": leader_meant[spec.leader] if spec.leader else None,
                            "deadline": spec.deadline,
                        }
                        for spec in of_method
                    ],
                    {
                        "snapshot_id": _snapshot_for(session, definition).id,
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
                    {"team_id": i, "school_id": schools[school]}
                    for i, spec in started
                    for school in {school_meant[s] for s in spec.schools}
                )
                leaders += (
                    {
                        "team_id": i,
                        "person": leader_meant[spec.leader],
                        "joined_at": joined[spec.name],
                    }
                    for i, spec in started
                    if spec.leader
                )
            people = person_ids(session, (row["person"] for row in leaders))
            for row in leaders:
                row["person_id"] = people[row["person"]]
            bulk.insert_rows(session, team_schools, links)
            bulk.insert_rows(session, _MEMBERS, leaders, {"role": "leader"})

        try:
            self._foundation_change("start", insert)
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
            view = self._view(team, *self._read(session, team))
            return replace(view, warnings=self._deadline_warnings(deadline))

        return self._change(name, "deadline", change)

    def _versions(self, session: Session, method_id: str) -> list[str]:
        """Every version of a method that teams can move to: installed now or stored before."""
        kept = team_store.versions(session, method_id)
        current = self.registry.methods.get(method_id)
        return sorted(kept | ({current.definition.version} if current else set()))

    def _target(self, session: Session, method_id: str, version: str) -> MethodDefinition:
        current = self.registry.methods.get(method_id)
        if current is not None and current.definition.version == version:
            return current.definition
        snapshot = team_store.stored_version(session, method_id, version)
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
            ticks = team_store.visit_ticks(session, team)
            misfits = unmapped(target, team.phase, phase, [tick.item_id for tick in ticks])
            if misfits:
                raise Refused(
                    "migrate_unmapped",
                    team=team.name,
                    version=version,
                    unmapped=", ".join(misfits),
                )
            counters = {c.id: team.counters.get(c.id, c.start) for c in target.counters}
            snapshot = _snapshot_for(session, target)
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


def _snapshot_for(session: Session, definition: MethodDefinition) -> MethodSnapshot:
    return team_store.pinned_snapshot(
        session, definition.id, definition.version, definition.sha256, definition.canonical_json()
    )

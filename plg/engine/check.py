"""`plg check`: everything that must hold in a plg database, verified from the stored rows.

Each team's phase, counters and status must follow from its events alone, numbered 1, 2, 3...
without gaps; each stored method version must match its hash, and each stored file too. The
teams and their events are read in two streams side by side, so a foundation's database is
checked with a fixed number of queries.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter
from typing import Any

from sqlalchemy.orm import Session

from plg.engine.charter import missing
from plg.errors import Fault
from plg.methods.definition import MethodDefinition
from plg.methods.pinned import apply_counters, start_counters
from plg.methods.versions import machine_for, parsed
from plg.storage import audit
from plg.texts import N_

# An event as replay needs it: kind, from, to, trigger, detail.
Step = tuple[str, str | None, str | None, str | None, dict[str, Any]]

Progress = Callable[[int, int], None]


def replay(
    steps: Iterable[Step], stored: Callable[[str], MethodDefinition]
) -> tuple[str, dict[str, int], MethodDefinition | None]:
    """The phase, counters and definition that a team's moves lead to, oldest move first.

    `stored` gives the definition stored under a hash. Raises KeyError when a move names a
    definition, phase or trigger that does not exist.
    """
    phase, counters, definition = "", {}, None
    for kind, source, dest, trigger, detail in steps:
        if kind == "start":
            definition = stored(detail["sha256"])
            counters = start_counters(definition)
        elif kind == "migrate":
            # A migration switches the definition; its event carries the counters.
            definition = stored(detail["to_sha256"])
            counters = dict(detail["counters"])
        elif definition is not None:
            apply_counters(machine_for(definition).move(source, trigger), counters, definition)
        phase = dest or phase
    return phase, counters, definition


@dataclass
class CheckReport:
    """What `check` looked at, every fault it found (none in a sound database), and the names
    on memberships and attendances that refer to no person: not a fault (an upgrade keeps what
    it could not link), but for someone to sort out."""

    teams: int = 0
    events: int = 0
    snapshots: int = 0
    files: int = 0
    faults: list[Fault] = field(default_factory=list)
    unlinked: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.faults


def check(session: Session, progress: Progress | None = None) -> CheckReport:
    """Check the whole database as one consistent snapshot; `progress` hears (done, total)."""
    if session.get_bind().dialect.name == "postgresql":
        # Under PostgreSQL's default each statement sees its own moment, and a team could then
        # be read before a change and its events after it.
        session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
    report = CheckReport()
    if session.get_bind().dialect.name == "sqlite":
        _sqlite_structure(session, report)
    definitions = _snapshots(session, report)
    _teams(session, definitions, report, progress)
    _registers(session, report)
    _files(session, report)
    for person, kept in audit.names_out_of_step(session):
        report.faults.append(Fault(f"person '{person}'", "check_person_name", {"stored": kept}))
    report.unlinked = audit.unlinked_names(session)
    return report


def _registers(session: Session, report: CheckReport) -> None:
    """The charter, the hypothesis register and the case pupils agree with themselves: each
    charter's `complete` with its answers, deadline and members, one open hypothesis at most,
    no observation without its prediction. Only teams that have them are read."""
    members: dict[int, dict[str, str]] = defaultdict(dict)
    for team_id, person, role in audit.charter_members(session):
        members[team_id][person] = role
    for team_id, name, answers, needs, complete, deadline in audit.charters(session):
        if complete != (not missing(answers, needs, deadline, members[team_id])):
            report.faults.append(Fault(f"team '{name}'", "check_charter", {"stored": complete}))
    for name in audit.teams_with_open_hypotheses(session):
        report.faults.append(Fault(f"team '{name}'", "check_hypotheses_open"))
    for name, pupil_id, stage in audit.unpredicted_observations(session):
        params = {"pupil": pupil_id, "stage": stage}
        report.faults.append(Fault(f"team '{name}'", "check_observation", params))


def _sqlite_structure(session: Session, report: CheckReport) -> None:
    for (line,) in audit.sqlite_integrity(session):
        if line != "ok":
            report.faults.append(Fault("sqlite", "check_integrity", {"detail": line}))
    for table, rowid, parent, _ in audit.sqlite_foreign_keys(session):
        report.faults.append(Fault(f"{table} {rowid}", "check_foreign_key", {"parent": parent}))


def _snapshots(session: Session, report: CheckReport) -> dict[str, MethodDefinition]:
    """Every stored method version that matches its hash, by hash."""
    found: dict[str, MethodDefinition] = {}
    for snapshot_id, sha256, content in audit.snapshots(session):
        report.snapshots += 1
        place = f"snapshot {snapshot_id}"
        if hashlib.sha256(content.encode()).hexdigest() != sha256:
            report.faults.append(Fault(place, "check_snapshot_hash"))
            continue
        try:
            found[sha256] = parsed(sha256, content)
        except ValueError as exc:
            reason = str(exc).splitlines()[0]
            report.faults.append(Fault(place, "check_snapshot_unreadable", {"reason": reason}))
    return found


def _teams(
    session: Session,
    definitions: dict[str, MethodDefinition],
    report: CheckReport,
    progress: Progress | None,
) -> None:
    total = audit.team_count(session)
    leaders: dict[int, list[str]] = {}
    for team_id, person in audit.leaders(session):
        leaders.setdefault(team_id, []).append(person)
    teams = audit.teams(session)
    # Both streams come in order of team id and are read side by side.
    events = _events_by_team(session)
    pending = next(events, None)
    for done, row in enumerate(teams, 1):
        team_id, name, leader, phase, counters, status, last_seq, entered, sha256 = row
        # Events of a team id no team has (a foreign key check finds those on SQLite).
        while pending is not None and pending[0] < team_id:
            pending = next(events, None)
        own: list[tuple[Any, ...]] = []
        if pending is not None and pending[0] == team_id:
            own = pending[1]
            pending = next(events, None)
        report.teams += 1
        report.events += len(own)
        faults = _team_faults(own, phase, counters, status, last_seq, entered, sha256, definitions)
        report.faults += (Fault(f"team '{name}'", key, params) for key, params in faults)
        if leader != (", ".join(leaders.get(team_id, ())) or None):
            report.faults.append(Fault(f"team '{name}'", "check_leaders", {"stored": leader}))
        if progress is not None and (done % 1000 == 0 or done == total):
            progress(done, total)


def _events_by_team(session: Session) -> Iterator[tuple[int, list[tuple[Any, ...]]]]:
    rows = audit.events(session)
    for team_id, group in groupby(rows, key=itemgetter(0)):
        yield team_id, [tuple(row) for row in group]


def _team_faults(
    events: list[tuple[Any, ...]],
    phase: str,
    counters: dict[str, int],
    status: str,
    last_seq: int,
    entered: int,
    sha256: str,
    definitions: dict[str, MethodDefinition],
) -> Iterator[tuple[str, dict[str, object]]]:
    seqs = [event[1] for event in events]
    if seqs != list(range(1, last_seq + 1)):
        yield N_("check_sequence"), {"last": last_seq, "found": _ranges(seqs)}
    if entered not in seqs:
        yield N_("check_visit"), {"seq": entered}
    try:
        replayed, replayed_counters, definition = replay(
            (event[2:] for event in events if event[4] is not None), definitions.__getitem__
        )
    except KeyError:
        yield N_("check_replay"), {}
        return
    if replayed != phase:
        yield N_("check_phase"), {"stored": phase, "replayed": replayed}
    if replayed_counters != counters:
        yield N_("check_counters"), {"stored": counters, "replayed": replayed_counters}
    if definition is None or definition.sha256 != sha256:
        yield N_("check_definition"), {}
        return
    final = any(p.final for p in definition.phases if p.id == phase)
    if (status == "completed") != final:
        yield N_("check_status"), {"status": status, "phase": phase}


def _ranges(seqs: list[int]) -> str:
    """1, 2, 3, 5, 6 as '1-3, 5-6': short, even for a team with thousands of events."""
    parts = []
    for _, run in groupby(enumerate(seqs), key=lambda pair: pair[1] - pair[0]):
        values = [seq for _, seq in run]
        parts.append(f"{values[0]}-{values[-1]}" if len(values) > 1 else str(values[0]))
    return ", ".join(parts) or "-"


def _files(session: Session, report: CheckReport) -> None:
    for sha256, size, data in audit.files(session):
        report.files += 1
        if hashlib.sha256(data).hexdigest() != sha256 or len(data) != size:
            report.faults.append(Fault(f"file {sha256[:12]}", "check_file_hash"))
    for record_id, team, wanted in audit.missing_files(session):
        report.faults.append(
            Fault(
                f"team '{team}'", "check_file_missing", {"id": record_id, "sha": str(wanted)[:12]}
            )
        )

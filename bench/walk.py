"""Walking teams through the 8 steps of a cycle, saved after every step, three ways in one run:

- plg: `Engine.advance` (load the team, run the guard, versioned write, event, commit, and the
  view of the team it returns);
- raw sqlite3 doing the same reads and writes by hand, with the same pragmas (WAL, synchronous
  FULL): what the database costs by itself;
- SpiffWorkflow, the BPMN engine a Python developer would pick instead: `cycle.bpmn`, a process
  of 8 user tasks, loaded from SQLite, one task completed, and saved with its serializer.

The three alternate step by step, so that a noisy neighbour on the machine hits all of them.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from common import BENCH, Line, median, spread, timed

from plg import Engine
from plg.engine.inputs import TeamSpec
from plg.methods.files import load_definition_file
from plg.methods.registry import load_registry

STEPS = 8


def _connect(path: Path) -> sqlite3.Connection:
    # The pragmas plg's store sets on every SQLite connection.
    conn = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "synchronous=FULL", "foreign_keys=ON", "busy_timeout=10000"):
        conn.execute(f"PRAGMA {pragma}")
    return conn


def _plg_database(path: Path, teams: int) -> Engine:
    engine = Engine(f"sqlite:///{path}", actor="bench", methods=load_registry([BENCH]))
    engine.init()
    engine.start_teams(TeamSpec(f"Team {n}", "bench_cycle", ("School",)) for n in range(teams))
    return engine


class Raw:
    """One advance by hand: the statements plg's engine sends, without plg."""

    def __init__(self, path: Path) -> None:
        self.conn = _connect(path)
        definition = load_definition_file(BENCH / "bench_cycle.yaml")
        self.next = {tr.source: tr.dest for tr in definition.transitions}
        self.final = {phase.id for phase in definition.phases if phase.final}
        self.required = {
            phase.id: {item.id for item in phase.checklist if item.required}
            for phase in definition.phases
        }

    def advance(self, name: str) -> None:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        team_id, phase, status, counters, visit, last_seq, version = conn.execute(
            "SELECT id, phase, status, counters, phase_entered_seq, last_seq, row_version"
            " FROM teams WHERE name = ?",
            (name,),
        ).fetchone()
        # Whether roles are checked (they are not here, so no role is read).
        conn.execute("SELECT value FROM settings WHERE key = ?", ("role-checks",)).fetchone()
        # The team's checklist state and its schools, in one statement as plg reads them.
        ticked = {text for what, text, _, _ in self._visit(team_id, visit) if what == "tick"}
        if status != "active" or self.required[phase] - ticked:
            raise RuntimeError(f"{name} cannot move on")
        dest, seq = self.next[phase], last_seq + 1
        now = datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ")
        conn.execute(
            'INSERT INTO events (team_id, seq, at, actor, kind, from_phase, to_phase, "trigger",'
            " reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (team_id, seq, now, "bench", "advance", phase, dest, "next", None,
             json.dumps({"counters": json.loads(counters)})),
        )  # fmt: skip
        updated = conn.execute(
            "UPDATE teams SET phase = ?, status = ?, phase_entered_seq = ?, last_seq = ?,"
            " last_activity = ?, row_version = ? WHERE id = ? AND row_version = ?",
            (dest, "completed" if dest in self.final else "active", seq, seq, now,
             version + 1, team_id, version),
        )  # fmt: skip
        if updated.rowcount != 1:
            raise RuntimeError("changed by someone else")
        conn.execute("COMMIT")

    def _visit(self, team_id: int, visit: int) -> list[Any]:
        return self.conn.execute(
            "SELECT 'tick', item_id, '', 0 FROM ticks WHERE team_id = ? AND visit = ?"
            " UNION ALL SELECT 'record', category, kind, count(*) FROM records"
            " WHERE team_id = ? AND visit = ? GROUP BY category, kind"
            " UNION ALL SELECT 'school', s.name, '', 0 FROM schools s"
            " JOIN team_schools ts ON ts.school_id = s.id WHERE ts.team_id = ?",
            (team_id, visit, team_id, visit, team_id),
        ).fetchall()


class Spiff:
    """The same walk in SpiffWorkflow: each step loads the workflow, completes the ready user
    task and saves the workflow, in one SQLite transaction."""

    def __init__(self, path: Path, teams: int) -> None:
        from SpiffWorkflow.bpmn import BpmnWorkflow
        from SpiffWorkflow.bpmn.parser import BpmnParser
        from SpiffWorkflow.bpmn.serializer import BpmnWorkflowSerializer

        parser = BpmnParser()
        parser.add_bpmn_file(str(BENCH / "cycle.bpmn"))
        spec = parser.get_spec("cycle")
        self.serializer = BpmnWorkflowSerializer()
        self.conn = _connect(path)
        self.conn.execute("CREATE TABLE workflows (name TEXT PRIMARY KEY, state TEXT NOT NULL)")
        self.conn.execute("BEGIN")
        for n in range(teams):
            workflow = BpmnWorkflow(spec)
            workflow.do_engine_steps()
            self.conn.execute(
                "INSERT INTO workflows VALUES (?, ?)",
                (f"Team {n}", self.serializer.serialize_json(workflow)),
            )
        self.conn.execute("COMMIT")

    def step(self, name: str) -> None:
        from SpiffWorkflow.util.task import TaskState

        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        (state,) = conn.execute("SELECT state FROM workflows WHERE name = ?", (name,)).fetchone()
        workflow = self.serializer.deserialize_json(state)
        workflow.get_tasks(state=TaskState.READY, manual=True)[0].run()
        workflow.do_engine_steps()
        conn.execute(
            "UPDATE workflows SET state = ? WHERE name = ?",
            (self.serializer.serialize_json(workflow), name),
        )
        conn.execute("COMMIT")


def run(folder: Path, teams: int) -> list[Line]:
    try:
        import SpiffWorkflow  # noqa: F401
    except ImportError:
        spiff = None
    else:
        spiff = Spiff(folder / "spiff.db", teams)
    engine = _plg_database(folder / "plg.db", teams)
    _plg_database(folder / "raw.db", teams).close()
    raw = Raw(folder / "raw.db")
    plg_times: list[float] = []
    raw_times: list[float] = []
    spiff_times: list[float] = []
    for _ in range(STEPS):
        for name in (f"Team {n}" for n in range(teams)):
            plg_times.append(timed(partial(engine.advance, name)))
            raw_times.append(timed(partial(raw.advance, name)))
            if spiff is not None:
                spiff_times.append(timed(partial(spiff.step, name)))
    engine.close()
    over_raw = median(plg_times) / median(raw_times)
    lines = [
        Line(f"advance one team, plg on SQLite ({len(plg_times)} steps)", spread(plg_times)),
        Line("  the same reads and writes in raw sqlite3", spread(raw_times)),
        Line("  plg / raw sqlite3 (medians)", f"{over_raw:.2f}x", "<= 3x", over_raw <= 3),
    ]
    if spiff is None:
        lines.append(Line("SpiffWorkflow", "not installed: pip install -e '.[bench]'"))
    else:
        faster = median(spiff_times) / median(plg_times)
        lines += [
            Line("  the same step in SpiffWorkflow + SQLite", spread(spiff_times)),
            Line("  SpiffWorkflow / plg (medians)", f"{faster:.1f}x", ">= 5x", faster >= 5),
        ]
    return lines

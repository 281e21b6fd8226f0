"""A team's whole story, rebuilt from its events: the phases it passed, who moved it and when,
what it ticked and saved in each, and the definition in force at every step."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable

from sqlalchemy.orm import Session

from plg.langs import Lang
from plg.methods.checklist import TeamState, registers
from plg.methods.definition import MethodDefinition
from plg.methods.pinned import definition_of, lesson_of
from plg.present.rows import Names, event_view, item_views, record_view
from plg.present.views import EventView, PhaseVisit, RecordView
from plg.storage import reads, teams
from plg.storage.models import Team
from plg.texts import EVENT_WORDS, ROLE_WORDS, STATUS_WORDS, t

MOVES = ("advance", "force")


def _close(
    visit: PhaseVisit,
    definition: MethodDefinition,
    records: list[RecordView],
    lang: Lang,
    registers: Iterable[str] = (),
) -> None:
    """Fix the checklist as it stood when the team left (or stands now); `registers`: what the
    charter and the register satisfied then ("charter:complete", "hypothesis:open")."""
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for record in records:
        counts[record.category, record.type] += 1
    for ref in registers:
        category, _, kind = ref.partition(":")
        counts[category, kind] = 1
    state = TeamState(definition, visit.phase, frozenset(visit.ticked), counts)
    visit.checklist = item_views(lang, state)
    visit.records = tuple(records)


def history(session: Session, team: Team, lang: Lang) -> list[EventView]:
    """Every event of the team, oldest first, its phases and moves named by the definition
    in force at the time: the one it started on, then each version it moved to."""
    found: list[EventView] = []
    names: Names | None = None
    for event in teams.events(session, team.id):
        left = names
        pinned = event.detail.get({"start": "sha256", "migrate": "to_sha256"}.get(event.kind, ""))
        if pinned is not None:
            names = Names(definition_of(teams.snapshot_by_hash(session, pinned)), lang)
        assert names is not None, "a team's first event is its start"
        found.append(event_view(event, left or names, names))
    return found


def visits(
    session: Session, team: Team, current: MethodDefinition, lang: Lang
) -> tuple[list[PhaseVisit], list[EventView]]:
    """Every visit of a phase, oldest first, and every event; `current`: the definition the
    team runs on now, which names the kinds and phases of its records."""
    events = history(session, team, lang)
    names = Names(current, lang)
    by_visit: dict[int, list[RecordView]] = defaultdict(list)
    for record in teams.records(session, team.id):
        by_visit[record.visit].append(record_view(record, names))
    found: list[PhaseVisit] = []
    definition: MethodDefinition | None = None
    for event in events:
        if event.kind == "start" or event.kind in MOVES:
            if event.kind == "start":
                definition = definition_of(teams.snapshot_by_hash(session, event.detail["sha256"]))
            assert definition is not None
            if found:
                last = found[-1]
                last.left_at, last.left_by, last.left_with = event.at, event.actor, event.trigger
                last.left_title = event.move_title
                last.left_forced, last.left_reason = event.kind == "force", event.reason
                _close(
                    last, definition, by_visit[last.seq], lang, event.detail.get("registers", ())
                )
            phase = event.dest or ""
            found.append(
                PhaseVisit(
                    event.seq,
                    phase,
                    event.dest_title or phase,
                    event.at,
                    event.actor,
                    event.trigger,
                    counters=event.detail.get("counters"),
                )
            )
        elif found and event.kind == "migrate":
            # A migration keeps the visit: its ticks and records carry over.
            definition = definition_of(teams.snapshot_by_hash(session, event.detail["to_sha256"]))
            visit = found[-1]
            visit.phase = event.dest or visit.phase
            visit.title = event.dest_title or visit.phase
            visit.notes.append(f"{event.detail['from_version']} → {event.detail['to_version']}")
        elif found and event.kind in ("tick", "untick", "approve"):
            ticked = found[-1].ticked
            if event.kind != "untick":
                ticked[event.detail["item"]] = (event.actor, event.at)
            else:
                ticked.pop(event.detail["item"], None)
    if found and definition is not None:
        now = reads.visit(
            session,
            team.id,
            team.phase_entered_seq,
            lesson_of(team.counters),
            definition.registers,
        ).records
        _close(found[-1], definition, by_visit[found[-1].seq], lang, registers(now))
    return found, events


def event_text(event: EventView, lang: Lang) -> str:
    """What an event did, in words: for the history on the command line and the web page."""
    detail = event.detail
    text = t(EVENT_WORDS[event.kind], lang)
    if event.move_title:
        text += f" ({event.move_title})"
    # What an event's detail adds, by the key that marks it.
    shown: dict[str, Callable[[], str]] = {
        "item": lambda: event.item_title or detail["item"],
        "to_version": lambda: f"{detail['from_version']} → {detail['to_version']}",
        "title": lambda: detail["title"],
        "new_name": lambda: f"{detail['old_name']} → {detail['new_name']}",
        "person": lambda: (
            detail["person"]
            + (f" ({t(ROLE_WORDS[detail['role']], lang)})" if "role" in detail else "")
        ),
        "number": lambda: (
            str(detail["number"])
            + (f" ({t(STATUS_WORDS[detail['status']], lang)})" if "status" in detail else "")
        ),
        "stage": lambda: detail["stage"],
        "held_on": lambda: f"{detail['held_on']}, {detail['minutes']} min",
    }
    for key, part in shown.items():
        if key in detail:
            text += f": {part()}"
    if detail.get("phase_stays"):
        stays = t("event_phase_stays", lang)
        text += f" ({stays})"
    return text

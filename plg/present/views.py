"""What the engine hands out: plain, frozen values in the user's language, ready to print or dump.

`to_json` gives the shapes of the CLI contract (docs/cli.md); keys may be added, never renamed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, fields
from datetime import date, datetime
from functools import cached_property
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any, cast

from plg.langs import Lang

if TYPE_CHECKING:
    from plg.methods.definition import MethodDefinition, Verdict


def _when(moment: datetime | None) -> str | None:
    return moment.isoformat(timespec="seconds") if moment else None


def json_bytes(value: Any, *, indent: bool = False) -> bytes:
    """`value` as JSON, the way the CLI prints it: dataclasses as objects, datetimes to the
    second. orjson, not json: for the overview's 100,000 rows it takes a tenth of the time."""
    import orjson

    option = orjson.OPT_OMIT_MICROSECONDS | (orjson.OPT_INDENT_2 if indent else 0)
    return orjson.dumps(value, option=option)


def json_ready(value: Any) -> Any:
    """`value` as plain JSON data (dicts, lists, strings, numbers), exactly as printed."""
    import orjson

    return orjson.loads(json_bytes(value))


@dataclass(frozen=True)
class ItemView:
    id: str
    text: str
    required: bool
    done: bool
    satisfied_by: str | None
    saves: str | None = None  # the title of the record kind that ticks it, for people
    how: str | None = None  # how it is ticked other than by hand, for people
    approved_by: str | None = None  # who ticks it by approving it: "director"

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "required": self.required,
            "done": self.done,
            "satisfied_by": self.satisfied_by,
            "saves": self.saves,
            "how": self.how,
            "approved_by": self.approved_by,
        }


@dataclass(frozen=True)
class ChecklistView:
    team: str
    method_title: str
    phase: str
    phase_title: str
    phase_index: int
    phase_count: int
    guidance: str
    items: tuple[ItemView, ...]
    # The research lesson's case pupils, predictions beside observations, for the meeting.
    pupils: tuple[PupilView, ...] = ()

    @property
    def complete(self) -> bool:
        return not any(item.required and not item.done for item in self.items)

    @property
    def done(self) -> int:
        return sum(item.done for item in self.items)

    def to_json(self) -> dict[str, Any]:
        return {
            "team": self.team,
            "phase": self.phase,
            "phase_title": self.phase_title,
            "complete": self.complete,
            "items": [item.to_json() for item in self.items],
        }


@dataclass(frozen=True)
class MoveView:
    """A trigger the team's phase allows, and whether its guards pass now."""

    trigger: str
    dest: str
    dest_title: str
    title: str
    blocking: tuple[str, ...]
    # What blocks it, for a page where no one types an item's id: open items by their text.
    blocking_shown: tuple[str, ...]
    # made by this verdict on the open hypothesis, not by `advance`
    fired_by: Verdict | None = None

    @property
    def ready(self) -> bool:
        return not self.blocking

    def to_json(self) -> dict[str, Any]:
        return {
            "trigger": self.trigger,
            "dest": self.dest,
            "title": self.title,
            "ready": self.ready,
            "blocking": list(self.blocking),
            "fired_by": self.fired_by,
        }


# Where a phase sits in its method, in one language, the same for every team in it: the values
# of TeamRow's fields from `method` to `phase_count`, in that order.
PhasePlace = tuple[str, str, str, str, str, int, int]


@dataclass(slots=True)
class TeamRow:
    """One team as lists and the overview show it.

    Not frozen: a frozen dataclass sets every field through object.__setattr__, which makes it
    five times slower to create, and the overview creates 100,000. Nothing changes a row.
    """

    name: str
    method: str
    method_version: str
    method_title: str
    phase: str
    phase_title: str
    phase_index: int
    phase_count: int
    status: str
    counters: dict[str, int]
    schools: tuple[str, ...]
    leader: str | None
    kind: str
    last_activity: datetime
    stalled: bool
    # The seq of the event that began the current visit of the phase; what is ticked and saved
    # after it counts for the checklist.
    visit: int
    deadline: date | None
    overdue: bool
    archived: bool = False

    @property
    def needs_attention(self) -> bool:
        return self.stalled or self.overdue

    def to_json(self) -> dict[str, Any]:
        # Every field, dates as ISO text: what the CLI prints when it hands rows to orjson.
        return cast(dict[str, Any], json_ready(self))


@dataclass(frozen=True)
class TeamView:
    row: TeamRow
    counter_titles: dict[str, str]
    moves: tuple[MoveView, ...]
    checklist: ChecklistView
    # The exact definition the team runs on (which may differ from the installed one).
    definition: MethodDefinition
    # The phase the team just left, in the view a move returns; None everywhere else.
    left_phase: str | None = None
    # What the engine saw fit to say with a change, worded: a deadline in the past, a school
    # or person a start added. The change was made.
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def to_json(self) -> dict[str, Any]:
        found = {
            **self.row.to_json(),
            "triggers": [move.trigger for move in self.moves],
            "moves": [move.to_json() for move in self.moves],
            "checklist": {
                "done": self.checklist.done,
                "total": len(self.checklist.items),
                "complete": self.checklist.complete,
            },
        }
        if self.left_phase is not None:
            found["left_phase"] = self.left_phase
        if self.warnings:
            found["warnings"] = list(self.warnings)
        return found


@dataclass(frozen=True)
class EventView:
    seq: int
    at: datetime
    actor: str
    kind: str
    source: str | None
    dest: str | None
    trigger: str | None
    reason: str | None
    detail: dict[str, Any]
    # The phases and the move in words, by the definition in force at the time.
    source_title: str | None
    dest_title: str | None
    move_title: str | None
    # The checklist item a tick or an untick names, by its text.
    item_title: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": _when(self.at),
            "actor": self.actor,
            "kind": self.kind,
            "from": self.source,
            "to": self.dest,
            "trigger": self.trigger,
            "reason": self.reason,
            "detail": self.detail,
        }


@dataclass(frozen=True)
class SchoolView:
    name: str
    code: str | None
    teams: int
    people: int


@dataclass(frozen=True)
class PersonView:
    name: str
    email: str | None
    school: str | None
    # Ids of plg.engine.inputs.FUNCTIONS, in its order.
    functions: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportRowView:
    """One row of a staff file and what an import makes of it: `add` a person, `update` one
    (the fields in `changes`), leave one the `same`, or skip it for its `problems` (worded)."""

    line: int
    name: str
    email: str | None
    school: str | None
    functions: tuple[str, ...]
    outcome: str
    changes: tuple[str, ...]
    problems: tuple[str, ...]

    def said(self, lang: Lang) -> str:
        """What becomes of the row, or its problems, in words."""
        from plg.texts import IMPORT_FIELD_WORDS, IMPORT_OUTCOME_WORDS, t

        if self.problems:
            return " ".join(self.problems)
        changes = ", ".join(t(IMPORT_FIELD_WORDS[change], lang) for change in self.changes)
        return t(IMPORT_OUTCOME_WORDS[self.outcome], lang, changes=changes)


@dataclass(frozen=True)
class ImportView:
    """What an import of a staff file does (or did), row by row. `digest` names exactly this
    result: an import that was shown it writes only if it still comes out the same."""

    rows: tuple[ImportRowView, ...]
    digest: str

    def count(self, outcome: str) -> int:
        return sum(1 for row in self.rows if row.outcome == outcome)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": self.count("add"),
            "updated": self.count("update"),
            "unchanged": self.count("same"),
            "problems": self.count("problem"),
            "digest": self.digest,
            "rows": list(self.rows),
        }


@dataclass(frozen=True)
class MemberView:
    """A person's role in a team."""

    person: str
    role: str
    joined_at: datetime

    def to_json(self) -> dict[str, Any]:
        return {"person": self.person, "role": self.role, "joined_at": self.joined_at}


@dataclass(frozen=True)
class FormerMemberView:
    """A stay in the team that has ended."""

    person: str
    role: str
    joined_at: datetime
    left_at: datetime


@dataclass(frozen=True)
class NeedView:
    """What a person in the team wants to learn; `role` is empty for someone who left."""

    person: str
    role: str
    needs: str | None


@dataclass(frozen=True)
class CharterEdit:
    """The charter after one person's changes from their page (`Charters.edit_charter`)."""

    charter: CharterView
    # What is now as the person wanted it, and what someone else had changed meanwhile (theirs
    # kept): question ids, "deadline", "needs".
    saved: tuple[str, ...]
    clashes: tuple[str, ...]


@dataclass(frozen=True)
class CharterView:
    team: str
    # (question id, the question in the user's language, the answer or None)
    answers: tuple[tuple[str, str, str | None], ...]
    deadline: date | None
    needs: tuple[NeedView, ...]
    complete: bool
    # question ids, "deadline" and "needs:PERSON" still to give
    missing: tuple[str, ...]
    # As TeamView.warnings: a deadline given that has passed.
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def to_json(self) -> dict[str, Any]:
        found: dict[str, Any] = {
            "team": self.team,
            "answers": [
                {"id": key, "question": question, "answer": answer}
                for key, question, answer in self.answers
            ],
            "deadline": self.deadline,
            "needs": self.needs,
            "complete": self.complete,
            "missing": self.missing,
        }
        if self.warnings:
            found["warnings"] = list(self.warnings)
        return found


@dataclass(frozen=True)
class HypothesisView:
    number: int
    text: str
    status: str  # open, accepted or rejected
    data: str | None
    verdict: str | None
    proposed_at: datetime
    decided_at: datetime | None


@dataclass(frozen=True)
class DecisionView:
    """A verdict on a hypothesis, and the team as the move it made left it (if it made one)."""

    hypothesis: HypothesisView
    team: TeamView | None

    def to_json(self) -> dict[str, Any]:
        return {"hypothesis": self.hypothesis, "team": self.team.to_json() if self.team else None}


@dataclass(frozen=True)
class PupilView:
    """A case pupil of a research lesson, by pseudonym."""

    lesson: int
    pseudonym: str
    stands_for: str
    observer: str | None
    # (stage, predicted response, observed response), by stage
    stages: tuple[tuple[str, str | None, str | None], ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "lesson": self.lesson,
            "pseudonym": self.pseudonym,
            "stands_for": self.stands_for,
            "observer": self.observer,
            "stages": [
                {"stage": stage, "predicted": predicted, "observed": observed}
                for stage, predicted, observed in self.stages
            ],
        }


@dataclass(frozen=True)
class MeetingView:
    id: int
    held_on: date
    minutes: int
    kind: str  # meeting, start, development or evaluation
    phase: str  # the phase the team was in
    phase_title: str
    attendees: tuple[str, ...]
    agenda: str | None
    notes: str | None
    removed: Removal | None = None
    # What the engine saw fit to warn about when the meeting was saved, worded (see
    # Meetings._meeting_warnings); only `meeting add` has any. Not part of the meeting: a
    # meeting read back later is the same meeting.
    warnings: tuple[str, ...] = field(default=(), compare=False)

    def to_json(self) -> dict[str, Any]:
        # Every field but the phase's title, which is for people: the shape of the contract. A
        # removed meeting says so, a meeting saved with warnings names them; the others have
        # neither key, as before.
        found = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if f.name not in ("phase_title", "removed", "warnings")
        }
        if self.removed is not None:
            found["removed"] = self.removed.to_json()
        if self.warnings:
            found["warnings"] = self.warnings
        return found


@dataclass(frozen=True)
class HoursRow:
    person: str
    network_minutes: int
    team_minutes: int
    meetings: int
    budget: int | None  # hours a school year, for network participants
    approval: HoursApproved | None = None  # a director's approval of their network hours

    @property
    def network_hours(self) -> float:
        return self.network_minutes / 60

    @property
    def team_hours(self) -> float:
        return self.team_minutes / 60

    @property
    def left(self) -> float | None:
        """Budget hours not yet spent in networks; negative when over."""
        return None if self.budget is None else self.budget - self.network_hours

    def to_json(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "hours": round(self.network_hours + self.team_hours, 2),
            "network_hours": round(self.network_hours, 2),
            "team_hours": round(self.team_hours, 2),
            "meetings": self.meetings,
            "budget": self.budget,
            "left": None if self.left is None else round(self.left, 2),
            "approved": self.approval.to_json() if self.approval else None,
        }


@dataclass(frozen=True)
class HoursView:
    year: int  # the school year that begins in August of this year
    first: date
    last: date
    budget: int
    people: tuple[HoursRow, ...]

    @property
    def label(self) -> str:
        return f"{self.year}-{self.year + 1}"

    def to_json(self) -> dict[str, Any]:
        return {
            "year": self.label,
            "from": self.first,
            "to": self.last,
            "budget": self.budget,
            "people": [row.to_json() for row in self.people],
        }


@dataclass(frozen=True)
class RecordView:
    id: int
    category: str
    type: str
    type_title: str
    title: str
    phase: str
    phase_title: str
    visit: int
    text: str | None
    value: float | None
    filename: str | None
    size: int | None
    sha256: str | None
    actor: str
    at: datetime
    removed: Removal | None = None

    def to_json(self) -> dict[str, Any]:
        found = {
            "id": self.id,
            "category": self.category,
            "type": self.type,
            "title": self.title,
            "phase": self.phase,
            "visit": self.visit,
            "text": self.text,
            "value": self.value,
            "file": (
                {"name": self.filename, "size": self.size, "sha256": self.sha256}
                if self.sha256
                else None
            ),
            "actor": self.actor,
            "at": _when(self.at),
        }
        if self.removed is not None:
            found["removed"] = self.removed.to_json()
        return found


@dataclass(frozen=True)
class Removal:
    """When and by whom a meeting or record was removed by mistake (kept, but not counted)."""

    at: datetime
    by: str

    def to_json(self) -> dict[str, Any]:
        return {"at": _when(self.at), "by": self.by}


@dataclass(frozen=True)
class RecordRemoved:
    record: RecordView
    # Saved in an earlier visit of a phase: what it let the team do stays done, and the team
    # stays in its phase.
    phase_stays: bool

    def to_json(self) -> dict[str, Any]:
        return {**self.record.to_json(), "phase_stays": self.phase_stays}


@dataclass(frozen=True)
class Purged:
    """What a purge deleted for good: the removed records and meetings, or a whole team."""

    team: str
    what: str  # removed, team
    records: int
    meetings: int

    def to_json(self) -> dict[str, Any]:
        return {
            "team": self.team,
            "what": self.what,
            "records": self.records,
            "meetings": self.meetings,
        }


@dataclass(frozen=True)
class Overview:
    teams: tuple[TeamRow, ...]
    stalled_days: int
    # Per method: its title and every phase (id, title) in order, with or without teams in it.
    methods: dict[str, tuple[str, tuple[tuple[str, str], ...]]]
    # Per method: its counters' titles by id.
    counter_titles: dict[str, dict[str, str]]

    @cached_property
    def attention(self) -> tuple[TeamRow, ...]:
        # Once: a page asks for it several times, and each pass reads every row.
        return tuple(row for row in self.teams if row.needs_attention)

    def phase_counts(self, method: str) -> list[tuple[str, str, int]]:
        """(phase id, title, number of teams) for every phase of `method`, in order."""
        counts = self._by_method_phase
        return [(pid, title, counts[method, pid]) for pid, title in self.methods[method][1]]

    def counts(self, key: str) -> dict[str, int]:
        # Counter over attrgetter runs in C: the summary of 100,000 rows in a few milliseconds.
        return dict(sorted(Counter(map(attrgetter(key), self.teams)).items()))

    @cached_property
    def _by_method_phase(self) -> Counter[tuple[str, str]]:
        # Counted once: the page asks for every method's bars, and the JSON for all of them.
        return Counter(map(attrgetter("method", "phase"), self.teams))

    def to_json(self) -> dict[str, Any]:
        return {"teams": [row.to_json() for row in self.teams], **self.summary_json()}

    def summary_json(self) -> dict[str, Any]:
        """Everything but the team rows (which the CLI writes a thousand at a time)."""
        by_phase: dict[str, dict[str, int]] = {}
        for (method, phase), count in self._by_method_phase.items():
            by_phase.setdefault(method, {})[phase] = count
        schools = Counter(chain.from_iterable(map(attrgetter("schools"), self.teams)))
        return {
            "by_method": self.counts("method"),
            "by_phase": by_phase,
            "by_status": self.counts("status"),
            "by_school": dict(sorted(schools.items())),
            "stalled_days": self.stalled_days,
        }


def method_json(definition: MethodDefinition, lang: Lang) -> dict[str, Any]:
    """A method as `plg methods show --json` prints it: texts in `lang`, guards by name."""
    return {
        "id": definition.id,
        "version": definition.version,
        "title": definition.title(lang),
        "description": definition.description(lang),
        "sources": list(definition.sources),
        "initial": definition.initial,
        "phases": [
            {
                "id": phase.id,
                "title": phase.title(lang),
                "final": phase.final,
                "guidance": phase.guidance(lang),
                "checklist": [
                    {
                        "id": item.id,
                        "text": item.text(lang),
                        "required": item.required,
                        "satisfied_by": item.satisfied_by,
                        "approved_by": item.approved_by,
                    }
                    for item in phase.checklist
                ],
            }
            for phase in definition.phases
        ],
        "transitions": [
            {
                "trigger": tr.trigger,
                "source": tr.source,
                "dest": tr.dest,
                "title": tr.title(lang) if tr.title else None,
                "guards": [{"name": g.name, "params": dict(g.params)} for g in tr.guards],
                "fired_by": tr.fired_by,
                "increments": list(tr.increments),
                "resets": list(tr.resets),
            }
            for tr in definition.transitions
        ],
        "counters": [{"id": c.id, "title": c.title(lang)} for c in definition.counters],
    }


@dataclass
class PhaseVisit:
    """One stay of a team in a phase, from the move that brought it there to the one that
    took it on; what it ticked and saved there, and the checklist as it stood when it left."""

    seq: int
    phase: str
    title: str
    entered_at: datetime
    entered_by: str
    entered_with: str | None
    left_at: datetime | None = None
    left_by: str | None = None
    left_with: str | None = None
    left_title: str | None = None  # the move that took it on, in words
    left_forced: bool = False
    left_reason: str | None = None
    counters: dict[str, int] | None = None
    notes: list[str] = field(default_factory=list)
    checklist: tuple[ItemView, ...] = ()
    ticked: dict[str, tuple[str, datetime]] = field(default_factory=dict)
    records: tuple[RecordView, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "phase": self.phase,
            "title": self.title,
            "entered_at": _when(self.entered_at),
            "entered_by": self.entered_by,
            "entered_with": self.entered_with,
            "left_at": _when(self.left_at),
            "left_by": self.left_by,
            "left_with": self.left_with,
            "left_forced": self.left_forced,
            "left_reason": self.left_reason,
            "counters": self.counters,
            "notes": self.notes,
            "checklist": [
                {
                    **item.to_json(),
                    "ticked_by": self.ticked[item.id][0] if item.id in self.ticked else None,
                    "ticked_at": _when(self.ticked[item.id][1]) if item.id in self.ticked else None,
                }
                for item in self.checklist
            ],
            "records": [record.to_json() for record in self.records],
        }


@dataclass(frozen=True)
class TeamStory:
    """Everything that happened to a team, for `plg export`."""

    row: TeamRow
    method_description: str
    counter_titles: dict[str, str]
    visits: tuple[PhaseVisit, ...]
    events: tuple[EventView, ...]
    definition: MethodDefinition
    members: tuple[MemberView, ...]
    former_members: tuple[FormerMemberView, ...]
    charter: CharterView
    hypotheses: tuple[HypothesisView, ...]
    meetings: tuple[MeetingView, ...]
    pupils: tuple[PupilView, ...]

    @property
    def hours(self) -> dict[str, float]:
        """Hours in this team's meetings per attendee, over all its meetings."""
        minutes: Counter[str] = Counter()
        for meeting in self.meetings:
            for person in meeting.attendees:
                minutes[person] += meeting.minutes
        return {person: round(minutes[person] / 60, 2) for person in sorted(minutes)}

    @property
    def forced(self) -> tuple[EventView, ...]:
        return tuple(e for e in self.events if e.kind == "force")

    def to_json(self) -> dict[str, Any]:
        return {
            "team": self.row.to_json(),
            "method": {
                "id": self.row.method,
                "version": self.row.method_version,
                "title": self.row.method_title,
                "description": self.method_description,
                "sources": list(self.definition.sources),
            },
            "members": [member.to_json() for member in self.members],
            "former_members": self.former_members,
            "charter": self.charter.to_json(),
            "hypotheses": self.hypotheses,
            "meetings": [meeting.to_json() for meeting in self.meetings],
            "pupils": [pupil.to_json() for pupil in self.pupils],
            "hours": [{"person": person, "hours": hours} for person, hours in self.hours.items()],
            "visits": [visit.to_json() for visit in self.visits],
            "forced": [event.to_json() for event in self.forced],
            "events": [event.to_json() for event in self.events],
        }


@dataclass(frozen=True)
class HoursApproved:
    """A director's approval of a person's network hours in a school year: the hours they
    had then (meetings entered later are not approved yet), by whom and when."""

    minutes: int
    by: str
    at: datetime

    @property
    def hours(self) -> float:
        return self.minutes / 60

    def to_json(self) -> dict[str, Any]:
        return {"hours": round(self.hours, 2), "by": self.by, "at": _when(self.at)}


@dataclass(frozen=True)
class DirectorView:
    """A person who directs a school."""

    person: str
    school: str


@dataclass(frozen=True)
class SchoolPageView:
    """A school as its director sees it: its directors, its teams (each one's method and
    phase), and its staff (whose home school it is) who are in no active team at all."""

    name: str
    code: str | None
    directors: tuple[str, ...]
    teams: tuple[TeamRow, ...]
    idle: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "code": self.code,
            "directors": list(self.directors),
            "teams": [row.to_json() for row in self.teams],
            "idle": list(self.idle),
        }

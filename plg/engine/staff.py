"""Importing the foundation's staff from the rows of a file (plg.engine.staff_file reads it):
a preview that names every row's problem, and the import of the rows that have none, in one
transaction. A row is the same person by e-mail address, else by name, so a file imported
again updates what changed and adds nobody twice. Part of the engine (its `Engine` is a
`Staff`)."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from plg.engine import roles
from plg.engine.base import EngineBase
from plg.engine.inputs import FUNCTIONS, StaffRow, clean, email_address, function_of
from plg.engine.people import rename, set_functions
from plg.engine.staff_file import MOST_ROWS
from plg.errors import InvalidInput, Refused
from plg.present.views import ImportRowView, ImportView
from plg.storage import people as people_store
from plg.storage.models import Person, PersonFunction
from plg.storage.names import name_key, near_misses
from plg.texts import N_, t

# What separates a person's functions in one cell: "leerkracht, ib" or "leerkracht / ib".
_SEPARATORS = re.compile(r"[,;/+|]")
Progress = Callable[[int, int], None] | None
_MOST_GUESSES = 50


@dataclass
class _Plan:
    """What the import does with one row; `problems` are keys and their values."""

    row: StaffRow
    name: str = ""
    email: str | None = None
    school: tuple[int, str] | None = None
    functions: tuple[str, ...] = ()
    person: int | None = None
    changes: tuple[str, ...] = ()
    problems: list[tuple[str, dict[str, object]]] = field(default_factory=list)

    @property
    def outcome(self) -> str:
        if self.problems:
            return "problem"
        if self.person is None:
            return "add"
        return "update" if self.changes else "same"


class Staff(EngineBase):
    def preview_import(self, rows: Sequence[StaffRow], progress: Progress = None) -> ImportView:
        """What importing `rows` would do, row by row; writes nothing. `progress` is told
        (rows done, rows) as the rows are looked at."""
        with self._session() as session:
            roles.require_project_leader(
                session, self.actor, "organisation", self.lang, always=self.enforce_roles
            )
            return self._import_view(_plans(session, rows, progress))

    def import_people(
        self, rows: Sequence[StaffRow], expected: str | None = None, progress: Progress = None
    ) -> ImportView:
        """Add and update the people of every row without a problem, in one transaction: all
        of them or none. With `expected` (the digest of the preview a person saw), only if the
        import still comes out exactly as that preview said; else Refused `import_changed`."""

        def store(session: Session) -> ImportView:
            # Two imports at once: the second reads the people after the first is in.
            people_store.lock_people(session)
            plans = _plans(session, rows, progress)
            view = self._import_view(plans)
            if expected is not None and view.digest != expected:
                raise Refused("import_changed")
            _write(session, plans)
            return view

        return self._foundation_change("organisation", store)

    def _import_view(self, plans: list[_Plan]) -> ImportView:
        views = tuple(
            ImportRowView(
                plan.row.line,
                plan.name or plan.row.name.strip(),
                plan.email or plan.row.email.strip() or None,
                plan.school[1] if plan.school else (plan.row.school.strip() or None),
                plan.functions,
                plan.outcome,
                plan.changes,
                tuple(t(key, self.lang, **values) for key, values in plan.problems),
            )
            for plan in plans
        )
        return ImportView(views, _digest(plans))


def _digest(plans: list[_Plan]) -> str:
    """The import's result, in no language: what each row holds and what becomes of it."""
    shape = [
        [
            plan.row.line,
            plan.row.name,
            plan.row.email,
            plan.row.school,
            plan.row.function,
            plan.outcome,
            plan.person,
            list(plan.changes),
            [key for key, _ in plan.problems],
        ]
        for plan in plans
    ]
    return hashlib.sha256(json.dumps(shape).encode()).hexdigest()


@dataclass
class _Foundation:
    """The people and schools an import compares its rows with, read once."""

    names: dict[str, int]
    emails: dict[str, int]
    people: dict[int, tuple[str, str | None, int | None]]
    functions: dict[int, set[str]]
    schools: dict[str, tuple[int, str]]
    # The school each unknown one written in the file probably means, if any, looked up once.
    nearest: dict[str, str | None] = field(default_factory=dict)

    def near(self, school: str) -> str | None:
        """The known school `school` is probably a slip for. Each look-up compares it with
        every school; a file that names more than a few dozen unknown schools is no slip, and
        is told only that they are unknown (700 schools and 5,000 took a minute)."""
        key = name_key(school)
        if key not in self.nearest and len(self.nearest) < _MOST_GUESSES:
            found = near_misses(school, {k: k for k in self.schools}, limit=1)
            self.nearest[key] = self.schools[found[0]][1] if found else None
        return self.nearest.get(key)

    @classmethod
    def read(cls, session: Session) -> _Foundation:
        people = {
            pid: (name, email, school)
            for pid, name, email, school in people_store.everyone(session)
        }
        schools: dict[str, tuple[int, str]] = {}
        for sid, name, code in people_store.all_schools(session):
            schools[name_key(name)] = (sid, name)
            if code:
                schools.setdefault(name_key(code), (sid, name))
        return cls(
            {name_key(name): pid for pid, (name, _, _) in people.items()},
            {email.lower(): pid for pid, (_, email, _) in people.items() if email},
            people,
            people_store.functions(session),
            schools,
        )


def _plans(session: Session, rows: Sequence[StaffRow], progress: Progress) -> list[_Plan]:
    if len(rows) > MOST_ROWS:  # a file never has more; rows from elsewhere may
        raise InvalidInput("import_rows_too_many", most=MOST_ROWS)
    known = _Foundation.read(session)
    names: dict[str, int] = {}
    emails: dict[str, int] = {}
    people: dict[int, int] = {}
    plans = []
    for row in rows:
        plan = _Plan(row)
        _check(plan, known)
        _twice(plan, names, emails)
        if not plan.problems:
            _match(session, plan, known, people)
        plans.append(plan)
        if progress is not None and (len(plans) % 500 == 0 or len(plans) == len(rows)):
            progress(len(plans), len(rows))
    return plans


def _check(plan: _Plan, known: _Foundation) -> None:
    """Each cell of the row as it will be stored, or its problem."""
    row, problems = plan.row, plan.problems
    try:
        plan.name = clean(row.name, 200, "import_name_invalid")
    except InvalidInput as exc:
        problems.append((N_("import_name_empty") if not row.name.strip() else exc.key, {}))
    try:
        plan.email = email_address(row.email)
    except InvalidInput:
        problems.append((N_("import_email_invalid"), {"email": row.email.strip()}))
    school = row.school.strip()
    if school:
        plan.school = known.schools.get(name_key(school))
        if plan.school is None:
            near = known.near(school)
            if near is not None:
                problems.append((N_("import_school_near"), {"school": school, "near": near}))
            else:
                problems.append((N_("import_school_unknown"), {"school": school}))
    found = set()
    for word in _SEPARATORS.split(row.function):
        if word.strip():
            try:
                found.add(function_of(word))
            except InvalidInput as exc:
                problems.append((exc.key, exc.params))
    plan.functions = tuple(key for key in FUNCTIONS if key in found)


def _twice(plan: _Plan, names: dict[str, int], emails: dict[str, int]) -> None:
    """A person the file names in an earlier row too: the row is not clear about them."""
    line = plan.row.line
    if plan.email and emails.setdefault(plan.email.lower(), line) != line:
        plan.problems.append(
            (N_("import_email_twice"), {"email": plan.email, "line": emails[plan.email.lower()]})
        )
    elif plan.name and names.setdefault(name_key(plan.name), line) != line:
        plan.problems.append(
            (N_("import_name_twice"), {"name": plan.name, "line": names[name_key(plan.name)]})
        )


def _match(session: Session, plan: _Plan, known: _Foundation, people: dict[int, int]) -> None:
    """The person the row is (by e-mail address, else by name) and what changes of them."""
    by_email = known.emails.get(plan.email.lower()) if plan.email else None
    person = by_email if by_email is not None else known.names.get(name_key(plan.name))
    if person is None:
        return
    name, email, school = known.people[person]
    if people.setdefault(person, plan.row.line) != plan.row.line:
        plan.problems.append((N_("import_person_twice"), {"person": name, "line": people[person]}))
        return
    if known.names.get(name_key(plan.name), person) != person:
        plan.problems.append((N_("import_email_elsewhere"), {"email": plan.email, "person": name}))
        return
    plan.person = person
    changes = [
        ("name", plan.name != name),
        ("email", plan.email is not None and plan.email != email),
        ("school", plan.school is not None and plan.school[0] != school),
        (
            "functions",
            bool(plan.functions) and set(plan.functions) != known.functions.get(person, set()),
        ),
    ]
    plan.changes = tuple(key for key, changed in changes if changed)


def _write(session: Session, plans: list[_Plan]) -> None:
    adds = [plan for plan in plans if plan.outcome == "add"]
    updates = [plan for plan in plans if plan.outcome == "update"]
    found = people_store.people_by_id(session, [plan.person for plan in updates if plan.person])
    for plan in updates:
        person = found[plan.person or 0]
        if "name" in plan.changes:
            rename(session, person.id, person.name, plan.name)
        if "email" in plan.changes:
            person.email = plan.email
        if "school" in plan.changes and plan.school:
            person.school_id = plan.school[0]
        if "functions" in plan.changes:
            set_functions(session, person.id, plan.functions)
    added = [
        Person(name=plan.name, email=plan.email, school_id=plan.school[0] if plan.school else None)
        for plan in adds
    ]
    session.add_all(added)
    session.flush()
    # Names a team or meeting held before the person was imported are theirs now.
    people_store.link_names(session)
    session.add_all(
        PersonFunction(person_id=person.id, function=job)
        for person, plan in zip(added, adds, strict=True)
        for job in plan.functions
    )

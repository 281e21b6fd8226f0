"""The web page under real use: ten people at once, for some seconds, each in a browser session
of their own, read their pages and save ticks, texts, files, meetings, hypotheses and moves.

Then every save the page said was saved must be in the database, and nothing a refused save
sent; every team's history must count 1, 2, 3... without a gap; `plg check` must find nothing
wrong, and each team's phase must be the one its events lead to. A refusal the page explains
(the team moved on while the page was open, a hypothesis is open already) is allowed and
counted; a fault (an answer of 500 or more, or none at all) never.

SQLite: the app served by uvicorn in this process, one worker (as `tests/webserver.serving`).
PostgreSQL: `plg serve --workers 2`, a process of its own whose two workers share the people.
How fast it all goes is measured by bench/load.py, not judged here.
"""

from __future__ import annotations

import random
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from itertools import count
from typing import Any

import httpx
import pytest

from plg import Engine
from plg.methods.definition import Category
from plg.present.views import EventView
from plg.texts import catalogue
from tests.webfoundation import CHIEF, NORTH, SOUTH, new_people, new_team, signed_in
from tests.webserver import Form, Visitor, flashes, forms, serving, serving_process, text_of

# How long the people work at once, and how many actions each does at most: the test stops by
# itself on a slow machine and on a fast one.
SECONDS = 8.0
MOST = 60
# The same few files, uploaded by several teams at once: each is stored once (its hash is its
# key), so two teams may race to store the same one.
FILES = [f"{n};score\n{n};7.5\n".encode() * 40 for n in ("een", "twee", "drie")]
# The event that each kind of save writes, and so must be in the history once per save.
EVENTS = {
    "tick": "ticks",
    "untick": "ticks",
    "artefact": "artefact",
    "evidence": "upload",
    "meeting": "meeting",
    "hypothesis": "hypothesis",
    "advance": "move",
    "force": "move",
}
# The saves of one transaction each: saved means one event, refused means none.
WHOLE = ("artefact", "upload", "meeting", "hypothesis", "move")
KINDS = ("artefact", "evidence")


def _said(key: str) -> re.Pattern[str]:
    """What the page says (in English) when it saved: the message with its values left open."""
    said = re.escape(catalogue("messages", "en").gettext(key))
    return re.compile(re.sub(r"\\\{(\w+)\\\}", r"(?P<\1>.+?)", said))


SAVED = {
    "ticks": _said("web_ticks_saved"),
    "artefact": _said("web_saved"),
    "upload": _said("web_saved"),
    "meeting": _said("web_meeting_saved"),
    "hypothesis": _said("web_hypothesis_added"),
    "move": _said("web_moved"),
}


@pytest.fixture(scope="module")
def load_site(url: str, chief: Engine, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """SQLite: the app in this process, one worker. PostgreSQL: `plg serve --workers 2`."""
    if url.startswith("sqlite"):
        with serving(url) as base:
            yield base
    else:
        log = tmp_path_factory.mktemp("serve") / "plg-serve.log"
        with serving_process(url, log, "--workers", "2") as base:
            yield base


@dataclass
class Save:
    """One form sent, and how the page answered it."""

    kind: str
    person: str
    team: str
    saved: bool
    said: str
    values: dict[str, str] = field(default_factory=dict)  # what the message named: count...
    sent: dict[str, Any] = field(default_factory=dict)  # what the form held: title, text...


@dataclass
class Worker:
    """One person at work in their own browser session, on their team."""

    name: str
    team: str
    leads: bool
    visitor: Visitor
    kinds: dict[str, list[str]]  # the record kinds of the team's method, per category
    rng: random.Random
    saves: list[Save] = field(default_factory=list)
    answers: list[tuple[str, str, int]] = field(default_factory=list)  # method, path, status
    faults: list[str] = field(default_factory=list)
    serial: Iterator[int] = field(default_factory=count)

    @property
    def team_path(self) -> str:
        return f"/team/{self.team}"

    def work(self, until: float) -> None:
        """Every kind of action once, in an order of this person's own, then actions chosen
        at random, until the time is up or MOST are done. A leader moves the team on once,
        halfway: what the others send from the page of the phase before is refused or still
        holds, and what they do after it is checked against the phase it moved to."""
        first = list(ACTIONS)
        self.rng.shuffle(first)
        moved = not self.leads
        for done in range(MOST):
            now = time.monotonic()
            if done >= len(first) and now > until:
                break
            if not moved and (now > until - SECONDS / 2 or done >= MOST // 2):
                moved = True
                move(self)
            else:
                (first[done] if done < len(first) else self.rng.choice(OFTEN))(self)

    # -- talking to the page ----------------------------------------------------------------

    def _noted(
        self, method: str, path: str, send: Callable[[], httpx.Response]
    ) -> httpx.Response | None:
        try:
            answer = send()
        except httpx.HTTPError as error:
            self.faults.append(f"{method} {path}: no answer ({error!r})")
            return None
        for step in (*answer.history, answer):
            self.answers.append((method, step.url.path, step.status_code))
            if step.status_code >= 500:
                self.faults.append(f"{method} {path}: {step.status_code} {text_of(step.text)}")
        return answer

    def get(self, path: str) -> httpx.Response | None:
        return self._noted("GET", path, lambda: self.visitor.get(path))

    def form(self, form_id: str) -> Form | None:
        """The form on the team's page as it shows now, if the person is offered it."""
        page = self.get(self.team_path)
        return forms(page.text).get(form_id) if page is not None else None

    def send(
        self,
        kind: str,
        form: Form,
        changes: Mapping[str, str | list[str]],
        files: dict[str, tuple[str, bytes, str]] | None = None,
        **kept: Any,
    ) -> None:
        """The form as the page gave it (its token and hidden fields too), with `changes`;
        `kept` is what else to check it by later."""
        data = {**form.sent(), **{k: v if isinstance(v, list) else [v] for k, v in changes.items()}}
        answer = self._noted(
            "POST",
            form.action,
            lambda: self.visitor.post(form.action, data, token=False, files=files),
        )
        if answer is not None:
            self.judge(kind, answer, {**changes, **kept})

    def judge(self, kind: str, answer: httpx.Response, sent: dict[str, Any]) -> None:
        """Saved: a 303 to the team's page, which says so. Refused: a page that says why. A
        fault (5xx) is neither: it is noted as one with every answer."""
        if answer.status_code >= 500:
            return
        said = flashes(answer.text)
        ok = (SAVED[kind].fullmatch(text) for level, text in said if level == "ok")
        saved = next((found for found in ok if found), None)
        redirected = [step.status_code for step in answer.history] == [303]
        on_team = answer.status_code == 200 and answer.url.path == self.team_path
        errors = [text for level, text in said if level == "error"]
        if saved and redirected and on_team and not errors:
            self.saves.append(
                Save(kind, self.name, self.team, True, saved[0], saved.groupdict(), sent)
            )
        elif errors or 400 <= answer.status_code < 500:
            why = "; ".join(errors) or text_of(answer.text)[-300:]
            self.saves.append(Save(kind, self.name, self.team, False, why, sent=sent))
        else:
            self.faults.append(
                f"{kind} by {self.name}: {answer.status_code} at {answer.url.path}, said {said}"
            )


# -- what people do -----------------------------------------------------------------------


def read(worker: Worker) -> None:
    """Their teams, their team's page or the dashboard: each names their team."""
    path = worker.rng.choice(["/teams", worker.team_path, "/dashboard"])
    page = worker.get(path)
    if page is not None and (page.status_code != 200 or worker.team not in text_of(page.text)):
        worker.faults.append(f"GET {path}: {page.status_code} without {worker.team}")


def ticks(worker: Worker) -> None:
    """Tick or untick one box of the checklist, the others left as the page showed them."""
    form = worker.form("checklist")
    boxes = [value for name, value, _ in form.boxes if name == "item"] if form else []
    if form is None or not boxes:
        return
    wanted = set(form.values("item")) ^ {worker.rng.choice(boxes)}
    worker.send("ticks", form, {"item": sorted(wanted)}, boxes=len(boxes))


def artefact(worker: Worker) -> None:
    form = worker.form("upload")
    if form is None:
        return
    n = next(worker.serial)
    title = f"Lesplan {n} van {worker.name}"
    text = f"Wat {worker.name} in les {n} probeerde, en wat we zagen: <b>niet vet</b> & zo."
    kind = worker.rng.choice(worker.kinds["artefact"])
    changes = {"category": "artefact", "kind": kind, "title": title, "text": text}
    # A browser sends a form with a file field as multipart, with an empty file if none.
    worker.send("artefact", form, changes, {"file": ("", b"", "application/octet-stream")})


def upload(worker: Worker) -> None:
    form = worker.form("upload")
    if form is None:
        return
    n = next(worker.serial)
    title, filename = f"Toetsdata {n} van {worker.name}", f"toets-{n}.csv"
    content = worker.rng.choice(FILES)
    kind = worker.rng.choice(worker.kinds["evidence"])
    changes = {"category": "evidence", "kind": kind, "title": title}
    files = {"file": (filename, content, "text/csv")}
    worker.send("upload", form, changes, files, filename=filename, content=content)


def meeting(worker: Worker) -> None:
    """Leaders only: members are not offered the form."""
    form = worker.form("meeting-form")
    if form is None:
        return
    n = next(worker.serial)
    notes = f"Bijeenkomst {n} van {worker.name}: we bespraken de toets.\nEn de volgende stap."
    worker.send("meeting", form, {"notes": notes, "agenda": f"Agenda {n}", "length": "45"})


def hypothesis(worker: Worker) -> None:
    """Offered only while no hypothesis is open: the first of several to send it wins."""
    form = worker.form("hypothesis-form")
    if form is None:
        return
    text = f"De scores dalen door {worker.name}'s aanpak {next(worker.serial)}."
    worker.send("hypothesis", form, {"text": text})


def move(worker: Worker) -> None:
    """The first move the page offers, forced where it is blocked."""
    page = worker.get(worker.team_path)
    link = re.search(r'href="(/advance/[^"]+)"', page.text if page is not None else "")
    if link is None:
        return
    confirm = worker.get(unescape(link.group(1)))
    if confirm is None:
        return
    found = forms(confirm.text)
    form = found.get("confirm-form") or found.get("force-form")
    if form is None:  # the team moved meanwhile: the page says the move is gone
        worker.judge("move", confirm, {})
        return
    reason = {"reason": "De studiedag komt eraan."} if "reason" in form.sent() else {}
    worker.send("move", form, reason)


ACTIONS: list[Callable[[Worker], None]] = [read, ticks, artefact, upload, meeting, hypothesis]
OFTEN = [*ACTIONS, read, read, read, ticks]


# -- the test -------------------------------------------------------------------------------


def test_ten_people_at_once_lose_nothing(chief: Engine, load_site: str) -> None:
    crew: list[tuple[str, str, bool]] = []
    for method, school in (("datateam", NORTH), ("vier_vragen", NORTH), ("datateam", SOUTH)):
        leader, *members = new_people(chief, 3, school)
        team = new_team(chief, method, school, leader=leader, members=members)
        crew += [(leader, team, True), *((member, team, False) for member in members)]
    crew.append((CHIEF, crew[0][1], True))  # the project leader, in the first team
    teams = sorted({team for _, team, _ in crew})
    kinds = {
        team: {c: [k.id for k in chief.team(team).definition.record_kinds(c)] for c in KINDS}
        for team in teams
    }
    with ThreadPoolExecutor(len(crew)) as pool:
        visitors = list(pool.map(lambda person: signed_in(load_site, person[0]), crew))
    workers = [
        Worker(name, team, leads, visitor, kinds[team], random.Random(index))
        for index, ((name, team, leads), visitor) in enumerate(zip(crew, visitors, strict=True))
    ]
    try:
        until = time.monotonic() + SECONDS
        with ThreadPoolExecutor(len(workers)) as pool:
            list(pool.map(lambda worker: worker.work(until), workers))
    finally:
        for visitor in visitors:
            visitor.close()

    saves = [save for worker in workers for save in worker.saves]
    print(_summary(workers))
    assert [fault for worker in workers for fault in worker.faults] == []
    assert all(status < 500 for worker in workers for _, _, status in worker.answers)
    # Every kind of save went through at least once: the test did what it says.
    assert {save.kind for save in saves if save.saved} == set(SAVED), _summary(workers)

    histories = {team: chief.history(team) for team in teams}
    for team, history in histories.items():
        assert [event.seq for event in history] == list(range(1, len(history) + 1)), team
        _saves_are_events(team, history, [save for save in saves if save.team == team])
        _ticks_are_the_history(chief, team, history)
        view = chief.team(team)
        assert chief.replay(team) == (view.row.phase, view.row.counters), team
    for save in saves:
        if save.saved:
            _is_stored(chief, save)
    report = chief.check()
    assert report.ok, [fault.text("en") for fault in report.faults]


def _saves_are_events(team: str, history: list[EventView], saves: list[Save]) -> None:
    """Each save of one transaction that was answered as saved wrote one event, and each one
    refused none; no one wrote what they were not answered for. A checklist form is several
    ticks: each counted one the page said it made, and a refused form made fewer than its
    boxes."""
    events = Counter((event.actor, EVENTS.get(event.kind)) for event in history)
    saved = Counter((save.person, save.kind) for save in saves if save.saved)
    for person in {save.person for save in saves} | {actor for actor, kind in events if kind}:
        for kind in WHOLE:
            assert events[person, kind] == saved[person, kind], (team, person, kind)
        mine = [save for save in saves if save.person == person and save.kind == "ticks"]
        said = sum(int(save.values["count"]) for save in mine if save.saved)
        most = said + sum(save.sent["boxes"] - 1 for save in mine if not save.saved)
        assert said <= events[person, "ticks"] <= most, (team, person, mine)


def _ticks_are_the_history(chief: Engine, team: str, history: list[EventView]) -> None:
    """The checklist's ticked boxes are those its tick and untick events leave, counted from
    the last time the team entered its phase."""
    ticked: set[str] = set()
    for event in history:
        if event.dest is not None:
            ticked = set()
        elif event.kind in ("tick", "untick"):
            (ticked.add if event.kind == "tick" else ticked.discard)(event.detail["item"])
    items = chief.checklist(team).items
    assert {item.id for item in items if item.done and item.satisfied_by is None} == ticked


def _is_stored(chief: Engine, save: Save) -> None:
    team, sent = save.team, save.sent
    if save.kind in ("artefact", "upload"):
        category: Category = "artefact" if save.kind == "artefact" else "evidence"
        [record] = [r for r in chief.records(team, category) if r.title == sent["title"]]
        assert (record.actor, record.type) == (save.person, sent["kind"])
        if save.kind == "artefact":
            assert record.text == sent["text"]
        else:
            assert chief.record_file(team, category, record.id) == (
                sent["filename"],
                sent["content"],
            )
    elif save.kind == "meeting":
        held = [m for m in chief.meetings(team) if m.notes == sent["notes"]]
        assert [(m.held_on, m.minutes) for m in held] == [
            (date.fromisoformat(save.values["day"]), 45)
        ]
    elif save.kind == "hypothesis":
        number = int(save.values["number"])
        assert [h.text for h in chief.hypotheses(team) if h.number == number] == [sent["text"]]


def _summary(workers: list[Worker]) -> str:
    """What the people did: requests, saves and refusals by kind, and why they were refused."""
    answers = [status for worker in workers for _, _, status in worker.answers]
    saves = [save for worker in workers for save in worker.saves]
    done = Counter(save.kind for save in saves if save.saved)
    refused = Counter(save.kind for save in saves if not save.saved)
    why = Counter(re.sub(r"'[^']*'", "'…'", save.said) for save in saves if not save.saved)
    return (
        f"{len(answers)} answers {dict(Counter(answers))}; saved {dict(done)}; "
        f"refused {dict(refused)}: {dict(why)}"
    )

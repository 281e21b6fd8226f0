"""The web page under load: how many requests a second `plg serve` answers, and how long each
waits (p50, p99), at 1, 8 and 32 clients at once. Reads are a team's page; writes are a tick or
untick saved as a browser saves it: the form's POST, its 303 and the team page it leads to.
On SQLite (`plg serve`, one worker) and on PostgreSQL (`plg serve --workers 2`) when
PLG_TEST_POSTGRES_URL names a server that answers.

The server is a process of its own, as people run it; the clients are threads of this process,
each with an httpx client of its own and a team of its own (writers do not tick each other's
boxes). The CPU that the clients, `plg serve` and the whole machine spend meanwhile is
measured beside it: on a machine of two cores the clients, the server and PostgreSQL all take
from the same two. The levels and the databases take turns, so that each sees the same machine.

Signing in costs a scrypt hash (a third of a second), so a few people sign in and the clients
share their sessions, as a person with several tabs does.

Beside the rates, what explains them: the transactions and statements that one team page and
one tick send to the database (counted in a server in this process), and SQLite's one writer
without the web page: engine.tick from 1, 8 and 32 threads of one process, with how long each
waits for the write lock and holds it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from urllib.parse import quote

import httpx
from common import Line, median, p99
from overview import postgres_database
from web import serving, sign_in

from plg import Engine
from plg.engine.inputs import Content
from plg.texts import t

LEVELS = (1, 8, 32)
TEAMS = max(LEVELS)  # one for each client
PASSWORD = "een lange zin als wachtwoord"
_TOKEN = re.compile(r'name="csrf" value="([^"]+)"')
# What the page says when a tick was saved: one box changed, so one event written.
_ONE_SAVED = t("web_ticks_saved", "en", count=1)


@dataclass
class Client:
    """One client: its own connection and session cookies, and its team's checklist: the box
    it ticks and unticks, and those that stay ticked (the form sends every box as it is)."""

    http: httpx.Client
    team: str
    phase: str
    item: str
    others: list[str]
    token: str = ""
    ticked: bool = False

    @classmethod
    def of(cls, http: httpx.Client, engine: Engine, team: str) -> Client:
        view = engine.checklist(team)
        manual = [item for item in view.items if item.satisfied_by is None]
        item = next(item.id for item in manual if not item.done)
        return cls(http, team, view.phase, item, [i.id for i in manual if i.done])

    def read(self) -> tuple[bool, float | None]:
        page = self.http.get(f"/team/{quote(self.team)}")
        return page.status_code == 200 and self.team in page.text, None

    def write(self) -> tuple[bool, float | None]:
        """Tick the box, or untick it; returns whether the page said it was saved, and how
        long the POST alone took."""
        ticked, unticked = [*self.others, self.item], self.others
        form = {
            "csrf": self.token,
            "form": "checklist",
            "phase": self.phase,
            # What the page showed: the form changes only the boxes changed from it.
            "shown:item": ticked if self.ticked else unticked,
            "item": unticked if self.ticked else ticked,
        }
        page = self.http.post(f"/checklist/{quote(self.team)}", data=form)
        self._keep(page)
        saved = page.status_code == 200 and _ONE_SAVED in page.text
        self.ticked ^= saved
        post = page.history[0].elapsed.total_seconds() if page.history else None
        return saved, post

    def _keep(self, page: httpx.Response) -> None:
        found = _TOKEN.search(page.text)
        if found:
            self.token = found.group(1)


@dataclass
class Figures:
    """One measurement: what was done and failed, in how long, each wait, and the CPU spent."""

    done: int = 0
    failed: int = 0
    wall: float = 0.0
    waits: list[float] = field(default_factory=list)
    posts: list[float] = field(default_factory=list)
    cpu: dict[str, float] = field(default_factory=dict)  # seconds, by whose


@dataclass
class Site:
    """`plg serve` on one database, its process, and the clients signed in to it."""

    label: str
    url: str
    base: str
    pid: int
    clients: list[Client] = field(default_factory=list)


def run(folder: Path, quick: bool) -> list[Line]:
    seconds, most, people = (0.5, 60, 2) if quick else (5.0, 5000, 8)
    lines: list[Line] = []
    with ExitStack() as stack:
        sites = [stack.enter_context(_site("SQLite", f"sqlite:///{folder / 'load.db'}", 1, people))]
        server = os.environ.get("PLG_TEST_POSTGRES_URL")
        problem = _unreachable(server) if server else "set PLG_TEST_POSTGRES_URL"
        if server and problem is None:
            url = stack.enter_context(postgres_database(server))
            sites.append(stack.enter_context(_site("PostgreSQL", url, 2, people)))
        for site in sites:
            lines += _transactions(site.url, people)
        for level in LEVELS:
            for kind in ("reads", "writes"):
                for site in sites:
                    figures = _measure(site, level, kind, seconds, most)
                    lines += _lines(site, level, kind, figures)
    lines += _write_lock(folder, seconds)
    if problem is not None:
        lines.append(Line("web-load on PostgreSQL", f"skipped: {problem}"))
    return lines


def _unreachable(server: str) -> str | None:
    from sqlalchemy import create_engine, text

    engine = create_engine(server, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return None
    except Exception as error:  # any reason at all: the part is skipped, and says why
        return f"no PostgreSQL server answers ({str(error).splitlines()[0]})"
    finally:
        engine.dispose()


# -- the foundation and the server -------------------------------------------------------


def _foundation(url: str, people: int) -> list[tuple[str, str]]:
    """A school's people (`people` of them, who may sign in) leading TEAMS teams between them,
    each with some history: records, a meeting and a tick. Returns (leader, team) pairs."""
    engine = Engine(url, actor="Bench", lang="en")
    engine.init()
    engine.add_school("De Linde")
    leaders = [f"Leider {n}" for n in range(people)]
    for leader in leaders:
        engine.add_person(leader, school="De Linde")
        engine.add_user(leader, PASSWORD, "en")
    pairs = []
    for n in range(TEAMS):
        team, leader = f"Team {n:02d}", leaders[n % people]
        engine.start_team(team, "vier_vragen", schools=("De Linde",), leader=leader)
        for title in ("Lesplan", "Leerdoelen"):
            engine.add_record(team, "artefact", "leerdoelen", title, Content(text="tekst " * 50))
        today = engine.clock().date()
        engine.add_meeting(team, today, 60, [leader], notes="Wat we bespraken.")
        engine.tick(team, "eens")
        pairs.append((leader, team))
    engine.close()
    return pairs


@contextmanager
def _site(label: str, url: str, workers: int, people: int) -> Iterator[Site]:
    """The foundation on `url`, `plg serve` on it with `workers`, and TEAMS clients signed in
    (sharing the sessions of `people` people)."""
    pairs = _foundation(url, people)
    with _serving(url, workers) as (base, pid):
        site = Site(label, url, base, pid)
        sessions: dict[str, httpx.Cookies] = {}
        for leader, _ in pairs[:people]:
            with httpx.Client(base_url=base, follow_redirects=True, timeout=60) as http:
                sign_in(http, leader, PASSWORD)
                sessions[leader] = httpx.Cookies(http.cookies)
        engine = Engine(url, lang="en")
        for leader, team in pairs:
            http = httpx.Client(
                base_url=base, follow_redirects=True, timeout=60, cookies=sessions[leader]
            )
            site.clients.append(Client.of(http, engine, team))
        engine.close()
        try:
            for client in site.clients:  # a first page: the connection made, the form's token
                client._keep(client.http.get(f"/team/{quote(client.team)}"))
            yield site
        finally:
            for client in site.clients:
                client.http.close()


@contextmanager
def _serving(url: str, workers: int) -> Iterator[tuple[str, int]]:
    """`plg serve` as a process of its own; yields its address and process id."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "plg", "--db", url, "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", str(workers)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                httpx.get(f"{base}/sign-in", timeout=1)
                break
            except httpx.TransportError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"plg serve did not answer on {url}") from None
                time.sleep(0.1)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=30)


# -- measuring ---------------------------------------------------------------------------


def _measure(site: Site, level: int, kind: str, seconds: float, most: int) -> Figures:
    """`level` clients at once, each doing `kind` again and again until `seconds` have gone
    by or `most` have been done by all of them together."""
    figures = Figures()
    lock = threading.Lock()
    started = time.perf_counter()
    until = started + seconds

    def loop(client: Client) -> None:
        act: Callable[[], tuple[bool, float | None]] = (
            client.read if kind == "reads" else client.write
        )
        while True:
            with lock:
                if figures.done + figures.failed >= most or time.perf_counter() > until:
                    return
            began = time.perf_counter()
            try:
                ok, post = act()
            except httpx.HTTPError:
                ok, post = False, None
            wait = time.perf_counter() - began
            with lock:
                figures.waits.append(wait)
                figures.done += ok
                figures.failed += not ok
                if post is not None:
                    figures.posts.append(post)

    before, databases = _cpu(site.pid), _postgres()
    with ThreadPoolExecutor(level) as pool:
        list(pool.map(loop, site.clients[:level]))
    figures.wall = time.perf_counter() - started
    after = _cpu(site.pid)
    figures.cpu = {key: after[key] - before[key] for key in before}
    # Only the PostgreSQL processes that lived through it: one that ended took its time along.
    figures.cpu["postgres"] = sum(
        spent - databases.get(pid, 0.0) for pid, spent in _postgres().items()
    )
    return figures


def _lines(site: Site, level: int, kind: str, figures: Figures) -> list[Line]:
    count = figures.done + figures.failed
    rate = count / figures.wall
    unit = "req/s" if kind == "reads" else "saves/s"
    figure = (
        f"{rate:.1f} {unit}, p50 {median(figures.waits) * 1000:.0f} ms, "
        f"p99 {p99(figures.waits) * 1000:.0f} ms"
    )
    if figures.posts:
        posts = figures.posts
        figure += f"; the POST: p50 {median(posts) * 1000:.0f} ms, p99 {p99(posts) * 1000:.0f} ms"
    if figures.failed:
        figure += f", {figures.failed} FAILED"
    each = {key: f"{spent / count * 1000:.1f} ms" for key, spent in figures.cpu.items()}
    # Cores kept busy: one for a process that the GIL holds to one thread at a time.
    cores = {key: f"{spent / figures.wall:.2f}" for key, spent in figures.cpu.items()}
    return [
        Line(f"web-load: {site.label}, {kind}, {level} at once ({count})", figure),
        Line(
            "  CPU each (cores): client, plg serve, postgres (anyone's); machine",
            f"{each['client']}, {each['server']} ({cores['server']}), {each['postgres']}; "
            f"{cores['machine']} of {os.cpu_count()} cores busy",
        ),
    ]


def _cpu(pid: int) -> dict[str, float]:
    """CPU seconds so far: this process (the clients), the server with its workers, and the
    whole machine (every core, everyone's work)."""
    user, nice, system, _idle, _iowait, irq, softirq = (
        int(n) for n in _read(Path("/proc/stat")).split("\n", 1)[0].split()[1:8]
    )
    return {
        "client": time.process_time(),
        "server": sum(map(_spent, _tree(pid))),
        "machine": (user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK"),
    }


def _postgres() -> dict[int, float]:
    """CPU seconds so far of each PostgreSQL process of the machine, whoever's queries they
    run (other people's too, on a shared machine)."""
    return {
        int(entry.name): _spent(int(entry.name))
        for entry in Path("/proc").iterdir()
        if entry.name.isdigit() and _read(entry / "comm").strip() == "postgres"
    }


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:  # a process gone meanwhile
        return ""


def _spent(pid: int) -> float:
    """CPU seconds a process has spent, in user and system mode."""
    fields = _read(Path(f"/proc/{pid}/stat")).rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK") if fields else 0.0


def _tree(pid: int) -> list[int]:
    """A process and all its descendants (uvicorn's workers are children of `plg serve`)."""
    found, waiting = [], [pid]
    while waiting:
        process = waiting.pop()
        found.append(process)
        for task in Path(f"/proc/{process}/task").glob("*/children"):
            waiting += [int(child) for child in _read(task).split()]
    return found


def _transactions(url: str, people: int) -> list[Line]:
    """What one team page and one tick cost the database: transactions and statements,
    counted in a server in this process (the same code as `plg serve`'s, on any database)."""
    from sqlalchemy import event

    from plg.web.app import create_app

    engine = Engine(url, actor="plg serve")
    counts = {"transactions": 0, "statements": 0}

    def began(*_: object) -> None:
        counts["transactions"] += 1

    def statement(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        if not sql.startswith("BEGIN"):  # SQLite's own BEGIN, sent by plg
            counts["statements"] += 1

    database = engine.store.engine
    event.listen(database, "begin", began)
    event.listen(database, "before_cursor_execute", statement)
    team = f"Team {TEAMS - 1:02d}"
    backend = engine.store.url.get_backend_name()
    lines = []
    with (
        serving(create_app(engine)) as base,
        httpx.Client(base_url=base, follow_redirects=True, timeout=60) as http,
    ):
        sign_in(http, f"Leider {(TEAMS - 1) % people}", PASSWORD)
        client = Client.of(http, engine, team)
        client._keep(http.get(f"/team/{quote(team)}"))
        for what, act in (("a team page", client.read), ("a tick and its page", client.write)):
            counts.update(transactions=0, statements=0)
            assert act()[0], what
            lines.append(
                Line(
                    f"web-load: {what}, in the database ({backend})",
                    f"{counts['transactions']} transactions, {counts['statements']} statements",
                )
            )
        assert client.write()[0]  # unticked again, as the clients expect to find it
    engine.close()
    return lines


def _write_lock(folder: Path, seconds: float) -> list[Line]:
    """SQLite's one writer, without the web page: engine.tick from 1, 8 and 32 threads of one
    process (as the server's threads call it), each on a team of its own, for `seconds` each.
    How long each waits to take the write lock (BEGIN IMMEDIATE), and holds it."""
    from sqlalchemy import event

    engine = Engine(f"sqlite:///{folder / 'lock.db'}", actor="Bench", lang="en")
    engine.init()
    engine.add_school("De Linde")
    teams = [f"Team {n:02d}" for n in range(sum(LEVELS))]
    for team in teams:
        engine.start_team(team, "vier_vragen", schools=("De Linde",))
    mine = threading.local()
    waits: list[float] = []
    holds: list[float] = []

    def asking(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        mine.asked = time.perf_counter()

    def granted(_conn: object, _cursor: object, sql: str, *_: object) -> None:
        if sql == "BEGIN IMMEDIATE":
            mine.took = time.perf_counter()
            waits.append(mine.took - mine.asked)

    def released(_conn: object) -> None:
        if getattr(mine, "took", None) is not None:
            holds.append(time.perf_counter() - mine.took)
            mine.took = None

    database = engine.store.engine
    event.listen(database, "before_cursor_execute", asking)
    event.listen(database, "after_cursor_execute", granted)
    event.listen(database, "commit", released)
    lines = []
    for level in LEVELS:
        waits.clear()
        holds.clear()
        ticks: list[float] = []
        work = partial(_ticking, engine, time.perf_counter() + seconds, ticks)
        with ThreadPoolExecutor(level) as pool:
            list(pool.map(work, [teams.pop() for _ in range(level)]))
        lines.append(
            Line(
                f"web-load: SQLite's write lock, engine.tick from {level} threads",
                f"{len(ticks) / seconds:.0f} ticks/s, p99 {p99(ticks) * 1000:.1f} ms; "
                f"waits for the lock p50 {median(waits) * 1000:.2f} ms, "
                f"p99 {p99(waits) * 1000:.2f} ms, most {max(waits) * 1000:.0f} ms; "
                f"holds it {median(holds) * 1000:.2f} ms, {sum(holds) / seconds:.0%} of the time",
            )
        )
    engine.close()
    return lines


def _ticking(engine: Engine, until: float, ticks: list[float], team: str) -> None:
    """Tick a box of `team` and untick it, again and again until `until`; each one's time."""
    undo = False
    while time.perf_counter() < until:
        began = time.perf_counter()
        engine.tick(team, "eens", undo=undo)
        ticks.append(time.perf_counter() - began)
        undo = not undo

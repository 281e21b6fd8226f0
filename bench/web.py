"""What a team leader waits for on the web page (`plg serve`, one uvicorn worker, SQLite):
the team page and the dashboard over HTTP, against the engine calls behind them made
in-process. The two alternate request by request, so that both see the same machine.

The demo's foundation, plus `teams` started in bulk, so that the dashboard counts a
foundation's worth of teams (it lists the first 300 and counts them all)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import httpx
import uvicorn
from common import Line, median, spread, timed
from overview import specs
from starlette.applications import Starlette

from plg import Engine
from plg.cli.demo import build
from plg.methods.definition import RECORD_CATEGORIES
from plg.web.app import create_app

TEAM = "Rekenen bovenbouw"


def _engine_calls(engine: Engine) -> None:
    """What the team page asks the engine for, without rendering or HTTP."""
    engine.may_see(TEAM)
    engine.team(TEAM, pupils=True)
    for category in RECORD_CATEGORIES:
        engine.records(TEAM, category)
    engine.history(TEAM)
    engine.members(TEAM)
    engine.meetings(TEAM)
    engine.hypotheses(TEAM)
    engine.charter(TEAM)


def run(folder: Path, teams: int, runs: int) -> list[Line]:
    url = f"sqlite:///{folder / 'web.db'}"
    Engine(url).init()
    password = build(url, "en", "bench").password
    chief = Engine(url, actor="Marieke de Boer")
    chief.start_teams(specs(teams))
    chief.close()
    leader = Engine(url, actor="Bram Jansen", lang="en").acting("Bram Jansen", "en")
    chief = Engine(url, actor="Marieke de Boer", lang="en").acting("Marieke de Boer", "en")
    times: dict[str, list[float]] = {key: [] for key in ("page", "calls", "dash", "overview")}
    with (
        serving(create_app(Engine(url, actor="plg serve"))) as base,
        httpx.Client(base_url=base, follow_redirects=True, timeout=60) as bram,
        httpx.Client(base_url=base, follow_redirects=True, timeout=60) as marieke,
    ):
        sign_in(bram, "Bram Jansen", password)
        sign_in(marieke, "Marieke de Boer", password)
        for _ in range(runs * 5):
            times["page"].append(timed(lambda: _ok(bram.get(f"/team/{quote(TEAM)}"))))
            times["calls"].append(timed(lambda: _engine_calls(leader)))
        for _ in range(runs):
            times["dash"].append(timed(lambda: _ok(marieke.get("/dashboard"))))
            times["overview"].append(timed(lambda: chief.overview(seen_by="Marieke de Boer")))
    page = median(times["page"]) / median(times["calls"])
    dash = median(times["dash"]) / median(times["overview"])
    count = f"{teams + 6:,}"
    return [
        Line("web: the team page over HTTP", spread(times["page"])),
        Line("  the engine calls behind it, in-process", spread(times["calls"])),
        Line("  page / engine calls (medians)", f"{page:.2f}x"),
        Line(f"web: the dashboard over HTTP at {count} teams", spread(times["dash"])),
        Line("  engine.overview() behind it, in-process", spread(times["overview"])),
        Line("  dashboard / overview (medians)", f"{dash:.2f}x"),
    ]


@contextmanager
def serving(app: Starlette) -> Iterator[str]:
    """The app served by uvicorn in a thread of this process, one worker; yields its address."""
    server = uvicorn.Server(uvicorn.Config(app, log_level="critical", lifespan="off"))
    # Named TCP, so that asyncio turns Nagle's algorithm off for each connection: else every
    # answer after the first on a kept-alive connection waits 40 ms for the delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the web page did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(20)
        sock.close()


def sign_in(client: httpx.Client, person: str, password: str) -> None:
    form = client.get("/sign-in").text
    token = form.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    answer = client.post("/sign-in", data={"csrf": token, "name": person, "password": password})
    assert answer.url.path == "/teams", answer.text


def _ok(answer: httpx.Response) -> None:
    assert answer.status_code == 200, answer.status_code

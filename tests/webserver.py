"""The web app served for real (uvicorn, on a free port of this machine), and a visitor that
talks to it over HTTP the way a browser without JavaScript would: forms, cookies, redirects."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import IO, Any

import httpx
import uvicorn

from plg import Engine
from plg.web.app import create_app

_TOKEN = re.compile(r'name="csrf" value="([^"]+)"')


@contextmanager
def serving(url: str) -> Iterator[str]:
    """`plg serve`'s app on the database at `url`, in a thread; yields its address."""
    engine = Engine(url, actor="plg serve")
    try:
        with served(create_app(engine)) as base:
            yield base
    finally:
        engine.close()


@contextmanager
def served(app: Any) -> Iterator[str]:
    """An ASGI app served by uvicorn on a free port, in a thread; yields its address."""
    server = uvicorn.Server(uvicorn.Config(app, log_level="critical", lifespan="off"))
    # Named TCP, so that asyncio turns Nagle's algorithm off for each connection: else every
    # answer after the first on a kept-alive connection waits 40 ms for the delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive(), "the server stopped as it started"
        assert time.monotonic() < deadline, "the server did not start in time"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(20)
        sock.close()


def plg_serve(
    url: str, port: int, *extra: str, output: int | IO[bytes] = subprocess.PIPE
) -> subprocess.Popen[bytes]:
    """`plg serve` as a person starts it: a process of its own; returns once it answers. What
    it prints goes to `output`: a pipe by default, a file for a server that may print much."""
    process = subprocess.Popen(
        [sys.executable, "-m", "plg", "--db", url, "serve", "--port", str(port), *extra],
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/sign-in", timeout=1)
            return process
        except httpx.TransportError:
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            time.sleep(0.1)
    process.kill()
    raise AssertionError("plg serve did not answer")


@contextmanager
def serving_process(url: str, log: Path, *extra: str) -> Iterator[str]:
    """`plg serve` on the database at `url` as a process of its own (with `extra` options such
    as --workers), what it prints kept in the file `log`; yields its address. A pipe that no
    one reads would stop a server that prints more than the pipe holds."""
    port = free_port()
    with log.open("wb") as out:
        server = plg_serve(url, port, *extra, output=out)
        try:
            yield f"http://127.0.0.1:{port}"
        finally:
            server.terminate()
            server.wait(timeout=20)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def text_of(html: str) -> str:
    """A page's words, without its markup, on one line, as a person reads them."""
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


class Visitor:
    """One person's browser session on the web page, without JavaScript."""

    def __init__(self, base: str) -> None:
        # English before signing in; after, the language the person chose.
        self.http = httpx.Client(
            base_url=base,
            follow_redirects=True,
            timeout=30,
            headers={"Accept-Language": "en"},
        )
        self.token = ""

    def close(self) -> None:
        self.http.close()

    def get(self, path: str) -> httpx.Response:
        answer = self.http.get(path)
        found = _TOKEN.search(answer.text)
        if found:
            self.token = found.group(1)
        return answer

    def post(
        self, path: str, data: dict[str, Any] | None = None, *, token: bool = True, **kwargs: Any
    ) -> httpx.Response:
        if not self.token:
            self.get("/sign-in")
        form = {"csrf": self.token, **(data or {})} if token else dict(data or {})
        answer = self.http.post(path, data=form, **kwargs)
        found = _TOKEN.search(answer.text)
        if found:
            self.token = found.group(1)
        return answer

    def sign_in(self, name: str, password: str) -> httpx.Response:
        self.get("/sign-in")
        return self.post("/sign-in", {"name": name, "password": password, "next": "/teams"})


def flashes(html: str) -> list[tuple[str, str]]:
    """The messages a page carries from the last action, as (kind, text): 'ok' when it was
    done, 'error' when it was refused and why."""
    return [
        (kind, text_of(body))
        for kind, body in re.findall(r'<p class="flash (\w+)"[^>]*>(.*?)</p>', html, re.S)
    ]


@dataclass
class Form:
    """A form of a page as a browser without JavaScript sends it, left as it is: `fields` its
    hidden, text and chosen values and its ticked boxes; `boxes` every box that may be ticked,
    as (name, value, ticked)."""

    action: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    boxes: list[tuple[str, str, bool]] = field(default_factory=list)

    def add(self, name: str, value: str) -> None:
        self.fields.setdefault(name, []).append(value)


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.found: dict[str, Form] = {}
        self.form: Form | None = None
        self.textarea: str | None = None
        self.text: list[str] = []
        self.select: str | None = None
        # (value, selected); an option without a value sends its words (gathered in `label`).
        self.options: list[tuple[str | None, bool]] = []
        self.label: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self.form = Form(unescape(a.get("action", "")))
            self.found[a.get("id", f"form-{len(self.found)}")] = self.form
        elif tag == "option" and self.select is not None:
            self._option()
            self.options.append((dict(attrs).get("value"), "selected" in a))
        if self.form is None or "disabled" in a or not a.get("name"):
            return
        name, kind = a["name"], a.get("type", "text")
        if tag == "input" and kind in ("checkbox", "radio"):
            self.form.boxes.append((name, a.get("value", "on"), "checked" in a))
            if "checked" in a:
                self.form.add(name, a.get("value", "on"))
        elif tag == "input" and kind not in ("submit", "button", "file", "image", "reset"):
            self.form.add(name, a.get("value", ""))
        elif tag == "textarea":
            self.textarea, self.text = name, []
        elif tag == "select":
            self.select, self.options = name, []

    def _option(self) -> None:
        """The last option's value, now that its words are known."""
        if self.options and self.options[-1][0] is None:
            self.options[-1] = (" ".join("".join(self.label).split()), self.options[-1][1])
        self.label = []

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.text.append(data)
        self.label.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.form is None:
            return
        if tag == "option":
            self._option()
        elif tag == "textarea" and self.textarea is not None:
            self.form.add(self.textarea, "".join(self.text))
            self.textarea = None
        elif tag == "select" and self.select is not None:
            self._option()
            chosen = [value for value, selected in self.options if selected] or [
                value for value, _ in self.options[:1]
            ]
            for value in chosen:
                self.form.add(self.select, value or "")
            self.select = None
        elif tag == "form":
            self.form = None


def forms(html: str) -> dict[str, Form]:
    """A page's forms by their id, each as a browser would send it untouched."""
    parser = _Forms()
    parser.feed(html)
    parser.close()
    return parser.found

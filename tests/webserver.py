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


def as_parsed(text: str) -> str:
    """A text as a browser holds it after reading it from a page: its line breaks LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@dataclass
class Form:
    """One form of a page as a browser holds it: where it goes, and the fields it would send
    if submitted now (name and value, in order)."""

    action: str
    pairs: list[tuple[str, str]] = field(default_factory=list)
    # Every box that may be ticked, as (name, value, ticked).
    boxes: list[tuple[str, str, bool]] = field(default_factory=list)

    def values(self, name: str) -> list[str]:
        return [value for key, value in self.pairs if key == name]

    def value(self, name: str) -> str:
        [value] = self.values(name)
        return value

    def set(self, name: str, *values: str) -> Form:
        """Fill in a field (a box group: tick exactly `values`), as a person would."""
        self.pairs = [(key, value) for key, value in self.pairs if key != name]
        self.pairs += [(name, value) for value in values]
        return self

    def sent(self) -> dict[str, list[str]]:
        """The fields as a browser sends them: every line break CRLF."""
        data: dict[str, list[str]] = {}
        for key, value in self.pairs:
            data.setdefault(key, []).append(as_parsed(value).replace("\n", "\r\n"))
        return data


class _Forms(HTMLParser):
    """The forms of a page, read the way a browser reads them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: dict[str, Form] = {}
        self.form: Form | None = None
        self.text: tuple[str, list[str]] | None = None  # a textarea's or an option's words
        self.select: tuple[str, list[tuple[str, bool]]] | None = None
        self.option: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            self.form = Form(found.get("action") or "")
            self.forms[found.get("id") or str(len(self.forms))] = self.form
        if self.form is None or "disabled" in found:
            return
        name = found.get("name")
        if tag == "input" and name:
            self._input(name, found)
        elif tag == "textarea" and name:
            self.text = (name, [])
        elif tag == "select" and name:
            self.select = (name, [])
        elif tag == "option" and self.select is not None:
            self.option = found
            self.text = ("", [])

    def _input(self, name: str, found: dict[str, str | None]) -> None:
        assert self.form is not None
        kind = (found.get("type") or "text").lower()
        if kind in ("checkbox", "radio"):
            self.form.boxes.append((name, found.get("value") or "on", "checked" in found))
            if "checked" not in found:
                return
        if kind not in ("submit", "button", "file"):
            # A box without a value of its own sends "on"; a field without one, nothing typed.
            empty = "on" if kind in ("checkbox", "radio") else ""
            value = found.get("value")
            self.form.pairs.append((name, as_parsed(value if value is not None else empty)))

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.form = None
        elif self.form is not None and self.text is not None and tag in ("textarea", "option"):
            (name, words), self.text = self.text, None
            if tag == "textarea":
                self._textarea(name, words)
            else:
                self._option(words)
        elif self.form is not None and self.select is not None and tag == "select":
            name, options = self.select
            chosen = [value for value, selected in options if selected] or [options[0][0]]
            self.form.pairs.append((name, chosen[0]))
            self.select = None

    def _textarea(self, name: str, words: list[str]) -> None:
        assert self.form is not None
        # A browser drops the one line break right after the opening tag.
        self.form.pairs.append((name, as_parsed("".join(words)).removeprefix("\n")))

    def _option(self, words: list[str]) -> None:
        assert self.select is not None
        value = self.option.get("value")
        shown = " ".join("".join(words).split())
        self.select[1].append((shown if value is None else value, "selected" in self.option))


def forms(html: str) -> dict[str, Form]:
    """A page's forms by their id, each as a browser would send it if submitted as shown."""
    reader = _Forms()
    reader.feed(html)
    return reader.forms


def form_of(html: str, form_id: str) -> Form:
    """Form `form_id` of a page, as a browser would send it if submitted as it is shown."""
    return forms(html)[form_id]


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

    def send(self, form: Form, **kwargs: Any) -> httpx.Response:
        """Submit a form read from a page, as a browser does."""
        answer = self.http.post(form.action, data=form.sent(), **kwargs)
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

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
from html import unescape
from html.parser import HTMLParser
from typing import Any

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
    sock = socket.socket()
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


def plg_serve(url: str, port: int, *extra: str) -> subprocess.Popen[bytes]:
    """`plg serve` as a person starts it: a process of its own; returns once it answers."""
    process = subprocess.Popen(
        [sys.executable, "-m", "plg", "--db", url, "serve", "--port", str(port), *extra],
        stdout=subprocess.PIPE,
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


class _Forms(HTMLParser):
    """The fields of every form of a page, as a browser would send them (unticked boxes and
    unselected options left out)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: dict[str, dict[str, list[str]]] = {}
        self._form: dict[str, list[str]] | None = None
        self._text: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = self.forms.setdefault(found.get("id", f"form-{len(self.forms)}"), {})
        elif self._form is None or "name" not in found or "disabled" in found:
            return
        elif tag == "input" and (
            found.get("type") not in ("checkbox", "radio") or "checked" in found
        ):
            self._form.setdefault(found["name"], []).append(found.get("value", ""))
        elif tag == "textarea":
            self._text = (found["name"], [])

    def handle_data(self, data: str) -> None:
        if self._text is not None:
            self._text[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "textarea" and self._text is not None and self._form is not None:
            name, parts = self._text
            # A browser drops the one line break right after the opening tag.
            self._form.setdefault(name, []).append("".join(parts).removeprefix("\n"))
            self._text = None


def forms_of(html: str) -> dict[str, dict[str, list[str]]]:
    """Every form of the page by its id: each field's values, as a browser would send them."""
    parser = _Forms()
    parser.feed(html)
    return parser.forms

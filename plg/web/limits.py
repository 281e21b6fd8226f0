"""The most a request may send, counted while its body is read: a body past the limit is
refused as soon as it passes, without being read whole, on every route.

The limit is the setting `max-file-mb`, the largest file plg stores, and room for the form
around the file. A body declared larger (Content-Length) is refused before any of it is
read; one sent in chunks is counted as it comes, and refused once it passes the limit. A
body plg does not read (a GET's) is not read after the answer either: whenever some of a body
is left unread, the connection closes after the answer.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from plg.web.context import Page, person_lang

if TYPE_CHECKING:
    from plg.engine.engine import Engine

# Room for the form's other fields around the largest file.
_FORM_SLACK = 2**20
# Seconds for an answer to reach the person before the connection closes under the rest of
# the body: a round trip, and the wait for its acknowledgement, on a slow network.
_LINGER = 0.5


# How long a body may pause, and how long it may take in all: a body that stops half-way holds
# its memory or its temporary file until then, not for as long as the sender keeps still. The
# whole is room for the largest file over a slow school line.
_PAUSE = 30.0
_WHOLE = 15 * 60.0


class _Stop(Exception):
    """Raised where the body is read, once it passes the limit or stalls; answered by
    `BodyLimit` with `status` and the page that says `key`."""

    def __init__(self, status: int, key: str) -> None:
        self.status = status
        self.key = key


class _Body:
    """One request's body as the app reads it: counted, and whether any of it is still unread
    when the answer starts."""

    def __init__(self, receive: Receive, limit: int) -> None:
        self.source = receive
        self.limit = limit
        self.read = 0
        self.unread = True
        self.answered = False
        self.closing = False
        self.deadline = asyncio.get_running_loop().time() + _WHOLE

    async def receive(self) -> Message:
        if not self.unread:  # the body is in: what follows is the wait for a disconnect
            return await self.source()
        left = self.deadline - asyncio.get_running_loop().time()
        try:
            async with asyncio.timeout(max(0.0, min(_PAUSE, left))):
                message = await self.source()
        except TimeoutError:
            raise _Stop(408, "web_too_slow") from None
        if message["type"] == "http.request":
            self.read += len(message.get("body", b""))
            self.unread = bool(message.get("more_body"))
            if self.read > self.limit:
                raise _Stop(413, "web_too_large")
        return message

    def sender(self, send: Send) -> Send:
        async def answer(message: Message) -> None:
            if message["type"] == "http.response.start":
                self.answered = True
                # Else the server would read (and throw away) the rest after the answer, for as
                # long as the sender goes on sending.
                self.closing = self.unread
                if self.closing:
                    headers = MutableHeaders(raw=list(message.get("headers", [])))
                    headers["connection"] = "close"
                    message["headers"] = headers.raw
            elif self.closing and not message.get("more_body"):
                # A connection closed with its body unread is reset, and the reset can overtake
                # the last of the answer still on its way: the person would see a broken
                # connection instead of the page. So the answer goes out, and a moment later
                # the end that closes the connection.
                await send({**message, "more_body": True})
                await asyncio.sleep(_LINGER)
                message = {"type": "http.response.body", "body": b""}
            await send(message)

        return answer


def _has_body(headers: Headers) -> bool:
    return "transfer-encoding" in headers or headers.get("content-length", "0") != "0"


class BodyLimit:
    """Refuses, with 413 and the page that says so, a body larger than plg stores."""

    def __init__(self, app: ASGIApp, engine: Engine) -> None:
        self.app = app
        self.engine = engine

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = Headers(scope=scope) if scope["type"] == "http" else None
        if headers is None or not _has_body(headers):
            await self.app(scope, receive, send)
            return
        most = int((await run_in_threadpool(self.engine.settings))["max-file-mb"])
        body = _Body(receive, most * 2**20 + _FORM_SLACK)
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > body.limit:
            await self._refuse(scope, body, send, _Stop(413, "web_too_large"), most)
            return
        try:
            await self.app(scope, body.receive, body.sender(send))
        except _Stop as stop:
            if body.answered:
                raise
            await self._refuse(scope, body, send, stop, most)

    async def _refuse(self, scope: Scope, body: _Body, send: Send, stop: _Stop, most: int) -> None:
        response = await run_in_threadpool(_stopped, Request(scope), self.engine, stop, most)
        await response(scope, body.receive, body.sender(send))


def _stopped(request: Request, engine: Engine, stop: _Stop, most: int) -> Response:
    page = Page(request, engine, lang=person_lang(request, engine))
    return page.message(stop.status, page.t(stop.key, limit=most))

"""What a request may send to the web page: a body past the setting `max-file-mb` (and room for
the form around the file) is refused while it is read, on every route, without being read or
stored whole; a form's fields are capped in number and length, so that memory stays bounded.

The module's own foundation stores files up to 1 MB, the smallest the setting allows.
"""

from __future__ import annotations

import logging
import socket
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from tempfile import SpooledTemporaryFile
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import starlette.formparsers

from plg import Engine
from plg.engine.inputs import LONG_TEXT
from tests.webfoundation import MEMBER, Signer, new_team
from tests.webserver import Visitor, text_of

MB = 2**20
# What a request may send here: max-file-mb 1, and 1 MB of room for the form's other fields.
LIMIT = 2 * MB
# Far past the limit, yet quick to send; made as it is sent, never held whole.
TOTAL = 8 * LIMIT
# The longest field plg takes: its longest text, 4 bytes a character, each written out (%XX).
FIELD = LONG_TEXT * 4 * 3
BOUNDARY = "plg-limits-test"


@pytest.fixture(scope="module", autouse=True)
def _small_files(chief: Engine) -> None:
    chief.set_setting("max-file-mb", "1")


@contextmanager
def _files_up_to(chief: Engine, mb: int) -> Iterator[None]:
    chief.set_setting("max-file-mb", str(mb))
    try:
        yield
    finally:
        chief.set_setting("max-file-mb", "1")


class Sender:
    """A body made as it is sent, in 64 KB chunks; counts what the server was given of it."""

    def __init__(self, head: bytes, size: int, tail: bytes = b"", piece: bytes = b"\0") -> None:
        self.head, self.size, self.tail, self.piece = head, size, tail, piece
        self.sent = 0

    def __iter__(self) -> Iterator[bytes]:
        yield self.head
        chunk = self.piece * max(1, 2**16 // len(self.piece))
        while self.sent < self.size:
            part = chunk[: self.size - self.sent]
            self.sent += len(part)
            yield part
        yield self.tail

    @property
    def whole(self) -> bool:
        return self.sent >= self.size


def upload(size: int, csrf: str = "") -> Sender:
    """A form with one file of `size` bytes, as a browser posts it (multipart)."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n'
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="film.mp4"\r\n'
        "Content-Type: video/mp4\r\n\r\n"
    )
    return Sender(head.encode(), size, f"\r\n--{BOUNDARY}--\r\n".encode())


def fields(count: int, size: int) -> Sender:
    """An urlencoded form of `count` fields, each of `size` bytes, its name and value (f=x...)
    as Starlette counts them."""
    piece = b"f=" + b"x" * (size - 1) + b"&"
    return Sender(b"", count * len(piece), piece=piece)


def client(base: str, visitor: Visitor | None = None) -> httpx.Client:
    """A client whose socket holds little unsent, so that what a `Sender` gave is close to
    what the server read; with the cookies of `visitor`, if given."""
    small = [(socket.SOL_SOCKET, socket.SO_SNDBUF, 2**16)]
    return httpx.Client(
        base_url=base,
        timeout=30,
        transport=httpx.HTTPTransport(socket_options=small),
        headers={"Accept-Language": "en"},
        cookies=visitor.http.cookies if visitor is not None else None,
    )


def post(http: httpx.Client, path: str, body: Sender, kind: str) -> httpx.Response:
    # An iterator is sent in chunks (Transfer-Encoding: chunked): no length is declared.
    return http.post(path, content=iter(body), headers={"Content-Type": kind})


MULTIPART = f"multipart/form-data; boundary={BOUNDARY}"
URLENCODED = "application/x-www-form-urlencoded"


@pytest.fixture
def spooled(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many bytes each uploaded file took in the form parser's spool (memory, then a
    temporary file that has no name to look for)."""
    sizes: list[int] = []

    class Counted(SpooledTemporaryFile[bytes]):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self.index = len(sizes)
            sizes.append(0)

        def write(self, data: Any) -> int:
            sizes[self.index] += len(data)
            return super().write(data)

    monkeypatch.setattr(starlette.formparsers, "SpooledTemporaryFile", Counted)
    return sizes


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The temporary folder of the server (in this process) for one test, empty to begin with:
    other programs on this machine write to the usual one."""
    folder = tmp_path / "scratch"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _refused_as_too_large(answer: httpx.Response, body: Sender) -> None:
    text = text_of(answer.text)
    assert answer.status_code == 413, text
    assert "That is too large to send: plg stores files up to 1 MB" in text
    assert tempfile.gettempdir() not in text
    assert "plg-upload" not in text
    assert not body.whole, "the server read the whole body before it answered"
    assert body.sent < TOTAL // 2, body.sent


def test_a_chunked_upload_past_the_limit_is_refused_while_read_without_a_cookie(
    site: str, spooled: list[int], scratch: Path
) -> None:
    body = upload(TOTAL)
    with client(site) as stranger:
        _refused_as_too_large(post(stranger, "/sign-in", body, MULTIPART), body)
    assert max(spooled, default=0) <= LIMIT
    assert list(scratch.iterdir()) == []
    assert httpx.get(f"{site}/sign-in").status_code == 200


def test_a_chunked_upload_to_a_team_is_refused_in_the_persons_language(
    site: str, sign: Signer, chief: Engine, spooled: list[int], scratch: Path
) -> None:
    team = new_team(chief)
    member = sign(MEMBER)
    body = upload(TOTAL, member.token)
    with client(site, member) as browser:
        # The browser asks for Dutch; the member reads the pages in English, as chosen.
        browser.headers["Accept-Language"] = "nl"
        _refused_as_too_large(post(browser, f"/record/{quote(team)}", body, MULTIPART), body)
    assert max(spooled, default=0) <= LIMIT
    assert list(scratch.iterdir()) == []
    assert chief.records(team, "artefact") == []
    assert member.get(f"/team/{quote(team)}").status_code == 200


def test_a_file_past_the_setting_within_the_room_names_no_server_path(
    sign: Signer, chief: Engine, scratch: Path
) -> None:
    team = new_team(chief)
    member = sign(MEMBER)
    answer = member.post(
        f"/record/{quote(team)}",
        {"category": "artefact", "kind": "leerdoelen", "title": "Film"},
        files={"file": ("film.mp4", b"\0" * (MB + MB // 2), "video/mp4")},
    )
    text = text_of(answer.text)
    assert "is 1.5 MB; plg stores files up to 1 MB" in text
    assert tempfile.gettempdir() not in text
    assert "plg-upload" not in text
    assert chief.records(team, "artefact") == []
    assert list(scratch.iterdir()) == []


def test_many_fields_each_just_under_the_field_cap_stop_at_the_limit(site: str) -> None:
    body = fields(190, FIELD - 1)
    with client(site) as stranger:
        _refused_as_too_large(post(stranger, "/sign-in", body, URLENCODED), body)


def test_fields_longer_or_more_than_any_form_has_are_refused_with_the_page(
    site: str, chief: Engine
) -> None:
    # With room for many long fields: the caps on the fields refuse them, not the limit.
    with _files_up_to(chief, 50), client(site) as stranger:
        # The fields as Starlette would take them: 190 of almost 1 MB each.
        for body in (fields(190, MB - 1), fields(1, FIELD + 1), fields(1000, 10)):
            answer = post(stranger, "/sign-in", body, URLENCODED)
            text = text_of(answer.text)
            assert answer.status_code == 400, text
            assert "The form could not be read" in text
            assert body.sent < 8 * MB, body.sent
        # As many fields as a form may have, each as long as one may be: read, and checked.
        body = fields(200, FIELD)
        answer = post(stranger, "/sign-in", body, URLENCODED)
        assert answer.status_code == 403, text_of(answer.text)
        assert body.whole


def test_a_body_on_a_page_that_reads_none_is_left_unread(site: str) -> None:
    body = upload(TOTAL)
    with client(site) as stranger:
        answer = stranger.request("GET", "/sign-in", content=iter(body))
    assert answer.status_code == 200
    assert answer.headers["connection"] == "close"
    assert body.sent < TOTAL // 2, body.sent


def test_a_body_declared_past_the_limit_is_refused_before_it_is_read(site: str) -> None:
    with client(site) as stranger:
        for method in ("POST", "GET"):
            body = upload(TOTAL)
            length = str(len(body.head) + TOTAL + len(body.tail))
            answer = stranger.request(
                method,
                "/sign-in",
                content=iter(body),
                headers={"Content-Type": MULTIPART, "Content-Length": length},
            )
            assert answer.status_code == 413, method
            assert "too large to send" in text_of(answer.text)
            assert body.sent < TOTAL // 2, body.sent


def test_a_body_that_stops_half_way_is_let_go(
    site: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A sender that stops keeps nothing on the server for longer than a pause may last: what
    it sent is thrown away, with a page that says so, and the server answers others."""
    monkeypatch.setattr("plg.web.limits._PAUSE", 1.0)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    host, port = site.removeprefix("http://").split(":")
    head = (
        f"POST /record/Een%20team HTTP/1.1\r\nHost: {host}\r\nAccept-Language: en\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {LIMIT - 1000}\r\n\r\n"
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n"
    ).encode()
    with socket.create_connection((host, int(port)), timeout=10) as sock:
        sock.sendall(head + b"\0" * (LIMIT // 2))
        answer = b""
        while chunk := sock.recv(65536):  # the server answers, and closes, by itself
            answer += chunk
    assert answer.startswith(b"HTTP/1.1 408")
    assert b"stopped sending half-way" in answer
    assert list(tmp_path.iterdir()) == []  # its temporary file is gone with it
    assert httpx.get(f"{site}/sign-in").status_code == 200


def test_a_browser_that_goes_away_mid_form_is_no_fault(
    site: str, caplog: pytest.LogCaptureFixture
) -> None:
    """A closed tab is not a fault of plg's: nothing is logged as one."""
    host, port = site.removeprefix("http://").split(":")
    head = (
        f"POST /sign-in HTTP/1.1\r\nHost: {host}\r\n"
        f"Content-Type: multipart/form-data; boundary={BOUNDARY}\r\n"
        f"Content-Length: {MB}\r\n\r\n--{BOUNDARY}\r\n"
        'Content-Disposition: form-data; name="name"\r\n\r\nhalf'
    ).encode()
    with caplog.at_level(logging.ERROR, logger="uvicorn.error"):
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(head)
        time.sleep(0.5)  # the server finds the connection gone
        assert httpx.get(f"{site}/sign-in").status_code == 200
    assert [record.getMessage() for record in caplog.records] == []

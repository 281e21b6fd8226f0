"""The web page with many people at once: requests in parallel on one server process, and
reading while others write."""

from __future__ import annotations

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from itertools import cycle
from urllib.parse import quote

import pytest

from plg import Engine
from tests.webfoundation import CHIEF, LEADER, MEMBER, Signer, new_team
from tests.webserver import Visitor, form_of, text_of


def test_parallel_requests_of_several_people_are_all_answered(sign: Signer, chief: Engine) -> None:
    """One engine serves every request of the process: what one request does inside its
    transaction never reaches another's."""
    team = new_team(chief)
    people = [sign(LEADER), sign(MEMBER), sign(CHIEF)]
    pages = ["/teams", f"/team/{quote(team)}", "/dashboard", "/account", "/methods"]
    jobs = list(zip(cycle(people), pages * 12, strict=False))

    def fetch(job: tuple[Visitor, str]) -> tuple[str, int]:
        person, page = job
        return page, person.http.get(page).status_code

    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(fetch, jobs))
    assert len(answers) == 60
    assert [answer for answer in answers if answer[1] != 200] == []


def test_a_page_is_read_while_another_writer_holds_the_lock(
    url: str, sign: Signer, chief: Engine
) -> None:
    """Reading takes a snapshot, not SQLite's write lock: a page shows while a writer is busy."""
    if not url.startswith("sqlite"):
        pytest.skip("SQLite's write lock")
    team = new_team(chief)
    person = sign(LEADER)
    writer = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None, timeout=0)
    try:
        writer.execute("BEGIN IMMEDIATE")
        page = person.http.get(f"/team/{quote(team)}")
        writer.execute("ROLLBACK")
    finally:
        writer.close()
    assert page.status_code == 200
    assert team in text_of(page.text)


def test_a_long_read_does_not_hold_up_a_save(url: str, sign: Signer, chief: Engine) -> None:
    """A reader's snapshot (an export being written, say) leaves the writers free."""
    if not url.startswith("sqlite"):
        pytest.skip("SQLite's locks")
    team = new_team(chief)
    person = sign(LEADER)
    form = form_of(person.get(f"/team/{quote(team)}").text, "checklist").set("item", "eens")
    reader = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM events").fetchone()
        saved = person.send(form)
        reader.execute("ROLLBACK")
    finally:
        reader.close()
    assert saved.status_code == 200
    assert [item.id for item in chief.checklist(team).items if item.done] == ["eens"]

"""Signing in under load and under attack: parallel guesses meet the wait, hashes queue instead
of taking the memory, and a stranger's guesses do not lock a teacher out."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from plg import Engine
from plg.engine.accounts import NAME_ALLOWANCE
from plg.engine.passwords import HASHES_AT_ONCE
from plg.errors import Refused
from tests.conftest import sql
from tests.webfoundation import LEADER, PASSWORD, SPARE
from tests.webserver import Visitor, text_of


@pytest.fixture
def clocked(url: str, chief: Engine) -> Iterator[tuple[Engine, list[datetime]]]:
    """An engine on the test foundation with a clock the test moves: no sleeping for waits.
    Its own moment far from the wall clock's, so other tests' failures do not count."""
    now = [datetime(2031, 1, 6, 8, 0, tzinfo=UTC)]
    engine = Engine(url, clock=lambda: now[0])
    yield engine, now
    now[0] += timedelta(days=1)
    engine.sign_in(LEADER, PASSWORD)  # forget this test's failures
    engine.sign_in(SPARE, PASSWORD)
    engine.close()


def test_parallel_guesses_are_counted_before_they_are_hashed(site: str) -> None:
    """Ten wrong passwords at once under one name: one is tried, the others are told to wait."""
    people = [Visitor(site) for _ in range(10)]
    for person in people:
        person.get("/sign-in")

    def guess(person: Visitor) -> str:
        answer = person.post("/sign-in", {"name": SPARE, "password": "raden is niet weten"})
        assert answer.status_code == 401
        return text_of(answer.text)

    try:
        with ThreadPoolExecutor(10) as pool:
            answers = list(pool.map(guess, people))
    finally:
        for person in people:
            person.close()
    wrong = [text for text in answers if "do not match" in text]
    waits = [text for text in answers if "Wait" in text]
    assert len(wrong) == 1, answers
    assert len(waits) == 9, answers


def test_a_burst_of_sign_ins_hashes_a_few_at_a_time(
    site: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every hash takes 128 MiB: twenty sign-ins at once never run more than a few hashes."""
    running, most, lock = [0], [0], threading.Lock()
    scrypt = hashlib.scrypt

    def counted(*args: Any, **kwargs: Any) -> bytes:
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        try:
            return scrypt(*args, **kwargs)
        finally:
            with lock:
                running[0] -= 1

    monkeypatch.setattr(hashlib, "scrypt", counted)
    people = [Visitor(site) for _ in range(20)]
    for person in people:
        person.get("/sign-in")

    def sign_in(job: tuple[int, Visitor]) -> int:
        number, person = job
        name = f"Onbekende {number}"  # each its own name, so none waits for another
        return person.post("/sign-in", {"name": name, "password": PASSWORD}).status_code

    try:
        with ThreadPoolExecutor(20) as pool:
            statuses = list(pool.map(sign_in, enumerate(people)))
    finally:
        for person in people:
            person.close()
    assert statuses == [401] * 20
    assert 1 <= most[0] <= HASHES_AT_ONCE


def test_a_strangers_guesses_do_not_lock_the_teacher_out(
    clocked: tuple[Engine, list[datetime]],
) -> None:
    engine, now = clocked
    stranger, school = "203.0.113.9", "192.0.2.40"
    for _ in range(12):
        with pytest.raises(Refused, match="do not match"):
            engine.sign_in(LEADER, "een gok van buiten", stranger)
        now[0] += timedelta(minutes=15)  # the wait of the stranger's address has passed
    with pytest.raises(Refused, match="do not match"):
        engine.sign_in(LEADER, "nog een gok van buiten", stranger)
    # The stranger waits now; the teacher, from the school's address, does not.
    with pytest.raises(Refused, match="Wait 900 s,"):
        engine.sign_in(LEADER, PASSWORD, stranger)
    assert engine.sign_in(LEADER, PASSWORD, school).person == LEADER


def test_guesses_from_many_addresses_still_meet_a_limit(
    clocked: tuple[Engine, list[datetime]],
) -> None:
    engine, now = clocked
    for number in range(NAME_ALLOWANCE):
        with pytest.raises(Refused, match="do not match"):
            engine.sign_in(SPARE, "een gok", f"198.51.100.{number}")
    # Past the name's allowance every address waits, a new one too; then it may try again.
    with pytest.raises(Refused, match="do not match"):
        engine.sign_in(SPARE, "een gok", "198.51.100.200")
    with pytest.raises(Refused, match="Wait 1 s,"):
        engine.sign_in(SPARE, PASSWORD, "192.0.2.41")
    now[0] += timedelta(seconds=1)
    assert engine.sign_in(SPARE, PASSWORD, "192.0.2.41").person == SPARE


def test_a_sign_in_overtaken_by_a_new_password_or_a_removal_opens_no_session(
    url: str, chief: Engine
) -> None:
    """The password was proved just before it changed, or the account went: no session."""
    engine = Engine(url)
    try:
        since = engine.clock()
        engine.sign_in(SPARE, PASSWORD)
        chief.set_password(SPARE, PASSWORD + " nieuw")
        with pytest.raises(Refused, match="do not match"):
            engine.open_session(SPARE, since=since)
        chief.set_password(SPARE, PASSWORD)
        since = engine.clock()
        engine.sign_in(SPARE, PASSWORD)
        chief.remove_user(SPARE)
        with pytest.raises(Refused, match="do not match"):
            engine.open_session(SPARE, since=since)
    finally:
        if chief.account(SPARE) is None:
            chief.add_user(SPARE, PASSWORD, "en")
        engine.close()


def test_failures_a_day_old_are_forgotten(url: str, clocked: tuple[Engine, list[datetime]]) -> None:
    engine, now = clocked
    for number in range(3):
        with pytest.raises(Refused, match="do not match"):
            engine.sign_in(f"Niemand {number}", "een gok", "198.51.100.7")
        now[0] += timedelta(minutes=1)
    assert sql(url, "SELECT count(*) FROM sign_in_failures WHERE name LIKE 'Niemand %'") == 6
    now[0] += timedelta(days=1)
    with pytest.raises(Refused, match="do not match"):
        engine.sign_in("Niemand 9", "een gok", "198.51.100.7")
    assert sql(url, "SELECT count(*) FROM sign_in_failures WHERE name LIKE 'Niemand %'") == 2

"""The web page's test foundation, for every test module of the page: one small foundation per
database kind and module, with two schools, a project leader, and a leader and a member in each
school's team. Role checks are left off in its settings: the web page checks roles whatever they
say. Tests that change a team start a team of their own. Loaded by conftest as a plugin.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest

from plg import Engine
from plg.engine.inputs import Content
from tests.conftest import _postgres_database, needs_postgres
from tests.webserver import Visitor, serving, text_of

PASSWORD = "een lange zin als wachtwoord"
LEADER, MEMBER, OTHER, CHIEF, SPARE = (
    "Lea Leider",
    "Mo Lid",
    "Zoe Zuid",
    "Piet Project",
    "Ria Reserve",
)
NORTH, SOUTH = "OBS Noord", "CBS Zuid"


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=needs_postgres)])
def url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('web') / 'plg.db'}"
    else:
        yield from _postgres_database()


@pytest.fixture(scope="module")
def chief(url: str) -> Iterator[Engine]:
    """The project leader's engine, on a foundation made for these tests."""
    engine = Engine(url, actor=CHIEF, lang="en")
    engine.init()
    engine.add_project_leader(CHIEF)
    for school in (NORTH, SOUTH):
        engine.add_school(school)
    for person, school in ((LEADER, NORTH), (MEMBER, NORTH), (SPARE, NORTH), (OTHER, SOUTH)):
        engine.add_person(person, school=school)
    for person in (LEADER, MEMBER, OTHER, CHIEF, SPARE):
        engine.add_user(person, PASSWORD, "en")
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def site(chief: Engine, url: str) -> Iterator[str]:
    with serving(url) as base:
        yield base


def new_team(
    chief: Engine,
    method: str = "vier_vragen",
    school: str = NORTH,
    *,
    leader: str | None = None,
    members: Sequence[str] | None = None,
) -> str:
    """A team of its own for one test, led by LEADER with MEMBER in it (or by OTHER, south),
    or by `leader` with `members`."""
    name = f"Team {uuid.uuid4().hex[:6]}"
    if leader is None:
        leader = LEADER if school == NORTH else OTHER
    if members is None:
        members = (MEMBER,) if school == NORTH else ()
    chief.start_team(name, method, schools=(school,), leader=leader)
    for member in members:
        chief.join(name, member, "member")
    return name


def new_people(chief: Engine, count: int, school: str = NORTH) -> list[str]:
    """`count` people of `school`, new for one test, each with an account (PASSWORD, English)."""
    names = [f"Persoon {uuid.uuid4().hex[:6]}" for _ in range(count)]
    for name in names:
        chief.add_person(name, school=school)
        chief.add_user(name, PASSWORD, "en")
    return names


@pytest.fixture
def visitor(site: str) -> Iterator[Visitor]:
    person = Visitor(site)
    yield person
    person.close()


Signer = Callable[[str], Visitor]


def signed_in(site: str, name: str) -> Visitor:
    """`name` signed in through the sign-in form, in a browser session of their own."""
    person = Visitor(site)
    try:
        answer = person.sign_in(name, PASSWORD)
        assert answer.url.path == "/teams", text_of(answer.text)
    except BaseException:
        person.close()
        raise
    return person


@pytest.fixture
def sign(site: str) -> Iterator[Signer]:
    """Signs a person in, in a browser session of their own; closed after the test."""
    opened: list[Visitor] = []

    def signing_in(name: str) -> Visitor:
        opened.append(signed_in(site, name))
        return opened[-1]

    yield signing_in
    for person in opened:
        person.close()


def finish_phase(chief: Engine, team: str) -> None:
    """Everything the phase asks: its boxes ticked, and a record saved for each item that a
    saved record ticks."""
    for item in chief.checklist(team).items:
        if item.satisfied_by is None:
            chief.tick(team, item.id)
        else:
            category, _, kind = item.satisfied_by.partition(":")
            assert category in ("artefact", "evidence"), item.satisfied_by
            chief.add_record(team, category, kind, item.id, text_content("x"))  # type: ignore[arg-type]


def text_content(text: str) -> Any:
    return Content(text=text)

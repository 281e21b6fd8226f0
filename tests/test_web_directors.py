"""A director on the web page: they see their schools' teams and their school's page, and
approve a team's topic with a button beside the item; roles are checked on the server, the
form carries its token, and a stale page or two approvals at once undo nothing."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import quote

import pytest

from plg import Engine
from tests.conftest import SHOTS
from tests.webfoundation import (
    CHIEF,
    LEADER,
    NORTH,
    PASSWORD,
    SOUTH,
    SPARE,
    Signer,
    new_people,
    new_team,
)
from tests.webserver import Form, Visitor, form_of, forms, text_of

ITEM = "directie"  # action research: the topic is agreed with the school's director


@pytest.fixture
def director(chief: Engine) -> Iterator[str]:
    """A person of the north school who directs it, for one test."""
    (name,) = new_people(chief, 1)
    chief.add_director(name, NORTH)
    yield name
    chief.remove_director(name, NORTH)


def _page(person: Visitor, path: str) -> str:
    answer = person.get(path)
    assert answer.status_code == 200, text_of(answer.text)
    return answer.text


def _approve_form(person: Visitor, team: str) -> Form:
    return form_of(_page(person, f"/team/{quote(team)}"), f"approve-{ITEM}")


def _approvals(chief: Engine, team: str) -> list[str]:
    return [event.actor for event in chief.history(team) if event.kind == "approve"]


def _done(chief: Engine, team: str) -> bool:
    return next(i.done for i in chief.checklist(team).items if i.id == ITEM)


def test_a_director_sees_their_schools_teams_and_its_page(
    sign: Signer, chief: Engine, director: str
) -> None:
    north, south = new_team(chief), new_team(chief, school=SOUTH)
    person = sign(director)
    teams = _page(person, "/teams")
    assert north in text_of(teams)
    assert south not in text_of(teams)
    assert f'href="/school/{quote(NORTH)}"' in teams
    school = text_of(_page(person, f"/school/{quote(NORTH)}"))
    assert north in school
    assert "Staff in no active team" in school
    assert SPARE in school  # in no team of the school
    assert LEADER not in school  # leads a team
    assert person.get(f"/team/{quote(south)}").status_code == 404
    assert person.get(f"/school/{quote(SOUTH)}").status_code == 404
    # The school's page is its directors' and the project leaders', no one else's.
    assert sign(LEADER).get(f"/school/{quote(NORTH)}").status_code == 404
    assert sign(CHIEF).get(f"/school/{quote(NORTH)}").status_code == 200


def test_the_director_approves_the_topic_and_the_leader_cannot(
    sign: Signer, chief: Engine, director: str
) -> None:
    team = new_team(chief, method="actieonderzoek")
    leader = sign(LEADER)
    leader_page = _page(leader, f"/team/{quote(team)}")
    assert f"approve-{ITEM}" not in forms(leader_page)
    boss = sign(director)
    form = _approve_form(boss, team)
    # The leader sends the director's form in their own session: the server says no.
    crafted = Form(form.action, [(k, leader.token if k == "csrf" else v) for k, v in form.pairs])
    refused = leader.send(crafted)
    assert refused.status_code == 403
    assert "a director of the team's school" in text_of(refused.text)
    assert _approvals(chief, team) == []
    answer = boss.send(form)
    assert answer.status_code == 200
    assert f"Approved '{ITEM}'" in text_of(answer.text)
    assert _approvals(chief, team) == [director]
    assert _done(chief, team)
    assert f"approve-{ITEM}" not in forms(answer.text)  # nothing left to approve


def test_an_approval_without_its_token_changes_nothing(
    sign: Signer, chief: Engine, director: str
) -> None:
    team = new_team(chief, method="actieonderzoek")
    boss = sign(director)
    form = _approve_form(boss, team)
    for token in ("", "made-up"):
        answer = boss.send(form.set("csrf", token))
        assert answer.status_code == 403
    assert _approvals(chief, team) == []


def test_two_approvals_at_once_make_one(sign: Signer, chief: Engine, director: str) -> None:
    team = new_team(chief, method="actieonderzoek")
    people = [sign(director), sign(CHIEF)]
    sent = [(person, _approve_form(person, team)) for person in people]
    start = threading.Barrier(len(sent))

    def send(job: tuple[Visitor, Form]) -> Any:
        start.wait()
        return job[0].send(job[1])

    with ThreadPoolExecutor(len(sent)) as pool:
        answers = list(pool.map(send, sent))
    assert [answer.status_code for answer in answers] == [200, 200]
    assert len(_approvals(chief, team)) == 1
    assert _done(chief, team)


def test_an_approval_from_a_stale_page_changes_nothing(
    sign: Signer, chief: Engine, director: str
) -> None:
    team = new_team(chief, method="actieonderzoek")
    boss = sign(director)
    form = _approve_form(boss, team)
    chief.advance(team, force=True, reason="de directie sprak het mondeling af")
    before = len(chief.history(team))
    answer = boss.send(form)
    assert answer.status_code == 409
    assert "while your page was open" in text_of(answer.text)
    assert len(chief.history(team)) == before


def test_a_director_signs_in_opens_their_school_and_approves_a_topic(
    browser: Any, site: str, chief: Engine, director: str
) -> None:
    team = new_team(chief, method="actieonderzoek")
    page = browser.new_page(locale="en-GB")
    try:
        page.goto(f"{site}/sign-in")
        page.fill("input[name=name]", director)
        page.fill("input[name=password]", PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_url(f"{site}/teams")
        page.click(f"#my-schools a:text('{NORTH}')")
        page.wait_for_selector("#school-teams")
        page.click(f"#school-teams a:text('{team}')")
        page.wait_for_selector(f"button[data-approve='{ITEM}']")
        page.click(f"button[data-approve='{ITEM}']")
        page.wait_for_selector(f"li[data-item='{ITEM}'].done")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "director-approved.png"), full_page=True)
    finally:
        page.close()
    assert _approvals(chief, team) == [director]

"""A director on the web page: they see their schools' teams and their school's page, approve a
team's topic with a button beside the item and a person's network hours on the school's page;
roles are checked on the server, the forms carry their token, and a stale page or two
approvals at once undo nothing."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any
from urllib.parse import quote

import pytest

from plg import Engine
from plg.present.views import HoursApproved
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


def _networker(chief: Engine, school: str = NORTH) -> str:
    """A new person of `school`, leading a network team of their own, with 90 minutes of its
    meetings today."""
    (person,) = new_people(chief, 1, school)
    team = f"Netwerk {uuid.uuid4().hex[:6]}"
    chief.start_team(team, "vier_vragen", schools=(NORTH, SOUTH), leader=person, kind="network")
    chief.add_meeting(team, chief.clock().date(), 90, [person])
    return team


def _hours_form(person: Visitor, whose: str, school: str = NORTH) -> Form:
    page = _page(person, f"/school/{quote(school)}")
    [found] = [f for f in forms(page).values() if f.values("person") == [whose]]
    return found


def _approval(chief: Engine, person: str) -> HoursApproved | None:
    [row] = chief.hours(person).people
    return row.approval


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


def test_the_school_page_leaves_an_archived_team_out(
    sign: Signer, chief: Engine, director: str
) -> None:
    team = new_team(chief, leader=SPARE, members=())
    person = sign(director)
    page = text_of(_page(person, f"/school/{quote(NORTH)}"))
    assert team in page
    assert SPARE not in page.partition("Staff in no active team")[2].partition("Hours")[0]
    chief.archive_team(team, "dubbel aangemaakt")
    page = text_of(_page(person, f"/school/{quote(NORTH)}"))
    assert team not in page
    assert SPARE in page.partition("Staff in no active team")[2]  # in no team that counts


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


def test_a_director_approves_a_persons_network_hours_on_the_school_page(
    sign: Signer, chief: Engine, director: str
) -> None:
    team = _networker(chief)
    [person] = [m.person for m in chief.members(team)]
    elsewhere = _networker(chief, SOUTH)
    boss = sign(director)
    page = text_of(_page(boss, f"/school/{quote(NORTH)}"))
    assert "Hours in school year" in page
    assert person in page
    assert chief.members(elsewhere)[0].person not in page  # not of this school
    answer = boss.send(_hours_form(boss, person))
    assert answer.status_code == 200
    assert f"Approved the network hours of '{person}': 1.5." in text_of(answer.text)
    approval = _approval(chief, person)
    assert approval is not None
    assert (approval.minutes, approval.by) == (90, director)
    assert [f for f in forms(answer.text).values() if f.values("person") == [person]] == []
    assert f"1.5 by {director}" in text_of(answer.text)


def test_only_a_director_of_the_persons_school_approves_their_hours(
    sign: Signer, chief: Engine, director: str
) -> None:
    team = _networker(chief)
    [person] = [m.person for m in chief.members(team)]
    form = _hours_form(sign(director), person)
    (southern,) = new_people(chief, 1, SOUTH)
    chief.add_director(southern, SOUTH)
    try:
        for who in (LEADER, southern):
            other = sign(who)
            _page(other, "/teams")
            crafted = Form(
                form.action, [(k, other.token if k == "csrf" else v) for k, v in form.pairs]
            )
            # Not their school's page: to them there is no such address.
            assert other.send(crafted).status_code == 404
        # Sent to their own school's address: the engine refuses another school's staff.
        to_south = Form(f"/school-hours/{quote(SOUTH)}", crafted.pairs)
        refused = other.send(to_south)
        assert refused.status_code == 403
        assert "only a director of their school" in text_of(refused.text)
    finally:
        chief.remove_director(southern, SOUTH)
    assert _approval(chief, person) is None


def test_an_hours_approval_without_its_token_changes_nothing(
    sign: Signer, chief: Engine, director: str
) -> None:
    team = _networker(chief)
    [person] = [m.person for m in chief.members(team)]
    boss = sign(director)
    form = _hours_form(boss, person)
    for token in ("", "made-up"):
        assert boss.send(form.set("csrf", token)).status_code == 403
    for minutes in ("", "-5", "1e9", "9" * 5000):
        assert boss.send(_hours_form(boss, person).set("minutes", minutes)).status_code == 400
    for nobody in ("", "Niemand", "\x00", "x" * 5000):
        answer = boss.send(_hours_form(boss, person).set("person", nobody))
        # No such person; PostgreSQL refuses a NUL in a text outright (plg says so).
        assert answer.status_code in (400, 404)
        assert "Hours in school year" in text_of(answer.text)  # the school's page, again
    assert _approval(chief, person) is None


def test_hours_approved_by_two_at_once_make_one_approval(
    sign: Signer, chief: Engine, director: str
) -> None:
    team = _networker(chief)
    [person] = [m.person for m in chief.members(team)]
    people = [sign(director), sign(CHIEF)]
    sent = [(visitor, _hours_form(visitor, person)) for visitor in people]
    start = threading.Barrier(len(sent))

    def send(job: tuple[Visitor, Form]) -> Any:
        start.wait()
        return job[0].send(job[1])

    with ThreadPoolExecutor(len(sent)) as pool:
        answers = list(pool.map(send, sent))
    assert sorted(answer.status_code for answer in answers) == [200, 403]
    refused = next(answer for answer in answers if answer.status_code == 403)
    assert "already approved" in text_of(refused.text)
    approval = _approval(chief, person)
    assert approval is not None
    assert approval.minutes == 90


def test_hours_changed_since_the_page_was_loaded_are_not_approved(
    sign: Signer, chief: Engine, director: str
) -> None:
    team = _networker(chief)
    [person] = [m.person for m in chief.members(team)]
    boss = sign(director)
    form = _hours_form(boss, person)
    chief.add_meeting(team, chief.clock().date(), 30, [person])
    answer = boss.send(form)
    assert answer.status_code == 409
    assert "changed to 2.0 while your page was open" in text_of(answer.text)
    assert _approval(chief, person) is None
    # The page it answers with shows the hours as they are now, to approve those.
    again = next(f for f in forms(answer.text).values() if f.values("person") == [person])
    assert again.value("minutes") == "120"
    assert boss.send(again).status_code == 200
    approval = _approval(chief, person)
    assert approval is not None
    assert approval.minutes == 120


def test_a_director_signs_in_opens_their_school_and_approves_a_topic_and_hours(
    browser: Any, site: str, chief: Engine, director: str
) -> None:
    team = new_team(chief, method="actieonderzoek")
    [networker] = [m.person for m in chief.members(_networker(chief))]
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
        # Back to the school: the person's network hours, approved as the page shows them.
        page.goto(f"{site}/school/{quote(NORTH)}")
        row = page.locator(f"#hours tr[data-person='{networker}']")
        assert row.locator("td.hours").inner_text() == "1.5"
        row.locator("button[data-approve-hours]").click()
        page.wait_for_selector(f"#hours tr[data-person='{networker}'] td.approved:text('1.5')")
        assert row.locator("button[data-approve-hours]").count() == 0
        page.screenshot(path=str(SHOTS / "director-hours-approved.png"), full_page=True)
    finally:
        page.close()
    assert _approvals(chief, team) == [director]
    approval = _approval(chief, networker)
    assert approval is not None
    assert (approval.minutes, approval.by) == (90, director)

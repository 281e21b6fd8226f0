"""Directors and project leaders on the project leader's roles page, and a member's role and
join day corrected on a team's set-up page: for project leaders only, checked on the server,
each form with its token; forms sent at once or from a stale page undo nobody's work."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from urllib.parse import quote

import pytest

from plg import Engine
from plg.errors import Refused
from tests.webfoundation import CHIEF, LEADER, MEMBER, NORTH, SOUTH, Signer, new_people
from tests.webserver import Form, flashes, form_of, forms, text_of

ROLES = "/admin/roles"


def _row_form(html: str, action: str, **values: str) -> Form:
    [found] = [
        form
        for form in forms(html).values()
        if form.action == action and all(form.values(k) == [v] for k, v in values.items())
    ]
    return found


@pytest.fixture
def role_checks(chief: Engine) -> Iterator[None]:
    """Role checks on, for one test: then the last project leader cannot be removed."""
    before = chief.settings()["role-checks"]
    chief.set_setting("role-checks", "on")
    yield
    chief.set_setting("role-checks", before)


def test_only_project_leaders_see_and_send_the_roles_page(sign: Signer, chief: Engine) -> None:
    (person,) = new_people(chief, 1)
    leader = sign(LEADER)
    assert leader.get(ROLES).status_code == 403
    sent = leader.post(f"{ROLES}/director", {"person": person, "school": NORTH, "form": "x"})
    assert sent.status_code == 403
    sent = leader.post(f"{ROLES}/leader", {"person": person, "form": "x"})
    assert sent.status_code == 403
    boss = sign(CHIEF)
    page = boss.get(ROLES).text
    assert 'href="/admin/roles"' in boss.get("/admin").text
    form = form_of(page, "director-form").set("person", person).set("school", NORTH)
    for token in ("", "made-up"):
        assert boss.send(form.set("csrf", token)).status_code == 403
    assert not [d for d in chief.directors() if d.person == person]
    assert person not in chief.project_leaders()


def test_a_director_is_added_and_removed_and_a_stale_removal_is_calm(
    sign: Signer, chief: Engine
) -> None:
    (person,) = new_people(chief, 1)
    boss = sign(CHIEF)
    form = form_of(boss.get(ROLES).text, "director-form").set("person", person)
    added = boss.send(form.set("school", SOUTH))
    assert ("ok", f"{person} now directs {SOUTH}.") in flashes(added.text)
    assert chief.directed_by(person) == [SOUTH]
    remove = _row_form(added.text, f"{ROLES}/director-remove", person=person, school=SOUTH)
    chief.add_director(person, NORTH)
    chief.remove_director(person, SOUTH)  # someone else, while the page was open
    calm = boss.send(remove)
    assert calm.status_code == 200
    assert "someone removed them already" in text_of(calm.text)
    assert chief.directed_by(person) == [NORTH]  # nothing else changed
    gone = boss.send(_row_form(calm.text, f"{ROLES}/director-remove", person=person))
    assert ("ok", f"{person} no longer directs {NORTH}.") in flashes(gone.text)
    assert chief.directed_by(person) == []


def test_the_same_director_added_twice_at_once_lands_once(sign: Signer, chief: Engine) -> None:
    (person,) = new_people(chief, 1)
    bosses = [sign(CHIEF), sign(CHIEF)]
    sent = [
        (boss, form_of(boss.get(ROLES).text, "director-form").set("person", person))
        for boss in bosses
    ]
    start = threading.Barrier(len(sent))

    def add(i: int) -> tuple[int, str]:
        boss, form = sent[i]
        start.wait()
        answer = boss.send(form.set("school", NORTH))
        return answer.status_code, text_of(answer.text)

    with ThreadPoolExecutor(2) as pool:
        answers = sorted(pool.map(add, range(2)))
    assert [status for status, _ in answers] == [200, 403]
    assert f"'{person}' already directs '{NORTH}'" in answers[1][1]
    assert chief.directed_by(person) == [NORTH]
    chief.remove_director(person, NORTH)


def test_project_leaders_are_added_and_the_last_one_stays(
    sign: Signer, chief: Engine, role_checks: None
) -> None:
    (person,) = new_people(chief, 1)
    boss = sign(CHIEF)
    page = boss.get(ROLES).text
    last = boss.send(_row_form(page, f"{ROLES}/leader-remove", person=CHIEF))
    assert last.status_code == 403
    assert "the last project leader" in text_of(last.text)
    assert chief.project_leaders() == [CHIEF]
    added = boss.send(form_of(last.text, "leader-form").set("person", person))
    assert ("ok", f"{person} is now a project leader.") in flashes(added.text)
    assert sorted(chief.project_leaders()) == sorted([CHIEF, person])
    remove = _row_form(added.text, f"{ROLES}/leader-remove", person=person)
    chief.remove_project_leader(person)  # someone else, meanwhile
    calm = boss.send(remove)
    assert calm.status_code == 200
    assert "someone removed them already" in text_of(calm.text)
    assert chief.project_leaders() == [CHIEF]


def test_two_adding_the_same_project_leader_at_once_land_once(sign: Signer, chief: Engine) -> None:
    (person,) = new_people(chief, 1)
    bosses = [sign(CHIEF), sign(CHIEF)]
    sent = [(b, form_of(b.get(ROLES).text, "leader-form").set("person", person)) for b in bosses]
    start = threading.Barrier(len(sent))

    def add(i: int) -> int:
        boss, form = sent[i]
        start.wait()
        return boss.send(form).status_code

    with ThreadPoolExecutor(2) as pool:
        assert sorted(pool.map(add, range(2))) == [200, 403]
    assert chief.project_leaders().count(person) == 1
    chief.remove_project_leader(person)


def _team(chief: Engine, since: date | None = None) -> str:
    name = f"Lezen {uuid.uuid4().hex[:6]}"
    chief.start_team(name, "vier_vragen", schools=(NORTH,), leader=LEADER, leader_since=since)
    chief.join(name, MEMBER, "member", date(2026, 9, 1))
    return name


def _joined(chief: Engine, team: str) -> dict[str, tuple[str, str]]:
    return {m.person: (m.role, m.joined_at.date().isoformat()) for m in chief.members(team)}


def test_a_members_role_and_join_day_are_corrected(sign: Signer, chief: Engine) -> None:
    team = _team(chief)
    boss = sign(CHIEF)
    page = boss.get(f"/admin/team/{quote(team)}").text
    action = f"/admin/members/{quote(team, safe='')}"
    form = _row_form(page, action, person=LEADER, what="change").set("day", "2026-08-20")
    changed = boss.send(form)
    assert changed.status_code == 200, text_of(changed.text)
    assert _joined(chief, team)[LEADER] == ("leader", "2026-08-20")
    form = _row_form(changed.text, action, person=MEMBER, what="change")
    boss.send(form.set("role", "facilitator"))
    assert _joined(chief, team)[MEMBER] == ("facilitator", "2026-09-01")


def test_a_stale_correction_keeps_the_other_change_and_what_was_typed(
    sign: Signer, chief: Engine
) -> None:
    team = _team(chief)
    boss = sign(CHIEF)
    page = boss.get(f"/admin/team/{quote(team)}").text
    action = f"/admin/members/{quote(team, safe='')}"
    stale = _row_form(page, action, person=MEMBER, what="change")
    chief.join(team, MEMBER, "expert", date(2026, 9, 2))  # someone else, meanwhile
    clash = boss.send(stale.set("day", "2026-08-25"))
    assert clash.status_code == 409
    assert _joined(chief, team)[MEMBER] == ("expert", "2026-09-02")
    kept = _row_form(clash.text, action, person=MEMBER, what="change")
    assert kept.value("day") == "2026-08-25"
    assert "now knowledgeable other, since 2026-09-02" in text_of(clash.text)
    # Only what this page changed is written: the role someone else gave is kept.
    fresh = boss.send(kept)
    assert fresh.status_code == 200, text_of(fresh.text)
    assert _joined(chief, team)[MEMBER] == ("expert", "2026-08-25")
    # A member who left meanwhile is not brought back.
    again = _row_form(fresh.text, action, person=MEMBER, what="change")
    chief.leave(team, MEMBER)
    assert boss.send(again.set("role", "member")).status_code == 404
    assert MEMBER not in _joined(chief, team)


def test_the_start_form_takes_the_day_the_leader_began(sign: Signer, chief: Engine) -> None:
    boss = sign(CHIEF)
    team = f"Rekenen {uuid.uuid4().hex[:6]}"
    form = form_of(boss.get("/admin/teams").text, "start-form").set("name", team)
    form = form.set("method", "vier_vragen").set("school", NORTH).set("leader", LEADER)
    started = boss.send(form.set("leader_since", "2026-08-19"))
    assert started.status_code == 200, text_of(started.text)
    assert _joined(chief, team)[LEADER] == ("leader", "2026-08-19")
    later = f"{team} b"
    future = boss.send(form.set("name", later).set("leader_since", "2999-01-01"))
    assert future.status_code == 400  # a day still to come: no team started
    assert form_of(future.text, "start-form").value("leader_since") == "2999-01-01"
    assert later not in [row.name for row in chief.teams()]
    assert "All teams" in text_of(boss.get("/admin/teams").text)
    # A deadline already passed starts the team, with a warning, as on the command line.
    past = boss.send(
        form.set("name", f"{team} c").set("leader_since", "").set("deadline", "01-01-2020")
    )
    assert past.status_code == 200
    assert "The deadline 2020-01-01 has already passed." in text_of(past.text)


def test_settings_show_their_choices_in_words(sign: Signer) -> None:
    page = sign(CHIEF).get("/admin/settings").text
    assert "(role-checks)" not in text_of(page)
    assert '<option value="on"' in page
    assert form_of(page, "settings-form").value("role-checks") in ("on", "off")


def test_two_project_leaders_removing_each_other_at_once_leave_one(
    url: str, chief: Engine, role_checks: None
) -> None:
    (other,) = new_people(chief, 1)
    chief.add_project_leader(other)
    engines = [Engine(url, actor=CHIEF, lang="en"), Engine(url, actor=other, lang="en")]
    start = threading.Barrier(2)

    def remove(i: int) -> str:
        start.wait()
        try:
            engines[i].remove_project_leader(other if i == 0 else CHIEF)
        except Refused as error:
            return error.key
        return "removed"

    try:
        with ThreadPoolExecutor(2) as pool:
            outcomes = sorted(pool.map(remove, range(2)))
        left = chief.project_leaders()
        if left == [other]:  # the chief was removed: put them back for the other tests
            engines[1].add_project_leader(CHIEF)
            engines[0].remove_project_leader(other)
    finally:
        for engine in engines:
            engine.close()
    # One removal lands; the other finds its sender no project leader any more, or the one
    # it would remove the last.
    assert len(left) == 1
    assert outcomes.count("removed") == 1
    (refused,) = (outcome for outcome in outcomes if outcome != "removed")
    assert refused in ("last_project_leader", "role_refused_foundation")

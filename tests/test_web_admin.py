"""The project leader's pages (/admin/...): schools, people, accounts and invitations, teams and
their members, settings. For project leaders only, checked on the server; each form refused
keeps what was typed, a stale page undoes no one's work, and forms sent at once all land."""

from __future__ import annotations

import re
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from urllib.parse import quote

import pytest

from plg import Engine
from plg.errors import Refused
from plg.present.views import PersonView
from tests.webfoundation import CHIEF, LEADER, MEMBER, NORTH, PASSWORD, SOUTH, Signer
from tests.webserver import Form, Visitor, flashes, form_of, forms, text_of

PAGES = ["/admin", "/admin/schools", "/admin/people", "/admin/accounts", "/admin/teams"]


def _unique(prefix: str) -> str:
    return f"{prefix} {uuid.uuid4().hex[:6]}"


def _mail() -> str:
    return f"{uuid.uuid4().hex[:8]}@school.nl"


def _row_form(html: str, action: str, **values: str) -> Form:
    """The form of a page's row that goes to `action` and carries `values` (a person, a
    school's shown name)."""
    found = [
        form
        for form in forms(html).values()
        if form.action == action and all(form.values(k) == [v] for k, v in values.items())
    ]
    assert len(found) == 1, (action, values)
    return found[0]


def _link(html: str) -> str:
    found = re.search(r'<code id="invitation-link">([^<]+)</code>', html)
    assert found, text_of(html)
    return found.group(1)


def test_only_project_leaders_open_the_set_up(sign: Signer) -> None:
    leader = sign(LEADER)
    assert 'href="/admin"' not in leader.get("/teams").text
    for page in [*PAGES, "/admin/settings"]:
        answer = leader.get(page)
        assert answer.status_code == 403, page
        assert "Only a project leader" in text_of(answer.text)
    # A form sent by hand is refused on the server too; nothing is added.
    refused = leader.post("/admin/schools", {"name": "Sneaky School", "form": "school-add"})
    assert refused.status_code == 403
    chief = sign(CHIEF)
    assert "Sneaky School" not in chief.get("/admin/schools").text
    home = chief.get("/teams").text
    assert 'href="/admin"' in home
    index = chief.get("/admin").text
    for page in PAGES[1:]:
        assert f'href="{page}"' in index


def test_schools_are_added_renamed_and_given_a_code(sign: Signer, chief: Engine) -> None:
    person = sign(CHIEF)
    name = _unique("OBS")
    page = person.get("/admin/schools").text
    added = person.send(form_of(page, "school-form").set("name", name))
    assert ("ok", f"School '{name}' saved.") in flashes(added.text)
    new = _unique("OBS Nieuw")
    row = _row_form(added.text, "/admin/schools/edit", **{"shown:name": name})
    renamed = person.send(row.set("name", new).set("code", "99XX"))
    assert renamed.status_code == 200
    assert [(s.name, s.code) for s in chief.schools() if s.name == new] == [(new, "99XX")]
    # The same name again is refused, and the page keeps what was typed.
    again = person.send(form_of(renamed.text, "school-form").set("name", new).set("code", "77"))
    assert again.status_code == 403
    kept = form_of(again.text, "school-form")
    assert (kept.value("name"), kept.value("code")) == (new, "77")


def test_a_stale_rename_renames_nothing_and_keeps_the_typed_name(
    sign: Signer, chief: Engine
) -> None:
    name = _unique("CBS")
    chief.add_school(name)
    person = sign(CHIEF)
    page = person.get("/admin/schools").text
    chief.rename_school(name, name + " (nieuw)")  # someone else, meanwhile
    row = _row_form(page, "/admin/schools/edit", **{"shown:name": name})
    answer = person.send(row.set("name", "Mijn naam"))
    assert answer.status_code == 404
    assert f"You typed 'Mijn naam' for '{name}'" in text_of(answer.text)
    assert name + " (nieuw)" in [s.name for s in chief.schools()]
    assert "Mijn naam" not in [s.name for s in chief.schools()]
    # A code given by someone else meanwhile stays; the code typed is kept in its field.
    page = person.get("/admin/schools").text
    row = _row_form(page, "/admin/schools/edit", **{"shown:name": name + " (nieuw)"})
    chief.give_code(name + " (nieuw)", uuid.uuid4().hex[:8])
    clash = person.send(row.set("code", "00ZZ"))
    assert clash.status_code == 409
    assert "00ZZ" in clash.text
    assert "already has the code" in text_of(clash.text)


def test_people_are_added_and_listed_by_school(sign: Signer, chief: Engine) -> None:
    person = sign(CHIEF)
    name = _unique("Juf")
    page = person.get("/admin/people").text
    form = form_of(page, "person-form").set("name", name).set("email", "juf@school.nl")
    added = person.send(form.set("school", SOUTH))
    assert added.status_code == 200
    south = person.get(f"/admin/people?school={quote(SOUTH)}").text
    north = person.get(f"/admin/people?school={quote(NORTH)}").text
    assert name in south
    assert name not in north
    # Someone already there is refused; what was typed is kept.
    again = person.send(form_of(north, "person-form").set("name", name).set("email", "x@y.nl"))
    assert again.status_code == 403
    assert form_of(again.text, "person-form").value("email") == "x@y.nl"


def test_an_invited_person_sets_a_password_and_is_signed_in(
    site: str, sign: Signer, chief: Engine
) -> None:
    name = _unique("Meester")
    chief.add_person(name, school=NORTH)
    person = sign(CHIEF)
    page = person.get("/admin/accounts").text
    invite = form_of(page, "invite-form").set("person", name).set("lang", "nl")
    link = _link(person.send(invite).text)
    assert link.startswith(f"{site}/invitation/")
    # The link is shown once: the next visit of the page says only that they are invited.
    listed = person.get("/admin/accounts").text
    assert link not in listed
    assert "invited, link valid until" in text_of(listed)
    newcomer = Visitor(site)
    try:
        opened = newcomer.get(link)
        assert "Welkom bij plg" in opened.text  # in the language they were invited in
        short = newcomer.send(form_of(opened.text, "invitation-form").set("new", "kort"))
        assert short.status_code == 400
        form = form_of(short.text, "invitation-form")
        signed = newcomer.send(form.set("new", PASSWORD).set("again", PASSWORD))
        assert signed.url.path == "/teams"
        assert "Welkom" in text_of(signed.text)
        assert name in signed.text
    finally:
        newcomer.close()
    assert chief.sign_in(name, PASSWORD).person == name
    # Used: the link says so, and changes nothing.
    stranger = Visitor(site)
    try:
        used = stranger.get(link)
        assert used.status_code == 403
        assert "used already" in text_of(used.text)
        assert "Ask your project leader for a new link" in text_of(used.text)
        unknown = stranger.get("/invitation/made-up-token")
        assert unknown.status_code == 404
        assert "not (or no longer) valid" in text_of(unknown.text)
    finally:
        stranger.close()


def test_a_reset_voids_the_password_and_a_removed_account_signs_in_no_more(
    site: str, sign: Signer, chief: Engine
) -> None:
    name = _unique("Leraar")
    chief.add_person(name, school=NORTH)
    chief.add_user(name, PASSWORD, "en")
    person = sign(CHIEF)
    page = person.get("/admin/accounts").text
    reset = person.send(_row_form(page, "/admin/accounts/invite", person=name))
    link = _link(reset.text)
    assert link.startswith(f"{site}/invitation/")
    with pytest.raises(Refused, match="do not match"):
        chief.sign_in(name, PASSWORD, "elsewhere")
    removed = person.send(_row_form(reset.text, "/admin/accounts/remove", person=name))
    assert name not in [s.account.person for s in chief.account_statuses()]
    assert f"'{name}'" in text_of(removed.text)
    # A stale page's remove of an account gone already: said so, nothing else happens.
    stale = person.send(_row_form(reset.text, "/admin/accounts/remove", person=name))
    assert stale.status_code == 404


def test_a_team_is_started_and_people_join_and_leave_with_dates(
    sign: Signer, chief: Engine
) -> None:
    person = sign(CHIEF)
    team = _unique("Rekenen")
    page = person.get("/admin/teams").text
    form = form_of(page, "start-form").set("name", team).set("method", "vier_vragen")
    started = person.send(form.set("school", NORTH).set("leader", LEADER))
    assert started.url.path == f"/admin/team/{team}"
    assert chief.team(team).row.leader == LEADER
    join = form_of(started.text, "join-form").set("person", MEMBER).set("day", "2026-09-01")
    joined = person.send(join)
    since = {m.person: m.joined_at.date().isoformat() for m in chief.members(team)}
    assert since[MEMBER] == "2026-09-01"
    members = f"/admin/members/{quote(team, safe='')}"
    leave = _row_form(joined.text, members, person=MEMBER, what="leave")
    early = person.send(leave.set("day", "2026-08-01"))
    assert early.status_code == 400  # before they joined: refused, the day typed kept
    assert _row_form(early.text, members, person=MEMBER, what="leave").value("day") == "2026-08-01"
    left = person.send(leave.set("day", "2026-10-01"))
    assert MEMBER not in [m.person for m in chief.members(team)]
    # The set-up page lists them among the former members: who, role, from, until.
    former = text_of(left.text).split("Former members", 1)[1]
    assert f"{MEMBER} member 2026-09-01 2026-10-01" in " ".join(former.split())
    # A team with a name taken is refused; the form keeps the name and the choices.
    again = person.send(form_of(page, "start-form").set("name", team).set("school", NORTH))
    assert again.status_code == 403
    kept = form_of(again.text, "start-form")
    assert (kept.value("name"), kept.values("school")) == (team, [NORTH])


def test_settings_change_and_a_stale_page_undoes_nothing(sign: Signer, chief: Engine) -> None:
    person = sign(CHIEF)
    page = person.get("/admin/settings").text
    before = chief.settings()["hours-budget"]
    changed = person.send(form_of(page, "settings-form").set("invite-days", "9"))
    assert ("ok", "1 setting(s) changed.") in flashes(changed.text)
    assert chief.settings()["invite-days"] == "9"
    stale = form_of(changed.text, "settings-form")
    chief.set_setting("invite-days", "3")  # someone else, meanwhile
    clash = person.send(stale.set("invite-days", "12"))
    assert clash.status_code == 409
    assert chief.settings()["invite-days"] == "3"
    kept = form_of(clash.text, "settings-form")
    assert kept.value("invite-days") == "12"
    assert "to '3'" in text_of(clash.text)
    # A field left as the page showed it is not written, whoever changed it.
    chief.set_setting("hours-budget", "40")
    person.send(form_of(clash.text, "settings-form").set("invite-days", "7"))
    assert chief.settings()["hours-budget"] == "40"
    chief.set_setting("hours-budget", before)
    chief.set_setting("invite-days", "7")


def test_forms_sent_at_once_all_land(site: str, sign: Signer, chief: Engine) -> None:
    """Project leaders add schools and invite people at the same moment: each lands once; one
    invitation opened twice at once sets one password."""
    leaders = [sign(CHIEF), sign(CHIEF), sign(CHIEF)]
    names = [_unique("School") for _ in range(9)]
    pages = [leader.get("/admin/schools").text for leader in leaders]

    def add(i: int) -> int:
        form = form_of(pages[i % 3], "school-form").set("name", names[i])
        return leaders[i % 3].send(form).status_code

    with ThreadPoolExecutor(9) as pool:
        assert list(pool.map(add, range(9))) == [200] * 9
    assert set(names) <= {s.name for s in chief.schools()}
    people = [_unique("Nieuw") for _ in range(3)]
    for name in people:
        chief.add_person(name, school=NORTH)
    accounts = [leader.get("/admin/accounts").text for leader in leaders]

    def invite(i: int) -> str:
        form = form_of(accounts[i], "invite-form").set("person", people[i])
        return _link(leaders[i].send(form).text)

    with ThreadPoolExecutor(3) as pool:
        links = list(pool.map(invite, range(3)))
    assert len(set(links)) == 3
    token = links[0].rpartition("/")[2]

    def accept(password: str) -> int:
        visitor = Visitor(site)
        try:
            page = visitor.get(f"/invitation/{token}").text
            form = form_of(page, "invitation-form").set("new", password)
            return visitor.send(form.set("again", password)).status_code
        finally:
            visitor.close()

    with ThreadPoolExecutor(2) as pool:
        answers = sorted(pool.map(accept, [PASSWORD, "een ander lang wachtwoord"]))
    assert answers[0] == 200
    assert answers[1] in (200, 403)  # the second finds the link used, or opened before
    signed = 0
    for password in (PASSWORD, "een ander lang wachtwoord"):
        with suppress(Refused):
            chief.sign_in(people[0], password, f"test {password}")
            signed += 1
    assert signed == 1


def test_pages_loaded_together_change_only_their_own_part(sign: Signer, chief: Engine) -> None:
    """Two project leaders' settings pages, loaded at the same moment, each change another
    setting and are sent at once: both land, neither puts the other's back. People joined
    from pages loaded before the others joined all end up in the team."""
    leaders = [sign(CHIEF), sign(CHIEF)]
    pages = [leader.get("/admin/settings").text for leader in leaders]
    before = chief.settings()
    changes = [("max-file-mb", "60"), ("session-hours", "9")]

    def change(i: int) -> int:
        key, value = changes[i]
        return leaders[i].send(form_of(pages[i], "settings-form").set(key, value)).status_code

    with ThreadPoolExecutor(2) as pool:
        assert list(pool.map(change, range(2))) == [200, 200]
    after = chief.settings()
    assert (after["max-file-mb"], after["session-hours"]) == ("60", "9")
    for key, _ in changes:
        chief.set_setting(key, before[key])
    team = _unique("Lezen")
    chief.start_team(team, "vier_vragen", schools=(NORTH,), leader=LEADER)
    joining = [_unique("Collega") for _ in range(4)]
    for name in joining:
        chief.add_person(name, school=NORTH)
    people = [sign(CHIEF) for _ in joining]
    forms_seen = [person.get(f"/admin/team/{quote(team)}").text for person in people]

    def join(i: int) -> int:
        form = form_of(forms_seen[i], "join-form").set("person", joining[i])
        return people[i].send(form).status_code

    with ThreadPoolExecutor(4) as pool:
        assert list(pool.map(join, range(4))) == [200] * 4
    assert set(joining) <= {m.person for m in chief.members(team)}
    # A join already made by someone else meanwhile is refused, and the form keeps the choice.
    again = people[0].send(form_of(forms_seen[0], "join-form").set("person", joining[0]))
    assert again.status_code == 403
    assert form_of(again.text, "join-form").value("role") == "member"


def test_a_person_is_edited_and_the_list_shows_their_functions(sign: Signer, chief: Engine) -> None:
    name, new = _unique("Meester"), _unique("Meester Nieuw")
    mail = _mail()
    person = sign(CHIEF)
    people = person.get("/admin/people").text
    add = form_of(people, "person-form").set("name", name).set("school", NORTH)
    added = person.send(add.set("function", "teacher", "ib"))
    assert chief.person(name).functions == ("teacher", "ib")
    assert f'href="/admin/person/{quote(name)}"' in added.text
    assert "teacher, internal coach" in text_of(added.text).lower()
    page = person.get(f"/admin/person/{quote(name)}").text
    form = form_of(page, "person-edit-form").set("name", new).set("email", mail)
    edited = person.send(form.set("school", SOUTH).set("function", "director"))
    assert edited.status_code == 200
    assert chief.person(new) == PersonView(new, mail, SOUTH, ("director",))
    # Every box left empty clears the functions; the other fields stay as they are.
    cleared = person.send(form_of(edited.text, "person-edit-form").set("function"))
    assert cleared.status_code == 200
    assert chief.person(new) == PersonView(new, mail, SOUTH, ())


def test_only_project_leaders_edit_a_person_and_only_with_the_token(
    sign: Signer, chief: Engine
) -> None:
    name, mail = _unique("Juf"), _mail()
    chief.add_person(name, school=NORTH)
    address = f"/admin/person/{quote(name)}"
    leader = sign(LEADER)
    assert leader.get(address).status_code == 403
    sneaky = {"form": "person-edit", "name": "Sneaky", "shown:name": name}
    assert leader.post(address, sneaky).status_code == 403
    person = sign(CHIEF)
    form = form_of(person.get(address).text, "person-edit-form").set("email", mail)
    assert person.send(form.set("csrf", "wrong")).status_code == 403
    assert chief.person(name).email is None


def test_a_stale_person_page_undoes_nothing_and_keeps_what_was_typed(
    sign: Signer, chief: Engine
) -> None:
    name, mail, other, mine = _unique("Juf"), _mail(), _mail(), _mail()
    chief.add_person(name, mail, NORTH, ["teacher"])
    person = sign(CHIEF)
    page = person.get(f"/admin/person/{quote(name)}").text
    # Someone else, meanwhile: another address, and the function of IB added.
    chief.edit_person(name, email=other, functions=["teacher", "ib"])
    clash = person.send(form_of(page, "person-edit-form").set("email", mine))
    assert clash.status_code == 409
    assert other in text_of(clash.text)
    kept = form_of(clash.text, "person-edit-form")
    assert kept.value("email") == mine
    assert chief.person(name).email == other
    # A field the page left as it showed it is not written back, whoever changed it.
    moved = person.send(form_of(page, "person-edit-form").set("school", SOUTH))
    assert moved.status_code == 200
    assert chief.person(name) == PersonView(name, other, SOUTH, ("teacher", "ib"))
    # Sent again from the 409 page, the typed address replaces theirs.
    person.send(kept)
    assert chief.person(name).email == mine
    # Functions ticked on a stale page, where someone else changed them: theirs are shown.
    page = person.get(f"/admin/person/{quote(name)}").text
    chief.edit_person(name, functions=[])
    ticked = person.send(form_of(page, "person-edit-form").set("function", "director"))
    assert ticked.status_code == 409
    assert re.search(r'data-field="functions"><strong>[^<]+</strong> <span>-<', ticked.text)
    assert form_of(ticked.text, "person-edit-form").values("function") == ["director"]
    assert chief.person(name).functions == ()


def test_person_pages_sent_at_once_each_change_their_own_field(sign: Signer, chief: Engine) -> None:
    name = _unique("Meester")
    mail = _mail()
    chief.add_person(name, school=NORTH)
    leaders = [sign(CHIEF), sign(CHIEF), sign(CHIEF)]
    pages = [leader.get(f"/admin/person/{quote(name)}").text for leader in leaders]
    changes = [("email", mail), ("school", SOUTH), ("function", "coordinator")]

    def change(i: int) -> int:
        key, value = changes[i]
        form = form_of(pages[i], "person-edit-form").set(key, value)
        return leaders[i].send(form).status_code

    with ThreadPoolExecutor(3) as pool:
        assert list(pool.map(change, range(3))) == [200] * 3
    assert chief.person(name) == PersonView(name, mail, SOUTH, ("coordinator",))

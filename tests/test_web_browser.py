"""A week of a team leader on the web page, in a real headless Chromium.

As a new user would: `plg demo`, then `plg serve`, then sign in as the people the demo
printed. A member ticks and saves a dataset but may not move the team; the leader ticks the
rest, records the meeting and moves it on; the project leader sees the move on the dashboard.
Screenshots of the pages go to the test artefacts (SHOTS) for a person to look at.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from plg import Engine
from plg.engine.inputs import Content
from tests.conftest import SHOTS, Plg
from tests.webserver import free_port, plg_serve

TEAM = "Rekenen bovenbouw"  # the demo's datateam, collecting data
LEADER, MEMBER, CHIEF, DIRECTOR = "Bram Jansen", "Noor Peters", "Marieke de Boer", "Hanneke Vos"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """The demo's database, its printed password, and `plg serve` on it: (url, password, site)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'demo.db'}"
    printed = Plg(url)("demo").stderr
    found = re.search(r"with the password (\S+)", printed)
    assert found, printed
    for person in (LEADER, MEMBER, CHIEF, DIRECTOR):
        assert person in printed.rpartition("Web page:")[2]
    port = free_port()
    server = plg_serve(url, port)
    try:
        yield url, found.group(1), f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.communicate(timeout=10)


def _page(browser: Any, width: int = 1200) -> tuple[Any, list[str]]:
    """A new browser window; `problems` collects script errors, a style sheet or picture that
    failed to load, and any request that leaves this site (no assets from the internet). A page
    that answers 401 or 403 on purpose is not a problem: the tests read what it says."""
    page = browser.new_page(viewport={"width": width, "height": 900}, locale="en-GB")
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on(
        "response",
        lambda r: (
            problems.append(f"{r.status} {r.url}")
            if r.status >= 400 and r.request.resource_type != "document"
            else None
        ),
    )
    page.on(
        "request",
        lambda r: (
            problems.append(f"fetched {r.url}")
            if not r.url.startswith(("http://127.0.0.1", "data:"))
            else None
        ),
    )
    return page, problems


def _sign_in(page: Any, site: str, person: str, password: str) -> None:
    page.goto(f"{site}/")
    page.fill("input[name=name]", person)
    page.fill("input[name=password]", password)
    page.click("#sign-in-form button")
    page.wait_for_url(f"{site}/teams")


def _flash(page: Any) -> str:
    return " ".join(page.locator(".flash").all_inner_texts())


def _phase(url: str) -> str:
    engine = Engine(url)
    try:
        return engine.team(TEAM).row.phase
    finally:
        engine.close()


def test_a_wrong_password_is_said_on_the_page(browser: Any, demo: tuple[str, str, str]) -> None:
    _, _, site = demo
    page, problems = _page(browser)
    page.goto(f"{site}/teams")
    page.fill("input[name=name]", "Sem de Wit")  # in the demo, without an account
    page.fill("input[name=password]", "geraden wachtwoord")
    page.click("#sign-in-form button")
    assert "That name and password do not match" in _flash(page)
    assert page.url.startswith(f"{site}/sign-in")
    assert problems == []
    page.close()


def test_a_team_leaders_week(browser: Any, demo: tuple[str, str, str], tmp_path: Path) -> None:
    url, password, site = demo
    team_page = f"{site}/team/{quote(TEAM)}"
    assert _phase(url) == "dataverzameling"

    # The member ticks what she did and saves the data set; moving on is not hers to do.
    page, problems = _page(browser)
    _sign_in(page, site, MEMBER, password)
    page.click(f"text={TEAM}")
    page.wait_for_url(team_page)
    page.check("li[data-item=herkomst] input")
    page.click("#save-ticks")
    assert "Checklist saved (1 changed)" in _flash(page)
    assert page.locator("li[data-item=herkomst]").get_attribute("class") == "done"
    data = tmp_path / "toets-groep-7.csv"
    data.write_text("leerling,score\nL01,34\nL02,41\n", encoding="utf-8")
    page.select_option("#upload select[name=category]", "evidence")
    page.select_option("#upload select[name=kind]", "dataset")
    page.fill("#upload input[name=title]", "Toetsscores groep 7")
    page.set_input_files("#upload input[name=file]", str(data))
    page.click("#upload button")
    assert "'Toetsscores groep 7' saved" in _flash(page)
    assert page.locator("li[data-item=dataset]").get_attribute("class") == "done"
    with page.expect_download() as download:
        page.click("#evidence-list a[download]")
    assert Path(download.value.path()).read_bytes() == data.read_bytes()
    assert page.locator("#moves a.button").count() == 0
    assert "The team leader moves the team" in page.locator("#moves").inner_text()
    assert _phase(url) == "dataverzameling"
    page.close()

    # The leader ticks the last box, records the meeting and moves the team on.
    page, more = _page(browser)
    problems += more
    _sign_in(page, site, LEADER, password)
    page.goto(team_page)
    assert page.locator("li[data-item=herkomst]").get_attribute("class") == "done"
    page.check("li[data-item=zonder_namen] input")
    page.click("#save-ticks")
    assert "Checklist saved (1 changed)" in _flash(page)
    page.click("#meetings summary")
    page.fill("#meeting-form input[name=length]", "1h15")
    page.fill("#meeting-form textarea[name=agenda]", "Toetsdata bekijken")
    page.click("#meeting-form button")
    assert "Meeting of" in _flash(page)
    assert "75 min" in page.locator("#meeting-list").inner_text()
    page.click("#moves li[data-trigger=next] a.button")
    assert "Move team 'Rekenen bovenbouw'?" in page.locator("h1").inner_text()
    page.click("#confirm")
    page.wait_for_url(team_page)
    assert "The team is now in: Check data quality" in _flash(page)
    assert page.locator("#phase").get_attribute("data-phase") == "datakwaliteit"
    marked = page.locator("svg.diagram g.phase.current")
    assert marked.get_attribute("data-phase") == "datakwaliteit"
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "web-team.png"), full_page=True)
    page.close()
    assert _phase(url) == "datakwaliteit"

    # The project leader sees it on the dashboard, on a laptop and on a phone.
    for width, shot in ((1200, "web-dashboard.png"), (390, "web-dashboard-phone.png")):
        page, more = _page(browser, width)
        problems += more
        _sign_in(page, site, CHIEF, password)
        page.click("nav >> text=Dashboard")
        row = page.locator(f"#dashboard tr[data-team='{TEAM}']")
        assert row.locator("td.phase").inner_text() == "Check data quality"
        assert page.locator("#dashboard tr.team").count() == 6
        # The demo's team left alone for months is the one to act on.
        assert page.locator("#attention li").all_inner_texts()[0].startswith("Woordenschat NT2")
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, f"the page is {wide}px wide in a {width}px window"
        page.screenshot(path=str(SHOTS / shot), full_page=True)
        page.close()
    assert problems == []


def test_a_member_confirming_a_move_is_refused(browser: Any, demo: tuple[str, str, str]) -> None:
    url, password, site = demo
    engine = Engine(url, actor=CHIEF)
    team = "Begrijpend lezen 5-6"  # the demo's action research team, which Noor now joins
    engine.join(team, MEMBER, "member")
    for item in engine.checklist(team).items:  # the phase done, so that `next` is ready
        if item.done:
            continue
        if item.satisfied_by is None:
            engine.tick(team, item.id)
        else:
            category, _, kind = item.satisfied_by.partition(":")
            engine.add_record(team, category, kind, item.id, Content(text="x"))  # type: ignore[arg-type]
    view = engine.team(team)
    ready = next(move for move in view.moves if move.trigger == "next")
    assert ready.ready, ready.blocking
    engine.close()
    page, problems = _page(browser)
    _sign_in(page, site, MEMBER, password)
    page.goto(f"{site}/advance/{quote(team)}?trigger={ready.trigger}")
    page.click("#confirm")
    assert f"'{MEMBER}' may not" in _flash(page)
    assert "Nothing was changed" in _flash(page)
    engine = Engine(url)
    assert engine.team(team).row.phase == view.row.phase
    engine.close()
    assert problems == []
    page.close()


def test_a_form_without_its_token_is_refused_in_the_browser(
    browser: Any, demo: tuple[str, str, str]
) -> None:
    url, password, site = demo
    engine = Engine(url)
    before = len(engine.history(TEAM))
    page, _ = _page(browser)
    _sign_in(page, site, LEADER, password)
    page.goto(f"{site}/team/{quote(TEAM)}")
    page.evaluate("document.querySelector('#checklist input[name=csrf]').remove()")
    box = page.locator("#checklist li input:not([disabled])").first
    ticked = not box.is_checked()
    box.click()
    page.click("#save-ticks")
    # Nothing done; the page again, the box as the person left it, to send again.
    said = page.locator(".flash.error").first.inner_text()
    assert "Nothing was saved: this form came from a page older" in said
    assert page.locator("#checklist li input:not([disabled])").first.is_checked() == ticked
    assert len(engine.history(TEAM)) == before
    engine.close()
    page.close()


def test_a_leader_removes_a_meeting_and_restores_it(
    browser: Any, demo: tuple[str, str, str]
) -> None:
    url, password, site = demo
    engine = Engine(url, actor=LEADER)
    try:
        today = engine.clock().date()
        meeting = engine.add_meeting(TEAM, today, 50, [LEADER], agenda="Per vergissing").id
    finally:
        engine.close()
    page, problems = _page(browser)
    _sign_in(page, site, LEADER, password)
    page.goto(f"{site}/team/{quote(TEAM)}")
    assert "Per vergissing" in page.locator("#meeting-list").inner_text()
    page.click(f"#meeting-{meeting} summary")
    page.fill(f"#remove-meeting-{meeting} input[name=reason]", "Dubbel ingevoerd")
    page.click(f"#remove-meeting-{meeting} button")
    assert "is removed" in _flash(page)
    assert "Per vergissing" not in page.locator("#meetings").inner_text().split("Removed")[0]
    page.click("#removed-meetings summary")
    page.click(f"#restore-meeting-{meeting} button")
    assert "is restored" in _flash(page)
    assert "Per vergissing" in page.locator("#meeting-list").inner_text()
    history = page.locator("#history-list").inner_text()
    assert "meeting removed" in history
    assert "Dubbel ingevoerd" in history
    page.close()
    assert problems == []


def test_a_project_leader_imports_staff_from_a_csv(
    browser: Any, demo: tuple[str, str, str], tmp_path: Path
) -> None:
    url, password, site = demo
    engine = Engine(url)
    school = engine.person(MEMBER).school
    staff = tmp_path / "personeel.csv"
    staff.write_bytes(
        "Naam;E-mail;School;Functie\r\n"
        f"{MEMBER};noor.peters@example.org;{school};leerkracht, IB\r\n"
        f"Anouk Çelik;anouk.celik@example.org;{school};onderwijsassistent\r\n"
        "Tim;tim@;Nergens;\r\n".encode("cp1252")
    )
    page, problems = _page(browser)
    _sign_in(page, site, CHIEF, password)
    page.goto(f"{site}/admin/people/import")
    page.set_input_files("#import-upload input[name=file]", str(staff))
    page.click("#import-preview")
    totals = page.locator("#import-totals").inner_text()
    assert "1 new, 1 to update, 0 unchanged, 1 with a problem (skipped)." in totals
    assert "update: functions" in page.locator("tr[data-line='2']").inner_text()
    assert "There is no school 'Nergens'" in page.locator("tr[data-line='4']").inner_text()
    assert engine.person(MEMBER).functions == ()  # nothing saved before the confirmation
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "web-staff-import.png"), full_page=True)
    page.click("#import-go")
    assert "People added: 1; updated: 1." in page.locator("#import-totals").inner_text()
    assert engine.person(MEMBER).functions == ("teacher", "ib")
    assert engine.person("Anouk Çelik").functions == ("assistant",)
    assert problems == []
    engine.close()
    page.close()


def test_a_school_year_is_set_up_on_the_page(
    browser: Any, demo: tuple[str, str, str], tmp_path: Path
) -> None:
    """The project leader adds a school, imports its staff from a file, gives one of them a
    function more, invites her, starts a team she leads and directs the school; the new team
    leader opens the link, chooses a password, is signed in, ticks an item and records a
    meeting."""
    url, password, site = demo
    school, person, team = "OBS De Zonnewijzer", "Fenna Visser", "Spelling groep 4"
    staff = tmp_path / "regenboog.csv"
    staff.write_bytes(
        "Naam;E-mail;School;Functie\r\n"
        f"{person};f.visser@zonnewijzer.example;{school};leerkracht\r\n"
        f"Daan Kok;d.kok@zonnewijzer.example;{school};leerkracht\r\n".encode("cp1252")
    )
    page, problems = _page(browser)
    _sign_in(page, site, CHIEF, password)
    page.click("#nav-admin")
    page.wait_for_url(f"{site}/admin")
    page.click("#to-schools")
    page.fill("#school-form input[name=name]", school)
    page.fill("#school-form input[name=code]", "12AB")
    page.click("#school-form button")
    assert school in page.locator("#schools").inner_text()
    page.click("#admin-home")
    page.click("#to-people")
    page.click("#to-import")
    page.set_input_files("#import-upload input[name=file]", str(staff))
    page.click("#import-preview")
    assert "2 new" in page.locator("#import-totals").inner_text()
    page.click("#import-go")
    assert "People added: 2; updated: 0." in page.locator("#import-totals").inner_text()
    page.goto(f"{site}/admin/people?school={quote(school)}")
    assert "Daan Kok" in page.locator("#people").inner_text()
    page.click(f"#people a:text-is('{person}')")
    page.wait_for_url(f"{site}/admin/person/{quote(person)}")
    page.check("#person-edit-form input[name=function][value=ib]")
    page.click("#person-edit-form button")
    assert f"'{person}' saved" in _flash(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "web-admin-person.png"), full_page=True)
    page.click("#to-people")
    row = page.locator("#people tr", has_text=person).inner_text()
    assert "teacher, internal coach" in row
    page.screenshot(path=str(SHOTS / "web-admin-people.png"), full_page=True)
    page.click("#admin-home")
    page.click("#to-accounts")
    page.select_option("#invite-form select[name=person]", person)
    page.select_option("#invite-form select[name=lang]", "en")
    page.click("#invite-form button")
    link = page.locator("#invitation-link").inner_text().strip()
    assert link.startswith(f"{site}/invitation/")
    page.screenshot(path=str(SHOTS / "web-admin-accounts.png"), full_page=True)
    page.click("#admin-home")
    page.click("#to-teams")
    page.fill("#start-form input[name=name]", team)
    page.select_option("#start-form select[name=method]", "vier_vragen")
    page.check(f"#start-form input[name=school][value='{school}']")
    page.select_option("#start-form select[name=leader]", person)
    page.click("#start-form button")
    page.wait_for_url(f"{site}/admin/team/{quote(team)}")
    assert person in page.locator("#members").inner_text()
    page.screenshot(path=str(SHOTS / "web-admin-team.png"), full_page=True)
    # The project leader directs the new school too: the directors are on the roles page.
    page.click("#admin-home")
    page.click("#to-roles")
    page.wait_for_url(f"{site}/admin/roles")
    page.select_option("#director-form select[name=person]", CHIEF)
    page.select_option("#director-form select[name=school]", school)
    page.click("#director-form button")
    assert school in page.locator("#directors").inner_text()
    page.close()

    # The new team leader, in a browser of their own, opens the link they were handed.
    page, more = _page(browser)
    problems += more
    page.goto(link)
    assert person in page.locator("main").inner_text()
    page.fill("#invitation-form input[name=new]", "mijn eigen wachtwoord")
    page.fill("#invitation-form input[name=again]", "mijn eigen wachtwoord")
    page.click("#invitation-form button")
    page.wait_for_url(f"{site}/teams")
    assert f"Welcome, {person}" in _flash(page)
    page.click(f"text={team}")
    page.wait_for_url(f"{site}/team/{quote(team)}")
    page.check("li[data-item=eens] input")
    page.click("#save-ticks")
    assert "Checklist saved (1 changed)" in _flash(page)
    page.click("#meetings summary")
    page.fill("#meeting-form input[name=length]", "45")
    page.fill("#meeting-form textarea[name=agenda]", "Startbijeenkomst")
    page.click("#meeting-form button")
    assert "Meeting of" in _flash(page)
    assert "45 min" in page.locator("#meeting-list").inner_text()
    page.screenshot(path=str(SHOTS / "web-invited-leader.png"), full_page=True)
    page.close()
    engine = Engine(url)
    try:
        assert [i.id for i in engine.checklist(team).items if i.done] == ["eens"]
        assert engine.team(team).row.schools == (school,)
        assert engine.person(person).functions == ("teacher", "ib")
        assert [m.attendees for m in engine.meetings(team)] == [(person,)]
    finally:
        engine.close()
    assert problems == []

"""Sessions of the web page end on the server: signing out, a new password, a removed account,
too long idle, too long in all. A copy of the cookie is then worth nothing."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from urllib.parse import quote

import httpx

from plg import Engine
from plg.errors import Refused
from tests.conftest import sql
from tests.webfoundation import LEADER, MEMBER, PASSWORD, SPARE, Signer, new_team
from tests.webserver import Visitor, form_of, served, text_of


def _signed_in(site: str, name: str, *, stay: bool = False) -> tuple[Visitor, httpx.Response]:
    """A visitor signed in, and the answer to their sign-in (with its cookies) unfollowed."""
    person = Visitor(site)
    person.get("/sign-in")
    form = {"csrf": person.token, "name": name, "password": PASSWORD, "next": "/teams"}
    if stay:
        form["stay"] = "yes"
    answer = person.http.post("/sign-in", data=form, follow_redirects=False)
    assert answer.status_code == 303, text_of(answer.text)
    person.get(answer.headers["location"])  # the page after, and its forms' new token
    return person, answer


def _cookie(answer: httpx.Response, name: str) -> str:
    found = [value for value in answer.headers.get_list("set-cookie") if value.startswith(name)]
    assert len(found) == 1, answer.headers.get_list("set-cookie")
    return found[0].lower()


def _copy(site: str, person: Visitor) -> Visitor:
    """Another browser with a copy of the person's cookies."""
    other = Visitor(site)
    for name, value in person.http.cookies.items():
        other.http.cookies.set(name, value)
    return other


def test_the_session_cookie_is_httponly_samesite_and_ends_with_the_browser(site: str) -> None:
    person, answer = _signed_in(site, LEADER)
    cookie = _cookie(answer, "plg_sid=")
    assert "httponly" in cookie
    assert "samesite=lax" in cookie
    assert "max-age" not in cookie
    assert "expires" not in cookie
    # Nor does the other cookie (the forms' token, messages) outlive the browser.
    assert "max-age" not in _cookie(answer, "plg_session=")
    # Answers after signing in do not hand out the session again.
    page = person.http.get("/teams")
    assert not any(c.startswith("plg_sid=") for c in page.headers.get_list("set-cookie"))
    person.close()


def test_staying_signed_in_keeps_the_cookie_until_the_sessions_end(
    site: str, chief: Engine
) -> None:
    person, answer = _signed_in(site, LEADER, stay=True)
    days = int(chief.settings()["session-days"])
    assert f"max-age={days * 86400}" in _cookie(answer, "plg_sid=")
    person.close()


def test_a_copy_of_the_cookie_is_worth_nothing_after_signing_out(site: str) -> None:
    person, _ = _signed_in(site, MEMBER)
    copy = _copy(site, person)
    assert copy.get("/teams").url.path == "/teams"
    answer = person.post("/sign-out")
    assert answer.url.path == "/sign-in"
    assert "You are signed out" in text_of(answer.text)
    assert person.get("/teams").url.path == "/sign-in"
    page = copy.get("/teams")
    assert page.url.path == "/sign-in"
    assert "This session has ended" in text_of(page.text)
    person.close()
    copy.close()


def test_a_forged_session_is_no_session(site: str) -> None:
    person, _ = _signed_in(site, MEMBER)
    value = person.http.cookies["plg_sid"]
    person.http.cookies.set("plg_sid", value[:-1] + ("A" if value[-1] != "A" else "B"))
    assert person.get("/teams").url.path == "/sign-in"
    person.close()


def _age(url: str, person: str, column: str, hours: float) -> None:
    """Make the person's sessions look `hours` older in `column` than they are."""
    moment = datetime.now(UTC).replace(tzinfo=None) - timedelta(hours=hours)
    sql(
        url,
        f"UPDATE web_sessions SET {column} = '{moment.isoformat(' ')}' WHERE person = '{person}'",
    )


def test_a_session_idle_too_long_must_sign_in_again(
    site: str, url: str, chief: Engine, sign: Signer
) -> None:
    hours = int(chief.settings()["session-hours"])
    person = sign(SPARE)
    _age(url, SPARE, "seen_at", hours - 0.5)
    assert person.get("/teams").url.path == "/teams"  # used half an hour before the limit
    _age(url, SPARE, "seen_at", hours + 0.1)
    page = person.get("/teams")
    assert page.url.path == "/sign-in"
    assert "Your session expired" in text_of(page.text)
    assert sql(url, f"SELECT count(*) FROM web_sessions WHERE person = '{SPARE}'") == 0


def test_a_session_kept_on_request_outlives_idleness_but_not_its_days(
    site: str, url: str, chief: Engine
) -> None:
    hours, days = (int(chief.settings()[key]) for key in ("session-hours", "session-days"))
    person, _ = _signed_in(site, SPARE, stay=True)
    _age(url, SPARE, "seen_at", hours * 3)
    assert person.get("/teams").url.path == "/teams"
    # In use all along, still it ends when its days are over.
    _age(url, SPARE, "started_at", days * 24 + 0.1)
    page = person.get("/teams")
    assert page.url.path == "/sign-in"
    assert "Your session has reached the most days a session lasts" in text_of(page.text)
    person.close()


def test_a_new_password_or_a_removed_account_ends_the_sessions(sign: Signer, chief: Engine) -> None:
    person = sign(SPARE)
    chief.set_password(SPARE, PASSWORD + " nieuw")
    page = person.get("/teams")
    assert page.url.path == "/sign-in"
    assert "This session has ended" in text_of(page.text)
    chief.set_password(SPARE, PASSWORD)
    again = sign(SPARE)
    chief.remove_user(SPARE)
    try:
        assert again.get("/teams").url.path == "/sign-in"
    finally:
        chief.add_user(SPARE, PASSWORD, "en")


def test_over_https_browsers_are_told_to_stay_on_https(chief: Engine, url: str) -> None:
    from plg.web.app import create_app

    engine = Engine(url, actor="plg serve")
    try:
        with served(create_app(engine, https=True)) as base:
            answer = httpx.get(f"{base}/sign-in")
            assert answer.headers["strict-transport-security"] == "max-age=31536000"
            sign_in = Visitor(base)
            sign_in.get("/sign-in")
            assert "secure" in answer.headers["set-cookie"].lower()
            sign_in.close()
        with served(create_app(engine)) as base:
            assert "strict-transport-security" not in httpx.get(f"{base}/sign-in").headers
    finally:
        engine.close()


def test_a_page_asked_for_after_the_session_ended_comes_back_with_its_query(
    site: str, url: str, sign: Signer
) -> None:
    person = sign(MEMBER)
    sql(url, f"DELETE FROM web_sessions WHERE person = '{MEMBER}'")
    page = person.get("/dashboard?stalled=12")
    assert page.url.path == "/sign-in"
    answer = person.post(
        "/sign-in",
        {"name": MEMBER, "password": PASSWORD, "next": page.url.params["next"]},
    )
    assert answer.url.path == "/dashboard"
    assert answer.url.params["stalled"] == "12"


def test_a_form_sent_after_the_session_ended_is_given_back_after_signing_in(
    site: str, url: str, chief: Engine, sign: Signer
) -> None:
    team = new_team(chief)
    person = sign(MEMBER)
    page = person.get(f"/team/{quote(team)}")
    text = "Wat we zagen: <b>veel</b> \"vragen\" & 'twijfel'\nen een tweede regel"
    form = form_of(page.text, "upload").set("title", "Wat we zagen").set("text", text)
    sql(url, f"DELETE FROM web_sessions WHERE person = '{MEMBER}'")  # it ended meanwhile
    sent = person.send(form)
    assert sent.status_code == 401
    assert sent.url.path == f"/record/{team}"
    assert "Nothing was saved. Sign in again" in text_of(sent.text)
    assert chief.records(team, "artefact") == []
    sign_in = form_of(sent.text, "sign-in-form").set("name", MEMBER).set("password", PASSWORD)
    back = person.send(sign_in)
    # Back on the team's page, not on the form's address, with the text in its form.
    assert back.status_code == 200
    assert back.url.path == f"/team/{team}"
    assert "You had to sign in again before this was saved" in text_of(back.text)
    again = form_of(back.text, "upload")
    assert (again.value("title"), again.value("text")) == ("Wat we zagen", text)
    # Given back once: the next visit shows the form empty; sent again, it is saved.
    assert form_of(person.get(f"/team/{quote(team)}").text, "upload").value("text") == ""
    assert person.send(again).status_code == 200
    assert [r.title for r in chief.records(team, "artefact")] == ["Wat we zagen"]


def test_a_stale_charter_sent_after_the_session_ended_still_undoes_nothing(
    site: str, url: str, chief: Engine, sign: Signer
) -> None:
    """What the page showed travels with the draft: after signing in, a field someone else
    changed meanwhile is not taken for the person's own change."""
    team = new_team(chief)
    questions = [key for key, _, _ in chief.charter(team).answers]
    question, other, emptied = (f"q_{key}" for key in questions[:3])
    chief.set_charter(team, {questions[2]: "Een oud antwoord"}, None)
    person = sign(MEMBER)
    form = form_of(person.get(f"/team/{quote(team)}").text, "charter-form")
    form.set(question, "Ons eigen antwoord").set(emptied, "")
    sql(url, f"DELETE FROM web_sessions WHERE person = '{MEMBER}'")
    chief.set_charter(team, {other.removeprefix("q_"): "Wat de leider schreef"}, None)
    sent = person.send(form)
    back = person.send(
        form_of(sent.text, "sign-in-form").set("name", MEMBER).set("password", PASSWORD)
    )
    again = form_of(back.text, "charter-form")
    assert again.value(question) == "Ons eigen antwoord"
    assert again.value(other) == "Wat de leider schreef"
    assert person.send(again).status_code == 200
    answers = {key: answer for key, _, answer in chief.charter(team).answers}
    assert answers[question.removeprefix("q_")] == "Ons eigen antwoord"
    assert answers[other.removeprefix("q_")] == "Wat de leider schreef"
    assert not answers[emptied.removeprefix("q_")]  # emptied on purpose: a change too


def _ended_mid_form(url: str, chief: Engine, sign: Signer) -> tuple[str, Visitor, httpx.Response]:
    """A member's text sent after their session ended: the sign-in page that carries it."""
    team = new_team(chief)
    person = sign(MEMBER)
    form = form_of(person.get(f"/team/{quote(team)}").text, "upload")
    sql(url, f"DELETE FROM web_sessions WHERE person = '{MEMBER}'")
    sent = person.send(form.set("title", "Lesplan").set("text", "Wat ik typte"))
    assert sent.status_code == 401
    return team, person, sent


def test_a_wrong_password_on_the_way_back_keeps_carrying_the_text(
    site: str, url: str, chief: Engine, sign: Signer
) -> None:
    team, person, sent = _ended_mid_form(url, chief, sign)
    sign_in = form_of(sent.text, "sign-in-form")
    assert sign_in.value("name") == MEMBER  # whose text it is
    wrong = person.send(sign_in.set("password", "niet het wachtwoord").set("stay", "yes"))
    assert wrong.status_code == 401
    again = form_of(wrong.text, "sign-in-form")
    assert again.value("keep:text") == "Wat ik typte"
    assert again.value("stay") == "yes"  # the box as the person left it
    time.sleep(1.1)  # the wait after a wrong password
    back = person.send(again.set("password", PASSWORD))
    assert back.url.path == f"/team/{team}"
    assert form_of(back.text, "upload").value("text") == "Wat ik typte"


def test_what_one_person_typed_is_never_given_to_another_who_signs_in(
    site: str, url: str, chief: Engine, sign: Signer
) -> None:
    """A computer in the staff room: the next person to sign in does not get the text."""
    team, person, sent = _ended_mid_form(url, chief, sign)
    sign_in = form_of(sent.text, "sign-in-form").set("name", LEADER).set("password", PASSWORD)
    back = person.send(sign_in)
    assert back.url.path == f"/team/{team}"
    assert "You had to sign in again" not in text_of(back.text)
    assert form_of(back.text, "upload").value("text") == ""


def test_a_form_from_before_signing_in_again_elsewhere_keeps_its_text(
    site: str, chief: Engine, sign: Signer
) -> None:
    """Tab one holds a form; tab two signs out and in again: tab one's token is gone."""
    team = new_team(chief)
    person = sign(MEMBER)
    form = form_of(person.get(f"/team/{quote(team)}").text, "upload")
    person.post("/sign-out")
    person.sign_in(MEMBER, PASSWORD)
    refused = person.send(form.set("title", "Lesplan").set("text", "Uit het eerste tabblad"))
    assert refused.status_code == 403
    assert "Nothing was saved: this form came from a page older" in text_of(refused.text)
    again = form_of(refused.text, "upload")
    assert again.value("text") == "Uit het eerste tabblad"
    assert chief.records(team, "artefact") == []
    assert person.send(again).status_code == 200
    assert [r.title for r in chief.records(team, "artefact")] == ["Lesplan"]


def test_a_forms_address_asked_for_as_a_page_answers_with_a_page(site: str, sign: Signer) -> None:
    person = sign(MEMBER)
    answer = person.get("/charter/Een%20team")
    assert answer.status_code == 405
    assert "There is no such page" in text_of(answer.text)
    assert answer.headers["content-type"].startswith("text/html")


def test_a_carried_form_costs_no_more_than_a_real_one(site: str, url: str) -> None:
    """Fields past what any form holds are not carried into the page nor kept in a session,
    and a draft whose page is never visited does not stay."""
    person = Visitor(site)
    person.get("/sign-in")
    huge = {f"veld{n}": '"' * 19_000 for n in range(8)}
    sent = person.post("/charter/Een%20team", huge)
    assert sent.status_code == 401
    assert len(sent.content) < 100_000
    assert "keep:" not in sent.text
    # A draft that fits, for a page the person then does not go to.
    form = form_of(sent.text, "sign-in-form")
    form.set("keep_path", "/nergens").set("keep:text", "iets").set("keep:by", MEMBER)
    form.set("name", MEMBER).set("password", PASSWORD)
    assert person.send(form).url.path == "/teams"
    assert (
        sql(
            url,
            f"SELECT count(*) FROM web_sessions WHERE person = '{MEMBER}' AND draft IS NOT NULL",
        )
        == 0
    )
    person.close()


def test_two_password_changes_at_once_leave_one_password(
    site: str, chief: Engine, sign: Signer
) -> None:
    """The same person on two devices changes the password at the same moment: one change is
    made, the other is told the current password no longer matches; no fault, and the one
    password that works is one of theirs."""
    devices = [sign(SPARE), sign(SPARE)]
    for device in devices:
        device.get("/account")
    news = [PASSWORD + " op apparaat een", PASSWORD + " op apparaat twee"]
    start = threading.Barrier(2)

    def change(job: tuple[Visitor, str]) -> int:
        device, new = job
        start.wait()
        form = {"back": "/account", "current": PASSWORD, "new": new, "again": new}
        return device.post("/account", form).status_code

    try:
        with ThreadPoolExecutor(2) as pool:
            statuses = list(pool.map(change, zip(devices, news, strict=True)))
        assert all(status < 500 for status in statuses), statuses
        working = []
        for number, new in enumerate(news):
            try:  # each from an address of its own: a wrong one would make the next wait
                chief.sign_in(SPARE, new, f"192.0.2.{number + 60}")
                working.append(new)
            except Refused:
                pass
        assert len(working) == 1, working
    finally:
        chief.set_password(SPARE, PASSWORD)

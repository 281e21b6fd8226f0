"""The web page (`plg serve`) over real HTTP: signing in, sessions, CSRF, roles, who sees
what, uploads and downloads, and everything a user types shown as text.

One small foundation per database kind: two schools, a project leader, and a leader and a
member in each school's team. Role checks are left off in its settings: the web page checks
roles whatever they say. Tests that change a team start a team of their own.
"""

from __future__ import annotations

import re
import socket
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import uvicorn
from hypothesis import given, settings
from hypothesis import strategies as st

from plg import Engine
from plg.cli.remedies import REMEDIES as CLI_REMEDIES
from plg.cli.web import workers_socket
from plg.engine.accounts import MAX_WAIT, wait_after
from plg.errors import Refused
from plg.texts import t
from plg.web.app import create_app
from plg.web.remedies import REMEDIES as WEB_REMEDIES
from tests.conftest import POSTGRES, Plg, _postgres_database
from tests.webfoundation import (
    CHIEF,
    LEADER,
    MEMBER,
    NORTH,
    OTHER,
    PASSWORD,
    SOUTH,
    SPARE,
    Signer,
    finish_phase,
    new_team,
    text_content,
)
from tests.webserver import (
    Visitor,
    as_parsed,
    flashes,
    form_of,
    forms,
    free_port,
    plg_serve,
    served,
    serving,
    text_of,
)


def _history(chief: Engine, team: str) -> list[tuple[int, str]]:
    return [(event.seq, event.kind) for event in chief.history(team)]


# -- signing in -----------------------------------------------------------------------------


def test_pages_ask_to_sign_in_first_and_return_after(site: str, visitor: Visitor) -> None:
    page = visitor.get("/dashboard")
    assert page.url.path == "/sign-in"
    assert page.url.params["next"] == "/dashboard"
    answer = visitor.post("/sign-in", {"name": LEADER, "password": PASSWORD, "next": "/dashboard"})
    assert answer.url.path == "/dashboard"
    assert LEADER in text_of(answer.text)


def test_after_a_wrong_password_even_the_right_one_waits(site: str, visitor: Visitor) -> None:
    wrong = visitor.post("/sign-in", {"name": SPARE, "password": "not the password"})
    assert wrong.status_code == 401
    assert "do not match" in text_of(wrong.text)
    early = visitor.post("/sign-in", {"name": SPARE, "password": PASSWORD})
    assert early.status_code == 401
    assert "was tried just now, or failed. Wait" in text_of(early.text)
    assert early.url.path == "/sign-in"
    time.sleep(1.2)  # the first wait is one second
    good = visitor.post("/sign-in", {"name": SPARE, "password": PASSWORD})
    assert good.url.path == "/teams"


def test_each_failure_in_a_row_doubles_the_wait(url: str, chief: Engine) -> None:
    """On the engine's clock, not the wall's: every worker reads the same failures."""
    now = [datetime(2026, 11, 2, 8, 0, tzinfo=UTC)]
    engine = Engine(url, clock=lambda: now[0])
    for wait in (1, 2, 4, 8, 16):
        with pytest.raises(Refused, match="do not match"):
            engine.sign_in(SPARE, "wrong, again")
        now[0] += timedelta(seconds=wait - 1)
        with pytest.raises(Refused, match="Wait 1 s,"):
            engine.sign_in(SPARE, PASSWORD)  # not even tried: the wait is not over
        now[0] += timedelta(seconds=1)
    assert engine.sign_in(SPARE, PASSWORD).person == SPARE
    # A good sign-in starts the count again.
    with pytest.raises(Refused, match="do not match"):
        engine.sign_in(SPARE, "wrong")
    with pytest.raises(Refused, match="Wait 1 s,"):
        engine.sign_in(SPARE, PASSWORD)
    now[0] += timedelta(seconds=1)
    engine.sign_in(SPARE, PASSWORD)
    engine.close()
    assert [wait_after(n) for n in (0, 1, 2, 10, 11, 40)] == [0, 1, 2, 512, MAX_WAIT, MAX_WAIT]


@pytest.mark.parametrize(
    "name", ["Nobody Known", "", "x" * 201, "Mo\x00Lid", "Mo\nLid", "\u202eMo Lid", "' OR 1=1 --"]
)
def test_an_unknown_name_reads_as_a_wrong_password(site: str, visitor: Visitor, name: str) -> None:
    answer = visitor.post("/sign-in", {"name": name, "password": PASSWORD})
    assert answer.status_code == 401
    assert "That name and password do not match" in text_of(answer.text)


def test_people_change_their_own_password_on_the_page(
    site: str, sign: Signer, chief: Engine
) -> None:
    person = sign(SPARE)
    elsewhere = sign(SPARE)
    new = PASSWORD + " en nog wat"
    wrong = person.post(
        "/account", {"back": "/account", "current": "not it at all", "new": new, "again": new}
    )
    assert "do not match" in text_of(wrong.text)
    differ = person.post(
        "/account", {"back": "/account", "current": PASSWORD, "new": new, "again": new + "!"}
    )
    assert "The two passwords differ" in text_of(differ.text)
    short = person.post(
        "/account", {"back": "/account", "current": PASSWORD, "new": "kort", "again": "kort"}
    )
    assert "10 to 1000 characters" in text_of(short.text)
    time.sleep(1.2)  # the wait after the wrong current password
    done = person.post(
        "/account", {"back": "/account", "current": PASSWORD, "new": new, "again": new}
    )
    assert "Your new password is saved" in text_of(done.text)
    assert person.get("/teams").url.path == "/teams"  # this session goes on
    assert elsewhere.get("/teams").url.path == "/sign-in"  # the other one ended
    assert chief.sign_in(SPARE, new).person == SPARE
    chief.set_password(SPARE, PASSWORD)


# -- forms ----------------------------------------------------------------------------------


def test_a_form_without_its_token_changes_nothing(sign: Signer, chief: Engine) -> None:
    team = new_team(chief)
    before = _history(chief, team)
    leader = sign(LEADER)
    path = f"/checklist/{quote(team)}"
    phase = chief.team(team).row.phase
    item = chief.checklist(team).items[0].id
    for token in ({}, {"csrf": "made-up"}, {"csrf": ""}):
        answer = leader.post(path, {"phase": phase, "item": item, **token}, token=False)
        assert answer.status_code == 403
        assert "Nothing was saved: this form came from a page older" in text_of(answer.text)
    # A token from another person's session is not this session's token either.
    other = sign(MEMBER)
    answer = leader.post(path, {"phase": phase, "item": item, "csrf": other.token}, token=False)
    assert answer.status_code == 403
    assert _history(chief, team) == before


def test_ticks_are_saved_as_the_boxes_were_left(sign: Signer, chief: Engine) -> None:
    team = new_team(chief)
    member = sign(MEMBER)
    view = chief.checklist(team)
    manual = [item.id for item in view.items if item.satisfied_by is None]
    assert len(manual) >= 2
    form = form_of(member.get(f"/team/{quote(team)}").text, "checklist")
    page = member.send(form.set("item", *manual[:2]))
    assert page.url.path == f"/team/{team}"
    assert "Checklist saved (2 changed)" in text_of(page.text)
    done = {item.id for item in chief.checklist(team).items if item.done}
    assert set(manual[:2]) <= done
    # Unticking one box unticks that item alone.
    form = form_of(page.text, "checklist")
    assert form.values("item") == manual[:2]
    member.send(form.set("item", manual[0]))
    done = {item.id for item in chief.checklist(team).items if item.done}
    assert manual[0] in done
    assert manual[1] not in done


def test_ticks_from_a_page_of_an_earlier_phase_are_refused(sign: Signer, chief: Engine) -> None:
    team = new_team(chief)
    old = chief.team(team).row.phase
    chief.advance(team, force=True, reason="test")
    before = _history(chief, team)
    member = sign(MEMBER)
    page = member.post(f"/checklist/{quote(team)}", {"phase": old, "item": "x"})
    assert page.status_code == 409
    now = chief.team(team).row.phase_title
    assert f"moved on to '{now}' while your page was open" in text_of(page.text)
    assert _history(chief, team) == before


def test_a_move_is_confirmed_first(sign: Signer, chief: Engine) -> None:
    team = new_team(chief)
    chief.advance(team, force=True, reason="past the first phase")  # no charter needed
    leader = sign(LEADER)
    phase = chief.team(team).row.phase
    confirm = leader.get(f"/advance/{quote(team)}?trigger=next")
    assert confirm.status_code == 200
    assert chief.team(team).row.phase == phase  # only asked, not moved
    finish_phase(chief, team)
    confirm = leader.get(f"/advance/{quote(team)}?trigger=next")
    assert 'id="confirm"' in confirm.text
    moved = leader.post(f"/advance/{quote(team)}", {"trigger": "next"})
    assert "The team is now in" in text_of(moved.text)
    assert chief.team(team).row.phase != phase


def test_a_blocked_move_lists_what_is_open_and_force_needs_a_reason(
    sign: Signer, chief: Engine
) -> None:
    team = new_team(chief)
    leader = sign(LEADER)
    confirm = leader.get(f"/advance/{quote(team)}?trigger=next")
    assert 'id="blocking"' in confirm.text
    assert 'id="confirm"' not in confirm.text
    before = _history(chief, team)
    refused = leader.post(f"/advance/{quote(team)}", {"trigger": "next"})
    assert "cannot move on" in text_of(refused.text)
    no_reason = leader.post(f"/advance/{quote(team)}", {"trigger": "next", "force": "yes"})
    assert "needs a reason" in text_of(no_reason.text)
    assert _history(chief, team) == before
    forced = leader.post(
        f"/advance/{quote(team)}", {"trigger": "next", "force": "yes", "reason": "agreed"}
    )
    assert "The team is now in" in text_of(forced.text)


# -- roles and who sees what ----------------------------------------------------------------


def test_a_member_may_not_move_the_team_though_role_checks_are_off(
    sign: Signer, chief: Engine
) -> None:
    assert chief.settings()["role-checks"] == "off"
    team = new_team(chief)
    member = sign(MEMBER)
    page = member.get(f"/team/{quote(team)}")
    assert "The team leader moves the team" in text_of(page.text)
    assert "/advance/" not in page.text
    before = _history(chief, team)
    refused = member.post(
        f"/advance/{quote(team)}", {"trigger": "next", "force": "yes", "reason": "why not"}
    )
    assert f"'{MEMBER}' may not force a move" in text_of(refused.text)
    assert "Ask a project leader" in text_of(refused.text)
    assert _history(chief, team) == before


def test_the_page_says_what_to_click_never_what_to_type(sign: Signer, chief: Engine) -> None:
    """An error on the page says what is wrong and, where the page has a word for it, what to
    do there: never what the command line would have a person type."""
    team = new_team(chief)
    leader, member = sign(LEADER), sign(MEMBER)
    move, record = f"/advance/{quote(team)}", f"/record/{quote(team)}"
    answers = {
        "guards_failed": (leader.post(move, {"trigger": "next"}), "cannot move on with"),
        "force_needs_reason": (
            leader.post(move, {"trigger": "next", "force": "yes"}),
            "A forced move needs a reason",
        ),
        "role_refused": (
            member.post(move, {"trigger": "next", "force": "yes", "reason": "why"}),
            f"'{MEMBER}' may not",
        ),
        "record_content": (
            member.post(record, {"category": "evidence", "kind": "toetsresultaten", "title": "x"}),
            "exactly one of a file, a text or a value",
        ),
        "team_unknown": (
            member.get(f"/team/{quote('Nergens bekend')}"),
            "There is no team 'Nergens bekend'.",
        ),
    }
    for key, (answer, wrong) in answers.items():
        said = text_of(answer.text)
        assert wrong in said, key
        assert t(WEB_REMEDIES[key], "en") in said, key
        assert t(CLI_REMEDIES[key], "en") not in said, key
        assert not re.search(r"'plg |(?<![\w-])--[a-z]|PLG_", said), key


def test_a_page_offers_what_each_role_allows(chief: Engine, url: str) -> None:
    team = new_team(chief)
    every = {
        "tick",
        "record",
        "charter",
        "hypothesis",
        "advance",
        "force",
        "migrate",
        "deadline",
        "members",
        "meeting",
    }
    expected = {
        CHIEF: every | {"rename", "archive", "approve"},
        LEADER: every,
        MEMBER: {"tick", "record", "charter", "hypothesis"},
        OTHER: set(),
    }
    for person, actions in expected.items():
        engine = Engine(url).acting(person, "en")
        assert engine.allowed(team) == actions, person
        engine.close()


def test_a_team_that_keeps_hypotheses_is_offered_its_first_one(sign: Signer, chief: Engine) -> None:
    """The register and its form show before anything is in it; a method without a register
    shows neither."""
    team = new_team(chief, "datateam")
    member = sign(MEMBER)
    form = forms(member.get(f"/team/{quote(team)}").text).get("hypothesis-form")
    assert form is not None
    said = "De uitleg is te kort."
    answer = member.post(form.action, {**form.sent(), "text": [said]}, token=False)
    assert ("ok", "Hypothesis 1 saved.") in flashes(answer.text)
    assert [h.text for h in chief.hypotheses(team)] == [said]
    assert 'id="hypotheses"' not in member.get(f"/team/{quote(new_team(chief))}").text


def test_someone_of_another_school_sees_no_trace_of_a_team(sign: Signer, chief: Engine) -> None:
    team = new_team(chief)
    chief.add_record(team, "artefact", "leerdoelen", "Geheim plan", text_content("inhoud"))
    [record] = chief.records(team, "artefact")
    other = sign(OTHER)
    unknown = other.get(f"/team/{quote('Nergens bekend')}")
    for path in (
        f"/team/{quote(team)}",
        f"/export/{quote(team)}",
        f"/advance/{quote(team)}?trigger=next",
        f"/file/artefact/{record.id}/{quote(team)}",
    ):
        page = other.get(path)
        assert page.status_code == 404, path
        assert "Geheim plan" not in page.text
        # The same answer as for a team that does not exist: no name shows through.
        assert text_of(page.text) == text_of(unknown.text).replace("Nergens bekend", team)
    before = _history(chief, team)
    answer = other.post(f"/checklist/{quote(team)}", {"phase": "x", "item": "y"})
    assert "Your teams are under 'My teams'" in text_of(answer.text)
    assert _history(chief, team) == before
    assert team not in other.get("/teams").text
    assert team not in other.get("/dashboard").text
    # The project leader sees it everywhere.
    boss = sign(CHIEF)
    assert team in boss.get("/dashboard").text
    assert boss.get(f"/team/{quote(team)}").status_code == 200


def test_my_teams_and_my_schools_teams(sign: Signer, chief: Engine) -> None:
    mine = new_team(chief)
    theirs = new_team(chief, school=SOUTH)
    member = sign(MEMBER)
    page = member.get("/teams")
    own = page.text.partition('id="others"')[0]
    assert mine in own
    assert theirs not in page.text
    spare = sign(SPARE)  # of the school, in no team
    page = spare.get("/teams")
    assert "not a member of a team yet" in text_of(page.text)
    assert mine in page.text


# -- records --------------------------------------------------------------------------------


def test_an_upload_keeps_its_bytes_under_a_harmless_name(sign: Signer, chief: Engine) -> None:
    team = new_team(chief)
    member = sign(MEMBER)
    data = b"<html><script>alert(1)</script></html>\x00\xff"
    answer = member.post(
        f"/record/{quote(team)}",
        {"category": "artefact", "kind": "leerdoelen", "title": "Lesplan"},
        files={"file": ("C:\\Users\\juf\\..\\les<b>.html", data, "text/html")},
    )
    assert "'Lesplan' saved" in text_of(answer.text)
    [record] = chief.records(team, "artefact")
    assert record.filename == "les<b>.html"
    assert "les&lt;b&gt;.html" in answer.text
    # A name of 300 four-byte characters is longer than any file system allows: shortened.
    long = member.post(
        f"/record/{quote(team)}",
        {"category": "artefact", "kind": "leerdoelen", "title": "Lang"},
        files={"file": ("😀" * 300 + ".txt", b"x", "text/plain")},
    )
    assert "'Lang' saved" in text_of(long.text)
    assert chief.records(team, "artefact")[-1].filename == "😀" * 49 + ".txt"
    download = member.get(f"/file/artefact/{record.id}/{quote(team)}")
    assert download.content == data
    assert download.headers["content-type"] == "application/octet-stream"
    assert download.headers["content-disposition"].startswith("attachment;")
    assert download.headers["x-content-type-options"] == "nosniff"


def test_an_upload_too_large_is_refused_and_nothing_saved(sign: Signer, chief: Engine) -> None:
    team = new_team(chief)
    chief.set_setting("max-file-mb", "1")
    try:
        member = sign(MEMBER)
        before = _history(chief, team)
        for size in (int(1.5 * 2**20), 3 * 2**20):  # past the limit; past it and the slack
            answer = member.post(
                f"/record/{quote(team)}",
                {"category": "artefact", "kind": "leerdoelen", "title": "Video"},
                files={"file": ("les.mp4", b"\0" * size, "video/mp4")},
            )
            assert "plg stores files up to 1 MB" in text_of(answer.text), size
        assert _history(chief, team) == before
        assert chief.records(team, "artefact") == []
        member.close()
    finally:
        chief.set_setting("max-file-mb", "50")


def test_a_record_needs_exactly_one_content(sign: Signer, chief: Engine) -> None:
    team = new_team(chief)
    member = sign(MEMBER)
    answer = member.post(
        f"/record/{quote(team)}", {"category": "evidence", "kind": "toetsresultaten", "title": "x"}
    )
    assert "exactly one of a file, a text or a value" in text_of(answer.text)
    answer = member.post(
        f"/record/{quote(team)}",
        {"category": "evidence", "kind": "toetsresultaten", "title": "x", "value": "zeven"},
    )
    assert "'zeven' is not a number" in text_of(answer.text)
    assert chief.records(team, "evidence") == []


def test_a_kind_of_the_other_category_is_saved_under_its_own(sign: Signer, chief: Engine) -> None:
    """The form's category stays at its first choice while a person picks an evidence kind
    (labelled so) from the one list: the kind says what they meant."""
    team = new_team(chief)
    member = sign(MEMBER)
    form = form_of(member.get(f"/team/{quote(team)}").text, "upload")
    assert form.value("category") == "artefact"
    answer = member.send(
        form.set("kind", "toetsresultaten").set("title", "Toets").set("value", "7")
    )
    assert answer.status_code == 200, text_of(answer.text)
    assert [(r.type, r.title) for r in chief.records(team, "evidence")] == [
        ("toetsresultaten", "Toets")
    ]
    assert chief.records(team, "artefact") == []


def test_case_pupils_are_planned_predicted_and_observed_by_pseudonym(
    sign: Signer, chief: Engine
) -> None:
    team = new_team(chief, method="lesson_study")
    for _ in range(2):  # to the research lesson's design
        chief.advance(team, force=True, reason="test")
    member = sign(MEMBER)
    path = f"/pupil/{quote(team)}"
    added = member.post(
        path,
        {"what": "add", "pseudonym": "Sanne Bakker", "stands_for": "stil", "observer": MEMBER},
    )
    assert "looks like a real name" in text_of(added.text)
    renamed = member.post(path, {"what": "rename", "pseudonym": "Sanne Bakker", "new": "Pupil A"})
    assert "looks like a real name" not in text_of(renamed.text)
    early = member.post(
        path,
        {
            "what": "note",
            "pseudonym": "Pupil A",
            "stage": "start",
            "kind": "observation",
            "text": "keek rond",
        },
    )
    assert "Write down the prediction first" in text_of(early.text)
    for kind, said in (("prediction", "wacht af"), ("observation", "begon meteen")):
        member.post(
            path,
            {"what": "note", "pseudonym": "Pupil A", "stage": "start", "kind": kind, "text": said},
        )
    [pupil] = chief.pupils(team)
    assert (pupil.pseudonym, pupil.observer) == ("Pupil A", MEMBER)
    assert pupil.stages == (("start", "wacht af", "begon meteen"),)
    page = member.get(f"/team/{quote(team)}")
    assert "wacht af" in page.text
    assert "begon meteen" in page.text
    # Nowhere is the real name kept: not in the register, not on the page, not in the history.
    assert "Sanne Bakker" not in page.text.partition('id="history"')[2]
    assert all("Sanne" not in str(event.detail) for event in chief.history(team))
    done = {item.id for item in chief.checklist(team).items if item.done}
    assert {"casusleerlingen", "voorspellingen", "observatoren"} <= done


# -- what people type -----------------------------------------------------------------------

MARKUP = [
    "<script>alert('x')</script>",
    '"><img src=x onerror=alert(1)>',
    "</textarea><script>alert(2)</script>",
    "{{ 7*7 }} {% raw %}",
    "<svg onload=alert(3)>",
    "javascript:alert(4)",
]


def _tags(html: str) -> list[str]:
    return re.findall(r"<(script|img|svg onload)\b", html)


def test_markup_in_every_field_is_shown_as_text(sign: Signer, chief: Engine) -> None:
    team = new_team(chief, method="lesson_study")
    for _ in range(2):  # to the research lesson's design, where the case pupils are
        chief.advance(team, force=True, reason="test")
    leader = sign(LEADER)
    at = quote(team)
    clean = _tags(leader.get(f"/team/{at}").text)
    today = chief.clock().date().isoformat()
    for number, payload in enumerate(MARKUP):
        posts = [
            (
                "record",
                {"category": "artefact", "kind": "lesplan", "title": payload, "text": payload},
            ),
            (
                "meeting",
                {
                    "date": today,
                    "length": "60",
                    "attendee": [LEADER],
                    "agenda": payload,
                    "notes": payload,
                },
            ),
            (
                "charter",
                {
                    "q_question": payload,
                    "shown:q_question": MARKUP[number - 1] if number else "",
                    "needs": payload,
                    "shown:needs": MARKUP[number - 1] if number else "",
                },
            ),
            ("hypothesis", {"text": payload}),
            (
                "hypothesis",
                {
                    "verdict": "rejected",
                    "number": str(number + 1),
                    "reasoning": payload,
                    "data": payload,
                },
            ),
            (
                "pupil",
                {
                    "what": "add",
                    "pseudonym": f"{number} {payload}"[:60],
                    "stands_for": payload,
                    "observer": MEMBER,
                },
            ),
            (
                "pupil",
                {
                    "what": "note",
                    "pseudonym": f"{number} {payload}"[:60],
                    "stage": payload[:60],
                    "kind": "prediction",
                    "text": payload,
                },
            ),
        ]
        for form, data in posts:
            answer = leader.post(f"/{form}/{at}", data)
            assert 'class="flash ok"' in answer.text, (form, text_of(answer.text))
    page = leader.get(f"/team/{at}")
    assert _tags(page.text) == clean
    for payload in MARKUP[:3]:
        assert payload not in page.text
    assert "&lt;script&gt;alert(" in page.text
    assert chief.charter(team).answers[1][2] == MARKUP[-1]
    assert len(chief.meetings(team)) == len(MARKUP)
    assert [h.verdict for h in chief.hypotheses(team)] == MARKUP
    assert len(chief.pupils(team)) == len(MARKUP)
    # The export keeps them text too.
    assert _tags(leader.get(f"/export/{at}").text) == []


@pytest.fixture(scope="module")
def titled(site: str, chief: Engine) -> Iterator[tuple[str, Visitor]]:
    """A team and its member's session, kept for every example of the property below."""
    member = Visitor(site)
    member.sign_in(MEMBER, PASSWORD)
    yield new_team(chief), member
    member.close()


@settings(max_examples=25, deadline=None)
@given(title=st.text(min_size=1, max_size=60))
def test_any_title_comes_back_as_the_same_text(
    chief: Engine, titled: tuple[str, Visitor], title: str
) -> None:
    team, member = titled
    before = len(chief.records(team, "artefact"))
    answer = member.post(
        f"/record/{quote(team)}",
        {
            "form": "upload",
            "category": "artefact",
            "kind": "leerdoelen",
            "title": title,
            "text": "x",
        },
    )
    saved = chief.records(team, "artefact")
    if len(saved) > before:
        assert answer.status_code == 200
        assert saved[-1].title == title.strip()
        assert 'class="flash ok"' in answer.text
    else:
        # Refused (nothing visible, a control character): said on the page, nothing saved,
        # and the title still in the form.
        assert answer.status_code == 400
        assert 'class="flash error"' in answer.text
        assert form_of(answer.text, "upload").value("title") == as_parsed(title)


# -- languages and headers ------------------------------------------------------------------


def test_each_person_reads_in_their_own_language(sign: Signer, chief: Engine) -> None:
    person = sign(SPARE)
    assert "My teams" in text_of(person.get("/teams").text)
    answer = person.post("/language", {"lang": "nl", "back": "/methods"})
    assert answer.url.path == "/methods"
    assert "Methoden" in text_of(answer.text)
    assert chief.account(SPARE).lang == "nl"  # type: ignore[union-attr]
    others = sign(MEMBER)
    assert "My teams" in text_of(others.get("/teams").text)
    assert "bestaat niet" in text_of(person.get("/nowhere").text)
    person.post("/language", {"lang": "en", "back": "/teams"})
    assert chief.account(SPARE).lang == "en"  # type: ignore[union-attr]
    # A page that does not exist says so in the person's language too, not the browser's.
    nowhere = person.get("/nowhere")
    assert nowhere.status_code == 404
    assert "There is no such page" in text_of(nowhere.text)


def test_every_answer_carries_the_security_headers(site: str, visitor: Visitor) -> None:
    for path in ("/sign-in", "/style.css", "/nowhere"):
        answer = visitor.get(path)
        policy = answer.headers["content-security-policy"]
        assert "default-src 'none'" in policy
        assert "script-src" not in policy  # none, by default-src
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["x-content-type-options"] == "nosniff"
    assert visitor.get("/nowhere").status_code == 404


def test_the_dashboard_filters_and_checks_its_numbers(sign: Signer, chief: Engine) -> None:
    team = new_team(chief, method="lesson_study")
    boss = sign(CHIEF)
    page = boss.get("/dashboard?method=lesson_study")
    rows = re.findall(r'<tr class="team[^"]*" data-team="([^"]+)"', page.text)
    assert team in rows
    assert all(chief.team(row).row.method == "lesson_study" for row in rows)
    bad = boss.get("/dashboard?stalled=-3")
    assert bad.status_code == 400
    assert "number of days from 1 to 3650" in text_of(bad.text)


def test_a_large_foundations_dashboard_lists_the_first_rows_and_counts_all(
    tmp_path: Path,
) -> None:
    from plg.engine.inputs import TeamSpec
    from plg.web.pages import DASHBOARD_ROWS

    url = f"sqlite:///{tmp_path / 'large.db'}"
    engine = Engine(url, actor=CHIEF, lang="en")
    engine.init()
    engine.add_project_leader(CHIEF)
    engine.add_user(CHIEF, PASSWORD, "en")
    total = DASHBOARD_ROWS + 25
    engine.start_teams(TeamSpec(f"Team {n:04}", "vier_vragen") for n in range(total))
    with serving(url) as base:
        boss = Visitor(base)
        boss.sign_in(CHIEF, PASSWORD)
        page = boss.get("/dashboard")
        boss.close()
    rows = re.findall(r'<tr class="team[^"]*" data-team="([^"]+)"', page.text)
    assert rows == [f"Team {n:04}" for n in range(DASHBOARD_ROWS)]
    assert f"The first {DASHBOARD_ROWS} of {total} teams" in text_of(page.text)
    assert f'id="total">{total}<' in page.text
    engine.close()


def test_the_method_pages_draw_every_phase(sign: Signer, chief: Engine) -> None:
    person = sign(MEMBER)
    listing = person.get("/methods")
    for method in chief.methods():
        assert f"/methods/{method.definition.id}" in listing.text
        page = person.get(f"/methods/{method.definition.id}")
        drawn = re.findall(r'<g class="phase[^"]*" data-phase="([^"]+)"', page.text)
        assert drawn == [phase.id for phase in method.definition.phases]
    assert person.get("/methods/nope").status_code == 404


def test_a_fault_in_plg_is_a_page_not_a_traceback(url: str, chief: Engine) -> None:
    from starlette.routing import Route

    def broken(request: Any) -> Any:
        raise RuntimeError("a bug")

    engine = Engine(url)
    app = create_app(engine)
    app.router.routes.append(Route("/broken", broken))
    try:
        with served(app) as base:
            answer = httpx.get(f"{base}/broken", headers={"Accept-Language": "en"})
    finally:
        engine.close()
    assert answer.status_code == 500
    assert "Something went wrong in plg itself" in text_of(answer.text)
    assert "Traceback" not in answer.text
    assert "a bug" not in answer.text


def test_a_record_id_past_any_database_is_simply_not_there(sign: Signer, chief: Engine) -> None:
    team = new_team(chief)
    member = sign(MEMBER)
    for record in (0, 2**31, 2**63 - 1, 2**63, 10**40):
        answer = member.get(f"/file/artefact/{record}/{quote(team)}")
        assert answer.status_code == 404, record


def test_a_team_name_with_any_characters_has_a_page(sign: Signer, chief: Engine) -> None:
    name = "Groep 7/8 — lezen & schrijven? #1 %20"
    chief.start_team(name, "vier_vragen", schools=(NORTH,), leader=LEADER)
    leader = sign(LEADER)
    address = f"/team/{quote(name, safe='')}"
    page = leader.get(address)
    assert page.status_code == 200
    assert 'id="team-name">Groep 7/8 — lezen &amp; schrijven? #1 %20<' in page.text
    # A refused change is answered with the page it came from, the name in its forms intact.
    moving = f"/advance/{quote(name, safe='')}"
    refused = leader.post(moving, {"trigger": "next"})
    assert refused.status_code == 403
    assert refused.url.raw_path.decode() == moving
    assert "cannot move on" in text_of(refused.text)
    assert form_of(refused.text, "force-form").action == moving
    # And signing in on the way there leads to it too.
    stranger = Visitor(leader.http.base_url.__str__())
    first = stranger.get(address)
    assert first.url.path == "/sign-in"
    arrived = stranger.post(
        "/sign-in", {"name": LEADER, "password": PASSWORD, "next": first.url.params["next"]}
    )
    assert arrived.url.raw_path.decode() == address
    stranger.close()


# -- the command line -----------------------------------------------------------------------


def _refused(plg: Plg, *args: str, input: str) -> str:
    """The error line of a command that reads standard input and must be refused."""
    result = plg(*args, code=1, input=input)
    assert result.stderr.startswith("Error: "), result.stderr
    return result.stderr


def test_user_commands(tmp_path: Path) -> None:
    plg = Plg(f"sqlite:///{tmp_path / 'users.db'}", actor="Piet")
    plg("init")
    plg("project-leader", "add", "Piet")
    plg("school", "add", "De School")
    plg("person", "add", "Anne", "--school", "De School")
    added = plg("user", "add", "Anne", "--password-stdin", input=PASSWORD + "\n")
    assert "'Anne' can now sign in" in added.stderr
    assert plg.json("user", "list") == [
        {
            "person": "Anne",
            "lang": "nl",
            "project_leader": False,
            "school": "De School",
            "password": True,
            "invited_until": None,
        }
    ]
    assert "already sign in" in _refused(
        plg, "user", "add", "Anne", "--password-stdin", input=PASSWORD + "\n"
    )
    assert "neither a known person" in _refused(
        plg, "user", "add", "Bob", "--password-stdin", input=PASSWORD + "\n"
    )
    assert "10 to 1000 characters" in _refused(
        plg, "user", "add", "Piet", "--password-stdin", input="kort\n"
    )
    assert "No password came" in _refused(plg, "user", "add", "Piet", "--password-stdin", input="")
    # Asked twice in a terminal; two different answers change nothing.
    assert "differ" in _refused(plg, "user", "add", "Piet", input=f"{PASSWORD}\nanders dan dat\n")
    plg("user", "add", "Piet", "--user-lang", "en", input=f"{PASSWORD}\n{PASSWORD}\n")
    engine = Engine(plg.url)
    assert engine.sign_in("Piet", PASSWORD).lang == "en"
    plg("user", "passwd", "Anne", "--password-stdin", input="een ander wachtwoord\n")
    assert engine.sign_in("Anne", "een ander wachtwoord").person == "Anne"
    plg("settings", "set", "role-checks", "on")
    # Only a project leader gives others passwords; everyone may change their own.
    anne = Plg(plg.url, actor="Anne")
    assert "project leader" in _refused(
        anne, "user", "passwd", "Piet", "--password-stdin", input=PASSWORD + "\n"
    )
    anne("user", "passwd", "Anne", "--password-stdin", input=PASSWORD + "\n")
    plg("user", "remove", "Anne")
    assert "has no account" in plg.error("user", "remove", "Anne")
    assert [row["person"] for row in plg.json("user", "list")] == ["Piet"]
    engine.close()


def test_serve_says_what_is_wrong_before_it_serves(tmp_path: Path) -> None:
    missing = Plg(f"sqlite:///{tmp_path / 'none.db'}")
    assert "plg init" in missing.error("serve")
    plg = Plg(f"sqlite:///{tmp_path / 'one.db'}")
    plg("init")
    assert "server database" in plg.error("serve", "--workers", "2")
    assert plg("serve", "--port", "0", code=2).exit_code == 2


def test_the_workers_send_every_answer_at_once() -> None:
    """Nagle's algorithm is off on each connection that `plg serve --workers N` accepts: with
    it on, each answer after the first on a kept-alive connection waited for the browser's
    delayed ACK (40 ms on Linux)."""
    config = uvicorn.Config("plg.web.app:from_environment", host="127.0.0.1", port=0)
    with workers_socket(config) as listening:
        listening.listen()
        with socket.create_connection(listening.getsockname()[:2], timeout=5):
            accepted, _ = listening.accept()
            with accepted:
                assert accepted.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)


@pytest.mark.skipif(not POSTGRES, reason="several workers need PostgreSQL")
def test_several_servers_on_one_postgres_share_nothing_but_the_database() -> None:
    """A session opened on one server process works on another, and a form from one is taken
    by the other: nothing of it lives in a process."""
    for url in _postgres_database():
        chief = Engine(url, actor=CHIEF, lang="en")
        chief.init()
        chief.add_project_leader(CHIEF)
        chief.add_user(CHIEF, PASSWORD, "en")
        team = f"Team {uuid.uuid4().hex[:6]}"
        chief.start_team(team, "vier_vragen")
        ports = [free_port(), free_port()]
        servers = [plg_serve(url, ports[0]), plg_serve(url, ports[1], "--workers", "2")]
        try:
            first = Visitor(f"http://127.0.0.1:{ports[0]}")
            assert first.sign_in(CHIEF, PASSWORD).url.path == "/teams"
            second = Visitor(f"http://127.0.0.1:{ports[1]}")
            second.http.cookies = first.http.cookies
            second.token = first.token
            view = chief.checklist(team)
            item = next(i.id for i in view.items if i.satisfied_by is None)
            phase = view.phase
            for _ in range(6):  # over both workers of the second server
                assert second.get("/teams").url.path == "/teams"
            answer = second.post(f"/checklist/{quote(team)}", {"phase": phase, "item": item})
            assert "Checklist saved (1 changed)" in text_of(answer.text)
            assert item in {i.id for i in chief.checklist(team).items if i.done}
            first.close()
            second.close()
        finally:
            for server in servers:
                server.terminate()
                server.communicate(timeout=10)  # and closes its pipe
            chief.close()

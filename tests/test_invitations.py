"""Invitations, resets and renaming a school: through the engine and the command line."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

import pytest

from plg import Engine
from plg.errors import Conflict, NotFound, PlgError, Refused
from plg.storage.models import utcnow
from tests.conftest import Plg

PASSWORD = "een lange zin als wachtwoord"


@contextmanager
def _raises(kind: type[PlgError], key: str) -> Iterator[None]:
    """The error `kind` with the message key `key`."""
    with pytest.raises(kind) as raised:
        yield
    assert raised.value.key == key


def _foundation(engine: Engine) -> None:
    engine.add_project_leader("tester")
    engine.add_school("De School")
    engine.add_person("Anne", school="De School")


def test_an_invited_person_chooses_a_password_once(engine: Engine) -> None:
    _foundation(engine)
    invitation = engine.invite_user("Anne", "en")
    assert invitation.link("http://plg.example/").startswith("http://plg.example/invitation/")
    # Until the link is used, no password opens the account.
    with _raises(Refused, "sign_in_failed"):
        engine.sign_in("Anne", "", "elsewhere")
    assert engine.invited(invitation.token).lang == "en"
    [status] = [s for s in engine.account_statuses() if s.account.person == "Anne"]
    assert not status.has_password
    assert status.invited_until == invitation.expires_at
    assert engine.accept_invitation(invitation.token, PASSWORD).person == "Anne"
    assert engine.sign_in("Anne", PASSWORD).person == "Anne"
    with _raises(Refused, "invitation_used"):
        engine.accept_invitation(invitation.token, "een ander wachtwoord")
    assert engine.sign_in("Anne", PASSWORD).person == "Anne"
    with _raises(NotFound, "invitation_unknown"):
        engine.invited("not-a-token")
    # Someone with a password is reset, not invited again.
    with _raises(Refused, "user_exists"):
        engine.invite_user("Anne")


def test_a_new_link_voids_the_old_one_and_links_expire(db_url: str) -> None:
    now = [utcnow()]
    engine = Engine(db_url, actor="tester", lang="en", clock=lambda: now[0])
    engine.init()
    try:
        _foundation(engine)
        engine.set_setting("invite-days", "2")
        first = engine.invite_user("Anne")
        second = engine.invite_user("Anne")
        with _raises(NotFound, "invitation_unknown"):
            engine.invited(first.token)
        assert second.expires_at == now[0] + timedelta(days=2)
        now[0] += timedelta(days=2)
        with _raises(Refused, "invitation_expired"):
            engine.accept_invitation(second.token, PASSWORD)
    finally:
        engine.close()


def test_a_reset_stops_the_old_password_and_its_sessions(engine: Engine) -> None:
    _foundation(engine)
    engine.add_user("Anne", PASSWORD)
    session = engine.open_session("Anne", since=engine.clock())
    reset = engine.reset_user("Anne")
    assert engine.session_state(session).account is None
    with _raises(Refused, "sign_in_failed"):
        engine.sign_in("Anne", PASSWORD, "elsewhere")
    engine.accept_invitation(reset.token, "een nieuw wachtwoord")
    assert engine.sign_in("Anne", "een nieuw wachtwoord").person == "Anne"
    # A password set directly voids a link handed on before.
    handed = engine.reset_user("Anne")
    engine.set_password("Anne", PASSWORD)
    with _raises(NotFound, "invitation_unknown"):
        engine.accept_invitation(handed.token, "een nieuw wachtwoord")
    engine.remove_user("Anne")
    with _raises(NotFound, "user_unknown"):
        engine.reset_user("Anne")


def test_only_a_project_leader_invites(engine: Engine) -> None:
    _foundation(engine)
    engine.add_person("Bob")
    anne = engine.acting("Anne", "en")
    with _raises(Refused, "role_refused_foundation"):
        anne.invite_user("Bob")
    with _raises(Refused, "role_refused_foundation"):
        anne.rename_school("De School", "Mijn School")


def test_a_renamed_school_keeps_its_teams_and_people(engine: Engine) -> None:
    _foundation(engine)
    engine.start_team("Lezen", "vier_vragen", schools=("De School",), leader="Anne")
    renamed = engine.rename_school(" De School ", "OBS De Linde")
    assert (renamed.name, renamed.teams, renamed.people) == ("OBS De Linde", 1, 1)
    assert engine.team("Lezen").row.schools == ("OBS De Linde",)
    assert [p.school for p in engine.people()] == ["OBS De Linde"]
    engine.add_school("Andere School")
    with _raises(Refused, "school_exists"):
        engine.rename_school("OBS De Linde", "Andere School")
    with _raises(NotFound, "school_unknown"):
        engine.rename_school("De School", "Weer Anders")
    assert engine.give_code("OBS De Linde", "12AB").code == "12AB"
    with _raises(Conflict, "school_has_code"):
        engine.give_code("OBS De Linde", "34CD")
    with _raises(Refused, "school_code_taken"):
        engine.give_code("Andere School", "12AB")


def test_the_commands(plg: Plg) -> None:
    plg("project-leader", "add", "tester")
    plg("school", "add", "De School")
    plg("person", "add", "Anne", "--school", "De School")
    renamed = plg.json("school", "rename", "De School", "OBS De Linde")
    assert renamed == {"name": "OBS De Linde", "code": None, "teams": 0, "people": 1}
    assert "now called 'De Linde'" in plg("school", "rename", "OBS De Linde", "De Linde").stderr
    invited = plg("user", "invite", "Anne", "--url", "https://plg.example.nl")
    link = invited.stdout.strip()
    assert link.startswith("https://plg.example.nl/invitation/")
    assert "pass this link on" in invited.stderr
    engine = Engine(plg.url)
    try:
        engine.accept_invitation(link.rpartition("/")[2], PASSWORD)
        assert "already sign in" in plg.error("user", "invite", "Anne")
        reset = plg.json("user", "reset", "Anne")
        assert reset["person"] == "Anne"
        assert reset["link"].startswith("http://127.0.0.1:8000/invitation/")
        assert datetime.fromisoformat(reset["expires_at"]) > utcnow()
        with _raises(Refused, "sign_in_failed"):
            engine.sign_in("Anne", PASSWORD, "elsewhere")
    finally:
        engine.close()
    assert "has no account" in plg.error("user", "reset", "Bob")


def test_the_user_list_shows_who_still_waits_for_their_invitation(plg: Plg) -> None:
    plg("project-leader", "add", "tester")
    plg("person", "add", "Anne")
    invited = plg.json("user", "invite", "Anne")
    [waiting] = [u for u in plg.json("user", "list") if u["person"] == "Anne"]
    assert waiting["password"] is False
    assert waiting["invited_until"] == invited["expires_at"]
    until = datetime.fromisoformat(invited["expires_at"]).strftime("%Y-%m-%d %H:%M")
    assert f"invited, link valid until {until} (UTC)" in plg("user", "list").stdout
    engine = Engine(plg.url)
    try:
        engine.accept_invitation(invited["link"].rpartition("/")[2], PASSWORD)
    finally:
        engine.close()
    [signed] = [u for u in plg.json("user", "list") if u["person"] == "Anne"]
    assert (signed["password"], signed["invited_until"]) == (True, None)
    assert "password set" in plg("user", "list").stdout

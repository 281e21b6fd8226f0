"""Mending on the team's page (docs/mending.md), over real HTTP: removing and restoring a
meeting or record, editing a meeting, and a project leader's rename, archive and restore; with
stale pages and forms sent at once, and the roles the server checks."""

from __future__ import annotations

from urllib.parse import quote

from plg import Engine
from plg.engine.inputs import Content
from plg.engine.meetings import MeetingFields
from tests.test_web_forms import _at_once
from tests.webfoundation import CHIEF, LEADER, MEMBER, Signer, new_team
from tests.webserver import Visitor, form_of, forms, text_of


def _page(person: Visitor, team: str) -> str:
    answer = person.get(f"/team/{quote(team)}")
    assert answer.status_code == 200, text_of(answer.text)
    return answer.text


def _meeting(chief: Engine, team: str) -> int:
    return chief.add_meeting(team, chief.clock().date(), 90, [MEMBER], agenda="Doelen").id


def _kinds(chief: Engine, team: str) -> list[str]:
    return [event.kind for event in chief.history(team)]


def test_a_meeting_removed_with_a_reason_comes_back_on_restore(sign: Signer, chief: Engine) -> None:
    team = new_team(chief)
    meeting = _meeting(chief, team)
    leader = sign(LEADER)
    form = form_of(_page(leader, team), f"remove-meeting-{meeting}")
    answer = leader.send(form.set("reason", "Dubbel ingevoerd"))
    assert answer.status_code == 200
    assert "is removed" in text_of(answer.text)
    assert chief.meetings(team) == []
    assert chief.history(team)[-1].reason == "Dubbel ingevoerd"
    restored = leader.send(form_of(answer.text, f"restore-meeting-{meeting}"))
    assert "is restored" in text_of(restored.text)
    assert [m.id for m in chief.meetings(team)] == [meeting]
    assert _kinds(chief, team)[-2:] == ["remove_meeting", "restore_meeting"]


def test_a_record_removed_twice_at_once_is_removed_once(sign: Signer, chief: Engine) -> None:
    team = new_team(chief)
    record = chief.add_record(team, "artefact", "leerdoelen", "Doelen", Content(text="x")).id
    people = [sign(LEADER), sign(MEMBER)]
    stale = [
        form_of(_page(person, team), f"remove-artefact-{record}").set("reason", "Fout")
        for person in people
    ]
    answers = [person.send(form) for person, form in zip(people, stale, strict=True)]
    assert sorted(answer.status_code for answer in answers) == [200, 409]
    refused = next(answer for answer in answers if answer.status_code == 409)
    assert "already removed" in text_of(refused.text)
    assert _kinds(chief, team).count("remove_artefact") == 1
    assert chief.records(team, "artefact") == []


def test_a_stale_meeting_edit_never_undoes_an_edit_made_meanwhile(
    sign: Signer, chief: Engine
) -> None:
    team = new_team(chief)
    meeting = _meeting(chief, team)
    leader = sign(LEADER)
    html = _page(leader, team)
    first, second = (form_of(html, f"edit-meeting-{meeting}") for _ in range(2))
    chief.edit_meeting(team, meeting, MeetingFields(minutes=45))  # meanwhile
    # The stale page changes the agenda only: saved, and the length stays as changed.
    answer = leader.send(first.set("agenda", "Doelen en data"))
    assert answer.status_code == 200, text_of(answer.text)
    (saved,) = chief.meetings(team)
    assert (saved.minutes, saved.agenda) == (45, "Doelen en data")
    # The other stale copy changes the length too: refused, theirs kept, the typed value back.
    refused = leader.send(second.set("length", "120"))
    assert refused.status_code == 409
    assert "while your page was open" in text_of(refused.text)
    assert form_of(refused.text, f"edit-meeting-{meeting}").value("length") == "120"
    assert chief.meetings(team)[0].minutes == 45


def test_edits_of_one_meeting_sent_at_once_all_stay_or_clash(sign: Signer, chief: Engine) -> None:
    team = new_team(chief)
    meeting = _meeting(chief, team)
    people = [sign(LEADER), sign(CHIEF)]
    jobs = [
        form_of(_page(people[0], team), f"edit-meeting-{meeting}").set("notes", "Notities"),
        form_of(_page(people[1], team), f"edit-meeting-{meeting}").set("length", "60"),
    ]
    answers = _at_once(list(zip(people, jobs, strict=True)))
    assert all(answer.status_code == 200 for answer in answers)
    (saved,) = chief.meetings(team)
    assert (saved.notes, saved.minutes) == ("Notities", 60)


def test_only_a_project_leader_may_rename_archive_and_restore(sign: Signer, chief: Engine) -> None:
    team = new_team(chief)
    leader = sign(LEADER)
    html = _page(leader, team)
    assert "archive-team" not in forms(html)
    assert "rename-team" not in forms(html)
    # A forged form is refused by the server all the same.
    chief_page = _page(sign(CHIEF), team)
    forged = form_of(chief_page, "archive-team").set("reason", "Weg")
    forged.set("csrf", form_of(html, "meeting-form").value("csrf"))
    forged.set("by", LEADER)
    refused = leader.send(forged)
    assert refused.status_code == 403
    assert chief.team(team).row.archived is False


def test_a_project_leader_renames_archives_and_restores_a_team(sign: Signer, chief: Engine) -> None:
    team = new_team(chief)
    boss, leader = sign(CHIEF), sign(LEADER)
    renamed = f"{team} (oud)"
    answer = boss.send(form_of(_page(boss, team), "rename-team").set("new_name", renamed))
    assert answer.status_code == 200
    assert f"is now called '{renamed}'" in text_of(answer.text)
    stale = form_of(_page(leader, renamed), "meeting-form").set("attendee", MEMBER)
    archived = boss.send(form_of(answer.text, "archive-team").set("reason", "Gestopt"))
    assert 'id="archived"' in archived.text
    assert "meeting-form" not in forms(archived.text)
    assert renamed not in boss.get("/dashboard").text
    assert renamed in boss.get("/dashboard?archived=yes").text
    # A page loaded before the archive: its form is refused, and the page says what to do.
    refused = leader.send(stale)
    assert refused.status_code == 403
    assert "is archived" in text_of(refused.text)
    assert "A project leader can restore it" in text_of(refused.text)
    assert chief.meetings(renamed) == []
    restored = boss.send(form_of(archived.text, "unarchive-0"))
    assert "restored from the archive" in text_of(restored.text)
    assert chief.team(renamed).row.archived is False
    assert _kinds(chief, renamed)[-3:] == ["rename", "archive", "unarchive"]


def test_a_project_leader_purges_on_a_page_that_names_what_goes(
    sign: Signer, chief: Engine
) -> None:
    team = new_team(chief)
    record = chief.add_record(team, "artefact", "leerdoelen", "Doelen", Content(text="x")).id
    chief.remove_record(team, "artefact", record, "Fout")
    leader, boss = sign(LEADER), sign(CHIEF)
    assert "purge-removed" not in _page(leader, team)
    assert leader.get(f"/purge/{quote(team)}?what=removed").status_code == 404
    asked = boss.get(f"/purge/{quote(team)}?what=removed")
    assert f"removed meetings, artefacts and evidence of team '{team}'" in text_of(asked.text)
    done = boss.send(form_of(asked.text, "purge-form"))
    assert "Deleted for good: 1 removed record(s)" in text_of(done.text)
    assert chief.records(team, "artefact", removed=True) == []
    assert _kinds(chief, team)[-1] == "purge"
    # A team only once archived, and then to the dashboard.
    page = boss.get(f"/purge/{quote(team)}?what=team")
    refused = boss.send(form_of(page.text, "purge-form"))
    assert "is not archived" in text_of(refused.text)
    chief.archive_team(team, "Gestopt")
    gone = boss.send(form_of(boss.get(f"/purge/{quote(team)}?what=team").text, "purge-form"))
    assert gone.url.path == "/dashboard"
    assert f"Team '{team}' and its whole history are deleted for good" in text_of(gone.text)
    assert team not in [row.name for row in chief.teams(archived=True)]

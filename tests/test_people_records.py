"""People are records: memberships and attendances refer to the person, show the person's
name after a rename, and an upgrade links the names it can and keeps the rest."""

from __future__ import annotations

import json
import shutil
import sqlite3
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plg import Engine
from plg.engine.inputs import TeamSpec
from plg.errors import PlgError, Refused
from plg.storage.names import name_key
from tests.conftest import Plg, sql
from tests.frozen import FROZEN, copy_to_postgres

TEAM = "Lezen 5-6"


@pytest.fixture
def chief(db_url: str) -> Iterator[Engine]:
    engine = Engine(db_url, actor="Marieke de Boer", lang="en")
    engine.init()
    engine.add_school("De Linde")
    engine.add_person("Anna de Vries", "anna@example.org", "De Linde")
    engine.start_team(TEAM, "vier_vragen", leader="Anna de Vries")
    yield engine
    engine.close()


def _people(engine: Engine) -> dict[str, tuple[str | None, str | None]]:
    return {p.name: (p.email, p.school) for p in engine.people()}


def test_joining_uses_the_person_of_that_name_or_makes_one(chief: Engine) -> None:
    chief.join(TEAM, "Joost Hendriks")
    people = _people(chief)
    # The leader is the person added before, with her school; the new member is a person now.
    assert people == {
        "Anna de Vries": ("anna@example.org", "De Linde"),
        "Joost Hendriks": (None, None),
    }
    chief.join("Lezen 5-6", "Joost Hendriks", "facilitator")
    chief.add_meeting(TEAM, chief.clock().date(), 60, ["Anna de Vries", "Joost Hendriks"])
    chief.leave(TEAM, "Joost Hendriks")
    assert len(_people(chief)) == 2
    report = chief.check()
    assert report.ok
    assert report.unlinked == []


def test_a_renamed_person_shows_under_the_new_name_everywhere(chief: Engine) -> None:
    day = chief.clock().date()
    chief.join(TEAM, "Joost Hendriks")
    chief.join(TEAM, "Lotte Visser")
    chief.set_need(TEAM, "Anna de Vries", "Gegevens verzamelen")
    chief.add_meeting(TEAM, day, 90, ["Anna de Vries", "Lotte Visser"])
    chief.start_team("Netwerk", "lesson_study", leader="Anna de Vries")
    chief.add_pupil("Netwerk", "Leerling A", "Snelle lezers", "Anna de Vries")
    chief.leave(TEAM, "Lotte Visser")
    chief.join(TEAM, "Lotte Visser")  # back again, with a stay that ended behind her

    renamed = chief.rename_person("Anna de Vries", "Anna Jansen")
    assert (renamed.name, renamed.email, renamed.school) == (
        "Anna Jansen",
        "anna@example.org",
        "De Linde",
    )
    chief.rename_person("Lotte Visser", "Lotte de Wit")

    members = {m.person: m.role for m in chief.members(TEAM)}
    assert members == {
        "Anna Jansen": "leader",
        "Joost Hendriks": "member",
        "Lotte de Wit": "member",
    }
    story = chief.story(TEAM)
    assert [f.person for f in story.former_members] == ["Lotte de Wit"]
    [meeting] = chief.meetings(TEAM)
    assert sorted(meeting.attendees) == ["Anna Jansen", "Lotte de Wit"]
    hours = {row.person: row.team_minutes for row in chief.hours().people}
    assert hours == {"Anna Jansen": 90, "Lotte de Wit": 90}
    assert {row.name: row.leader for row in chief.teams()} == {
        TEAM: "Anna Jansen",
        "Netwerk": "Anna Jansen",
    }
    needs = {n.person: n.needs for n in chief.charter(TEAM).needs}
    assert needs["Anna Jansen"] == "Gegevens verzamelen"
    assert "Anna de Vries" not in needs
    [pupil] = chief.pupils("Netwerk")
    assert pupil.observer == "Anna Jansen"
    # She still leads under her new name: her role went with her.
    chief.add_project_leader("Marieke de Boer")
    chief.set_setting("role-checks", "on")
    chief.acting("Anna Jansen", "en").set_deadline(TEAM, date(2027, 6, 1))
    assert set(_people(chief)) == {"Anna Jansen", "Joost Hendriks", "Lotte de Wit"}
    report = chief.check()
    assert report.ok, [fault.text("en") for fault in report.faults]
    assert report.unlinked == []


def test_a_rename_to_a_name_taken_is_refused(chief: Engine) -> None:
    chief.join(TEAM, "Joost Hendriks")
    with pytest.raises(Refused, match="already someone named"):
        chief.rename_person("Joost Hendriks", "Anna de Vries")
    assert {m.person for m in chief.members(TEAM)} == {"Anna de Vries", "Joost Hendriks"}


def test_a_roster_links_each_leader(chief: Engine) -> None:
    chief.start_teams(
        [
            TeamSpec("Rekenen", "vier_vragen", leader="Anna de Vries"),
            TeamSpec("Taal", "vier_vragen", leader="Bram Jansen"),
            TeamSpec("Spelling", "vier_vragen", leader="Bram Jansen"),
        ]
    )
    assert set(_people(chief)) == {"Anna de Vries", "Bram Jansen"}
    chief.rename_person("Bram Jansen", "Bram de Jong")
    leaders = {row.name: row.leader for row in chief.teams()}
    assert leaders["Taal"] == leaders["Spelling"] == "Bram de Jong"
    assert chief.check().unlinked == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.text(min_size=1, max_size=30).filter(str.strip), min_size=1, max_size=4))
def test_whoever_joins_is_exactly_one_person(sqlite_url: str, names: list[str]) -> None:
    engine = Engine(sqlite_url, actor="root", lang="en")
    engine.init()
    team = f"Team {len(engine.teams())}"
    engine.start_team(team, "vier_vragen")
    joined: set[str] = set()
    for name in names:
        try:
            engine.join(team, name)
        except PlgError:  # a name refused, or joined already: nothing half-done
            continue
        joined.add(name.strip())
    members = {m.person for m in engine.members(team)}
    # A name joins as the person it matches (plg.storage.names), spelled as they are known.
    assert {name_key(name) for name in joined} <= {name_key(member) for member in members}
    assert members <= {p.name for p in engine.people()}
    assert engine.check().unlinked == []
    engine.close()


# -- the upgrade ----------------------------------------------------------------------------

# Names as an older plg stored them in one team, none linked: the person each is linked to.
_OLD_NAMES = {
    "Anna de Vries": "Anna de Vries",  # exactly a person's name
    "anna de  vries": None,  # hers but for case and spaces, and she is in the team already
    "Zoë Bakker": "Zoë Bakker",  # stored as 'Zoe Bakker': hers but for an accent
    "jan jansen": None,  # as much the one as the other of two people
    "Piet Pieterse": None,  # no one's
}
UNLINKED = ["Piet Pieterse", "anna de  vries", "jan jansen", "piet pieterse"]
LEZEN = "Begrijpend lezen 5-6"
# A lesson study whose leader was entered as 'carla  smit', on all it keeps under her name.
NETWERK = "Netwerk schrijfonderwijs"


def _old_database(tmp_path: Path, db_url: str) -> str:
    """The frozen database just before people became records, with memberships, a stay and
    attendances under the names above, and the people they may be."""
    copy = tmp_path / "old.db"
    shutil.copy(next(path for path in FROZEN if path.stem == "schema-0008"), copy)
    local = f"sqlite:///{copy}"
    for name in ("Zoë Bakker", "Jan Jansen", "JAN  JANSEN"):
        sql(local, f"INSERT INTO people (name) VALUES ('{name}')")
    team = sql(local, f"SELECT id FROM teams WHERE name = '{LEZEN}'")
    meeting = sql(local, f"SELECT min(id) FROM meetings WHERE team_id = {team}")
    for name in ("anna de  vries", "Zoe Bakker", "jan jansen", "Piet Pieterse"):
        sql(
            local,
            "INSERT INTO members (team_id, person, role, joined_at) VALUES "
            f"({team}, '{name}', 'facilitator', '2026-11-14 09:00:00')",
        )
        sql(local, f"INSERT INTO attendances (meeting_id, person) VALUES ({meeting}, '{name}')")
    sql(
        local,
        "INSERT INTO former_members (team_id, person, role, joined_at, left_at) VALUES "
        f"({team}, 'piet pieterse', 'member', '2026-11-01 09:00:00', '2026-11-10 09:00:00')",
    )
    with sqlite3.connect(copy) as raw:
        [(team, needs)] = raw.execute(
            "SELECT t.id, c.needs FROM teams t JOIN charters c ON c.team_id = t.id "
            "WHERE t.name = ?",
            (NETWERK,),
        )
        needs = json.loads(needs)
        needs["carla  smit"] = needs.pop("Carla Smit")
        raw.execute("UPDATE charters SET needs = ? WHERE team_id = ?", (json.dumps(needs), team))
        raw.execute("UPDATE teams SET leader = 'carla  smit' WHERE id = ?", (team,))
        for table, column in (("members", "person"), ("case_pupils", "observer")):
            raw.execute(
                f"UPDATE {table} SET {column} = 'carla  smit' "
                f"WHERE team_id = ? AND {column} = 'Carla Smit'",
                (team,),
            )
        raw.execute(
            "UPDATE attendances SET person = 'carla  smit' WHERE person = 'Carla Smit' "
            "AND meeting_id IN (SELECT id FROM meetings WHERE team_id = ?)",
            (team,),
        )
    if db_url.startswith("sqlite"):
        return local
    copy_to_postgres(copy, db_url)
    return db_url


def test_an_upgrade_links_the_names_it_can_and_keeps_the_others(
    db_url: str, tmp_path: Path
) -> None:
    url = _old_database(tmp_path, db_url)
    counts = {
        table: sql(url, f"SELECT count(*) FROM {table}")
        for table in ("members", "former_members", "attendances", "people")
    }
    engine = Engine(url, lang="en", actor="Marieke de Boer")
    engine.init()
    # Nothing dropped, no one added.
    assert {table: sql(url, f"SELECT count(*) FROM {table}") for table in counts} == counts
    linked = {
        name: sql(
            url,
            "SELECT p.name FROM members m LEFT JOIN people p ON p.id = m.person_id "
            f"WHERE m.person = '{name}'",
        )
        for name in _OLD_NAMES
    }
    assert linked == _OLD_NAMES
    assert "Zoe Bakker" not in {m.person for m in engine.members(LEZEN)}
    # Carla Smit is herself again, wherever her team kept her name.
    assert {row.name: row.leader for row in engine.teams()}[NETWERK] == "Carla Smit"
    assert "Carla Smit" in {n.person for n in engine.charter(NETWERK).needs if n.needs}
    assert "Carla Smit" in {p.observer for p in engine.pupils(NETWERK, 1)}
    assert all("carla  smit" not in m.attendees for m in engine.meetings(NETWERK))
    report = engine.check()
    assert report.ok, [fault.text("en") for fault in report.faults]
    assert report.unlinked == UNLINKED

    # A linked name follows its person; the kept names still count and show.
    engine.rename_person("Zoë Bakker", "Zoë de Bakker")
    members = {m.person for m in engine.members(LEZEN)}
    assert {"Zoë de Bakker", "anna de  vries", "jan jansen", "Piet Pieterse"} <= members
    hours = {row.person for row in engine.hours(year=2026).people}
    assert {"Zoë de Bakker", "anna de  vries", "jan jansen", "Piet Pieterse"} <= hours

    # `plg check` lists what is left, and exits 0: nothing is damaged.
    plg = Plg(url, actor="Marieke de Boer")
    assert plg.json("check")["unlinked"] == UNLINKED
    told = plg("check").stdout
    assert "Names not linked to a person (4), kept as they were: Piet Pieterse, anna" in told
    dutch = Plg(url, lang="nl", actor="Marieke de Boer")
    assert "Namen die nog bij geen persoon horen (4)" in dutch("check").stdout

    # Adding the person links the name; joining links one too.
    engine.add_person("Piet Pieterse")
    engine.join(LEZEN, "jan jansen", "member")
    assert engine.check().unlinked == ["anna de  vries", "piet pieterse"]
    engine.add_meeting(LEZEN, date(2026, 11, 18), 30, ["jan jansen"])
    engine.close()


def test_a_name_out_of_step_with_its_person_is_a_fault(chief: Engine) -> None:
    chief.join(TEAM, "Joost Hendriks")
    sql(chief.store.url_text, "UPDATE members SET person = 'joost' WHERE person = 'Joost Hendriks'")
    [fault] = chief.check().faults
    assert fault.text("en") == (
        "person 'Joost Hendriks': a membership or attendance of theirs keeps the name 'joost', "
        "which is not their name"
    )


def test_a_new_name_joining_two_teams_at_once_is_one_person(chief: Engine) -> None:
    """Both joins make the person's record; the one that loses the race runs again and finds
    it."""
    teams = [f"Team {n}" for n in range(4)]
    for team in teams:
        chief.start_team(team, "vier_vragen")
    engines = [Engine(chief.store.url_text, actor="Marieke de Boer", lang="en") for _ in teams]
    together = threading.Barrier(len(teams))
    failed: list[BaseException] = []

    def join(engine: Engine, team: str) -> None:
        together.wait()
        try:
            engine.join(team, "Sanne Vos")
        except BaseException as error:  # reported below, in the test's own thread
            failed.append(error)

    threads = [
        threading.Thread(target=join, args=pair) for pair in zip(engines, teams, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for engine in engines:
        engine.close()
    assert failed == []
    assert [p.name for p in chief.people()].count("Sanne Vos") == 1
    assert all("Sanne Vos" in {m.person for m in chief.members(team)} for team in teams)
    assert chief.check().unlinked == []


def test_a_renamed_person_signs_in_and_leads_under_the_new_name(chief: Engine) -> None:
    chief.add_project_leader("Marieke de Boer")
    chief.add_user("Anna de Vries", "een lang wachtwoord", "nl")
    token = chief.open_session("Anna de Vries", since=chief.clock(), lasting=False)
    chief.add_person("Marieke de Boer")
    chief.set_setting("role-checks", "on")
    chief.rename_person("Anna de Vries", "Anna Jansen")
    chief.rename_person("Marieke de Boer", "Marieke Smit")
    boss = chief.acting("Marieke Smit", "en")
    assert boss.project_leaders() == ["Marieke Smit"]
    # Her session named the old name: it has ended, and she signs in under the new one.
    assert boss.session_state(token).account is None
    assert boss.sign_in("Anna Jansen", "een lang wachtwoord").person == "Anna Jansen"
    assert boss.account("Anna de Vries") is None
    boss.acting("Anna Jansen", "en").set_deadline(TEAM, date(2027, 6, 1))
    with pytest.raises(Refused):
        boss.rename_person("Anna Jansen", "Marieke Smit")


def test_an_invited_director_renamed_keeps_the_invitation_and_the_school(chief: Engine) -> None:
    chief.add_school("De Berk")
    chief.add_person("Ingrid Kok", school="De Berk")
    chief.add_director("Ingrid Kok", "De Berk")
    link = chief.invite_user("Ingrid Kok", "en")
    renamed = chief.edit_person("Ingrid Kok", new_name="Ingrid de Kok")
    assert renamed.name == "Ingrid de Kok"
    assert [(d.person, d.school) for d in chief.directors()] == [("Ingrid de Kok", "De Berk")]
    # The link handed on before the rename still works, for the account under the new name.
    assert chief.accept_invitation(link.token, "een lang wachtwoord").person == "Ingrid de Kok"
    assert chief.sign_in("Ingrid de Kok", "een lang wachtwoord").person == "Ingrid de Kok"
    assert chief.account("Ingrid Kok") is None

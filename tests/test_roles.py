"""Roles: with role checks on, everyone may do exactly what their role allows, and a refused
action is one error line that changes nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Plg, sql

TEAM = "Lezen"
PEOPLE = {
    "Pia": "project leader",
    "Anna": "leader",
    "Bram": "member",
    "Carla": "facilitator",
    "Zoe": "stranger",
}
# Who may do each action (everyone may read).
MEMBERS_WORK = {"project leader", "leader", "member", "facilitator"}
LEADERS_MOVE = {"project leader", "leader"}
PROJECT_LEADERS = {"project leader"}


@pytest.fixture
def roles(plg: Plg) -> Plg:
    plg("team", "start", TEAM, "--method", "vier_vragen", "--leader", "Anna")
    plg("team", "join", TEAM, "Bram", "--since", "2025-09-01")
    plg("team", "join", TEAM, "Carla", "--role", "facilitator")
    plg("project-leader", "add", "Pia")
    plg("settings", "set", "role-checks", "on")
    return plg


def _as(plg: Plg, person: str) -> Plg:
    return Plg(plg.url, actor=person)


# Each action, who may do it, and which part of the state it changes when allowed.
ACTIONS = [
    ("tick", ["tick", TEAM, "eens"], MEMBERS_WORK, "events"),
    (
        "artefact",
        ["artefact", "add", TEAM, "--type", "leerdoelen", "--title", "Doelen", "--text", "x"],
        MEMBERS_WORK,
        "events",
    ),
    (
        "evidence",
        ["evidence", "add", TEAM, "--kind", "toetsresultaten", "--title", "Werk", "--text", "x"],
        MEMBERS_WORK,
        "events",
    ),
    ("charter", ["charter", "set", TEAM, "--known", "Weinig"], MEMBERS_WORK, "events"),
    ("hypothesis", ["hypothesis", "add", TEAM, "Te weinig oefening"], MEMBERS_WORK, "events"),
    (
        "meeting",
        ["meeting", "add", TEAM, "--date", "2026-01-01", "--length", "60", "--attendee", "Bram"],
        LEADERS_MOVE,
        "events",
    ),
    ("force", ["advance", TEAM, "--force", "--reason", "klaar"], LEADERS_MOVE, "events"),
    ("deadline", ["team", "deadline", TEAM, "2027-06-30"], LEADERS_MOVE, "events"),
    ("join", ["team", "join", TEAM, "Dirk"], LEADERS_MOVE, "events"),
    ("start", ["team", "start", "Rekenen", "--method", "datateam"], PROJECT_LEADERS, "teams"),
    ("settings", ["settings", "set", "max-file-mb", "10"], PROJECT_LEADERS, "settings"),
    ("project leaders", ["project-leader", "add", "Eva"], PROJECT_LEADERS, "leaders"),
]


def _state(plg: Plg) -> dict[str, object]:
    """What any of the actions could change."""
    return {
        "events": len(plg.json("history", TEAM)),
        "teams": [row["name"] for row in plg.json("team", "list")],
        "settings": plg.json("settings"),
        "leaders": plg.json("project-leader", "list"),
    }


@pytest.mark.parametrize("person", PEOPLE)
@pytest.mark.parametrize(
    ("action", "args", "allowed", "changes"), ACTIONS, ids=[a[0] for a in ACTIONS]
)
def test_each_role_may_do_what_it_allows(
    roles: Plg, person: str, action: str, args: list[str], allowed: set[str], changes: str
) -> None:
    before = _state(roles)
    plg = _as(roles, person)
    if PEOPLE[person] in allowed:
        plg(*args)
        after = _state(roles)
        # The action did its part, one event for a team change, and nothing else.
        assert after[changes] != before[changes]
        if changes == "events":
            assert after["events"] == before["events"] + 1
        assert {k: v for k, v in after.items() if k != changes} == {
            k: v for k, v in before.items() if k != changes
        }
    else:
        error = plg.error(*args)
        assert f"'{person}' may not" in error
        # Nothing changed, and the refusal is not recorded as a move or anything else.
        assert _state(roles) == before
        assert roles.json("team", "show", TEAM)["phase"] == "leren"
    # Everyone may read.
    assert plg.json("team", "show", TEAM)["name"] == TEAM
    plg("overview")
    plg("history", TEAM)


def test_only_a_leader_or_project_leader_migrates(roles: Plg) -> None:
    # The role is checked before the version: a member hears about the role.
    assert "may not move the team to another method version" in _as(roles, "Bram").error(
        "team", "migrate", TEAM, "--to-version", "9.9"
    )
    assert "version" in _as(roles, "Anna").error("team", "migrate", TEAM, "--to-version", "9.9")


def test_a_refusal_is_told_in_dutch(roles: Plg) -> None:
    dutch = Plg(roles.url, lang="nl", actor="Bram")
    error = dutch.error("advance", TEAM, "--force", "--reason", "klaar")
    assert "'Bram' mag in team 'Lezen' niet een stap forceren" in error


def test_role_checks_need_a_project_leader_first(plg: Plg) -> None:
    assert "no project leader yet" in plg.error("settings", "set", "role-checks", "on")
    assert plg.json("settings")["role-checks"] == "off"
    plg("project-leader", "add", "Pia")
    assert plg.json("settings", "set", "role-checks", "on")["role-checks"] == "on"
    # The last project leader cannot go while the checks are on: nobody could turn them off.
    pia = _as(plg, "Pia")
    assert "last project leader" in pia.error("project-leader", "remove", "Pia")
    pia("settings", "set", "role-checks", "off")
    assert pia.json("project-leader", "remove", "Pia") == []


def test_members_join_change_role_and_leave(plg: Plg) -> None:
    plg("team", "start", TEAM, "--method", "vier_vragen", "--leader", "Anna")
    assert [(m["person"], m["role"]) for m in plg.json("team", "members", TEAM)] == [
        ("Anna", "leader")
    ]
    plg("team", "join", TEAM, "Bram")
    assert "already member" in plg.error("team", "join", TEAM, "Bram")
    # A second leader: a network's leads are listed together.
    members = plg.json("team", "join", TEAM, "Bram", "--role", "leader")
    assert [(m["person"], m["role"]) for m in members] == [("Anna", "leader"), ("Bram", "leader")]
    assert plg.json("team", "show", TEAM)["leader"] == "Anna, Bram"
    plg("team", "leave", TEAM, "Anna")
    assert plg.json("team", "show", TEAM)["leader"] == "Bram"
    assert "is not in team" in plg.error("team", "leave", TEAM, "Anna")
    kinds = [(e["kind"], e["detail"].get("person")) for e in plg.json("history", TEAM)]
    assert kinds == [("start", None), ("join", "Bram"), ("join", "Bram"), ("leave", "Anna")]
    assert plg.json("check")["ok"] is True
    # A role by its word in either language, as the tables show it; another word is refused
    # with the roles listed in the reader's language.
    refused = plg.error("team", "join", TEAM, "Eva", "--role", "boss")
    assert "Roles: leader, member, facilitator, knowledgeable other." in refused
    members = plg.json("team", "join", TEAM, "Eva", "--role", "Begeleider")
    assert ("Eva", "facilitator") in [(m["person"], m["role"]) for m in members]
    nl = plg("--lang", "nl", "team", "join", TEAM, "Eva", "--role", "baas", code=1).stderr
    assert "Rollen: leider, lid, begeleider, kennisexpert." in nl


def test_a_leader_listed_wrongly_is_found_by_check(plg: Plg) -> None:
    plg("team", "start", TEAM, "--method", "vier_vragen", "--leader", "Anna")
    sql(plg.url, "UPDATE teams SET leader = 'Mallory'")
    problems = plg.json_failing("check")["problems"]
    assert [p["problem"] for p in problems] == ["check_leaders"]


def test_the_file_size_limit_is_a_setting(plg: Plg, tmp_path: Path) -> None:
    plg("team", "start", TEAM, "--method", "vier_vragen")
    big = tmp_path / "film.mp4"
    big.write_bytes(b"\0" * (2 * 2**20 + 1))
    args = [
        "evidence",
        "add",
        TEAM,
        "--kind",
        "toetsresultaten",
        "--title",
        "Film",
        "--file",
        str(big),
    ]
    plg(*args)  # within the default of 50 MB
    plg("settings", "set", "max-file-mb", "2")
    assert "2.0 MB; plg stores files up to 2 MB" in plg.error(*args)
    assert len(plg.json("evidence", "list", TEAM)) == 1
    for bad in ("0", "-1", "1025", "veel", "", "٣"):
        error = plg.error("settings", "set", "max-file-mb", "--", bad)
        assert "whole number from 1 to 1024" in error
    assert "There is no setting" in plg.error("settings", "set", "colour", "blue")

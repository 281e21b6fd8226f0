"""The foundation's schools, with their codes, and its people, with their home schools."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plg import Engine, InvalidInput, Refused
from tests.conftest import Plg


def test_schools_and_people(plg: Plg) -> None:
    # A school that a team start made gets its code later; a new one comes with it.
    plg("team", "start", "Lezen", "--method", "vier_vragen", "--school", "De Linde")
    assert plg.json("school", "list") == [
        {"name": "De Linde", "code": None, "teams": 1, "people": 0}
    ]
    plg("school", "add", "De Linde", "--code", "04AB")
    added = plg.json("school", "add", "Het Anker", "--code", "07XY")
    assert added == {"name": "Het Anker", "code": "07XY", "teams": 0, "people": 0}
    plg("person", "add", "Anna de Vries", "--email", "anna@linde.nl", "--school", "De Linde")
    plg("person", "add", "Bram")
    assert plg.json("person", "list") == [
        {"name": "Anna de Vries", "email": "anna@linde.nl", "school": "De Linde", "functions": []},
        {"name": "Bram", "email": None, "school": None, "functions": []},
    ]
    assert [p["name"] for p in plg.json("person", "list", "--school", "De Linde")] == [
        "Anna de Vries"
    ]
    assert [
        (s["name"], s["code"], s["teams"], s["people"]) for s in plg.json("school", "list")
    ] == [
        ("De Linde", "04AB", 1, 1),
        ("Het Anker", "07XY", 0, 0),
    ]
    assert "│ De Linde  │ 04AB │ 1     │ 1      │" in plg("school", "list").stdout


def test_what_cannot_be_added_is_one_error_line(plg: Plg) -> None:
    plg("school", "add", "De Linde", "--code", "04AB")
    assert "already a school named 'De Linde'" in plg.error("school", "add", "De Linde")
    assert "belongs to 'De Linde' already" in plg.error(
        "school", "add", "Het Anker", "--code", "04AB"
    )
    assert "is not a school code" in plg.error("school", "add", "X", "--code", "04 AB")
    assert "1 to 200 visible characters" in plg.error("school", "add", " ")
    plg("person", "add", "Anna")
    assert "already someone named 'Anna'" in plg.error("person", "add", "Anna")
    assert "is not an e-mail address" in plg.error("person", "add", "Bo", "--email", "bo")
    error = plg.error("person", "add", "Bo", "--school", "Nergens")
    assert "There is no school 'Nergens'. Schools: De Linde." in error
    # Nothing of the refused ones was kept.
    assert [s["name"] for s in plg.json("school", "list")] == ["De Linde"]
    assert [p["name"] for p in plg.json("person", "list")] == ["Anna"]


def test_only_a_project_leader_changes_them_when_roles_are_checked(plg: Plg) -> None:
    plg("project-leader", "add", "Pia")
    plg("settings", "set", "role-checks", "on")
    assert "may not change the schools and people" in plg.error("school", "add", "De Linde")
    assert "may not change the schools and people" in plg.error("person", "add", "Bo")
    pia = Plg(plg.url, actor="Pia")
    pia("school", "add", "De Linde")
    pia("person", "add", "Bo", "--school", "De Linde")
    assert plg.json("person", "list") == [
        {"name": "Bo", "email": None, "school": "De Linde", "functions": []}
    ]


@given(code=st.text(max_size=30), email=st.text(max_size=40))
@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_codes_and_addresses_are_kept_exactly_or_refused(
    engine: Engine, code: str, email: str
) -> None:
    if not engine.schools():
        engine.add_school("Eigen school")
    try:
        saved = engine.add_school(f"School {len(engine.schools())}", code)
    except (InvalidInput, Refused):
        pass
    else:
        assert saved.code == code.strip()
    name = f"Persoon {len(engine.people())}"
    try:
        person = engine.add_person(name, email, "Eigen school")
    except (InvalidInput, Refused):  # an address someone else has is refused too
        assert name not in [p.name for p in engine.people()]
    else:
        assert person.email == (email.strip() or None)
        assert engine.people(school="Eigen school")[-1].email == person.email


@pytest.mark.parametrize("email", ["anna@linde.nl", "a.b+c@x.co", ""])
def test_ordinary_addresses_are_taken(engine: Engine, email: str) -> None:
    assert engine.add_person("Anna", email).email == (email or None)


def test_members_join_and_leave_on_their_own_days(plg: Plg) -> None:
    plg("team", "start", "Netwerk", "--method", "lesson_study", "--kind", "network",
        "--school", "A", "--school", "B")  # fmt: skip
    # A network takes members after it started, on the day they really joined.
    joined = plg.json(
        "team", "join", "Netwerk", "Ilse", "--since", "2026-09-01", "--role", "expert"
    )
    assert [(m["person"], m["role"], m["joined_at"][:10]) for m in joined] == [
        ("Ilse", "expert", "2026-09-01")
    ]
    assert "(knowledgeable other)" in plg("history", "Netwerk").stdout
    assert "still to come" in plg.error("team", "join", "Netwerk", "Bo", "--since", "2999-01-01")
    assert "joined on 2026-09-01, so cannot have left before" in plg.error(
        "team", "leave", "Netwerk", "Ilse", "--on", "2026-08-01"
    )
    assert plg.json("team", "leave", "Netwerk", "Ilse", "--on", "2026-10-15") == []
    details = [
        e["detail"] for e in plg.json("history", "Netwerk") if e["kind"] in ("join", "leave")
    ]
    assert details == [
        {"person": "Ilse", "role": "expert", "was": None, "since": "2026-09-01"},
        {"person": "Ilse", "role": "expert", "on": "2026-10-15"},
    ]
    assert plg.json("check")["ok"] is True
    assert "is not in team" in plg.error("team", "leave", "Netwerk", "Ilse")  # not twice

"""Names match without regard to case, accents and spaces, for teams, schools and people; a
near miss is refused with "did you mean", and never makes a new school or person."""

from __future__ import annotations

import shutil
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plg import Engine, NotFound, Refused
from plg.storage.names import matching, name_key, near_misses
from tests.conftest import Plg, sql
from tests.frozen import FROZEN, copy_to_postgres

_ACCENTS = ["\u0301", "\u0300", "\u0308", "\u0302"]  # acute, grave, diaeresis, circumflex


@st.composite
def variations(draw: st.DrawFn) -> tuple[str, str]:
    """A name and the same name as someone else might type it: other case, accents added or
    left off, spaces around and doubled."""
    words = draw(
        st.lists(st.text("abcdefghijklmnopqrstuvwxyz0123456789-'", min_size=1), min_size=1)
    )
    typed: list[str] = []
    for word in words:
        chars = []
        for ch in word:
            ch = ch.upper() if draw(st.booleans()) else ch
            if ch.isalpha() and draw(st.booleans()):
                ch = unicodedata.normalize("NFC", ch + draw(st.sampled_from(_ACCENTS)))
            chars.append(ch)
        typed.append("".join(chars))
    spaces = draw(st.sampled_from([" ", "  ", "\u00a0"]))
    return " ".join(words), f" {spaces.join(typed)}  "


@given(variations())
def test_a_name_matches_itself_however_it_is_typed(pair: tuple[str, str]) -> None:
    name, typed = pair
    assert name_key(typed) == name_key(name)
    assert matching(typed, ["Another name", name]) == name


@given(st.text(), st.lists(st.text(), max_size=5))
def test_hostile_names_never_crash_the_rule(typed: str, names: list[str]) -> None:
    assert name_key(name_key(typed)) == name_key(typed)
    found = matching(typed, names)
    assert found is None or name_key(found) == name_key(typed)
    assert set(near_misses(typed, names)) <= set(names)


def test_near_misses_are_slips_not_any_name() -> None:
    names = ["CBS Het Kompas", "OBS De Regenboog", "IKC De Vlinder"]
    assert near_misses("CBS Het Kompass", names) == ["CBS Het Kompas"]
    assert near_misses("obs de regenbooog", names) == ["OBS De Regenboog"]
    assert near_misses("Montessori Zuid", names) == []


def test_teams_are_found_however_their_name_is_typed(engine: Engine) -> None:
    engine.start_team("Rekenen groep 7", "vier_vragen", schools=["CBS Het Kompas"])
    assert engine.members("  rekenen   GROEP 7 ") == []
    engine.start_team("Begrijpend lezen", "vier_vragen")
    assert engine.members("begrijpend lézen") == []
    with pytest.raises(Refused) as refused:
        engine.start_team("rekenen groep 7", "vier_vragen")
    assert refused.value.key == "team_exists"
    assert refused.value.params["team"] == "Rekenen groep 7"
    with pytest.raises(Refused):
        engine.start_team("Rekenen Groep 7 ", "vier_vragen")
    with pytest.raises(NotFound) as missed:
        engine.members("Rekenen groep 8")
    assert missed.value.key == "team_near"
    assert "'Rekenen groep 7'" in missed.value.text("en")
    assert "Bedoelde je 'Rekenen groep 7'?" in missed.value.text("nl")
    with pytest.raises(NotFound) as unknown:
        engine.members("Schrijven")
    assert unknown.value.key == "team_unknown"


def test_a_slip_never_makes_a_school_or_a_person(engine: Engine) -> None:
    engine.add_school("CBS Het Kompas", "06KP")
    engine.add_person("Anna de Vries")
    engine.start_team("Lezen", "vier_vragen", schools=["cbs het kompas"], leader="anna de vries")
    engine.start_team("Taal", "vier_vragen", schools=["06kp"])
    assert [(s.name, s.teams) for s in engine.schools()] == [("CBS Het Kompas", 2)]
    assert [m.person for m in engine.members("lezen")] == ["Anna de Vries"]
    with pytest.raises(NotFound) as school:
        engine.start_team("Rekenen", "vier_vragen", schools=["CBS Het Kompass"])
    assert school.value.key == "school_near"
    assert school.value.params["names"] == "'CBS Het Kompas'"
    with pytest.raises(NotFound) as person:
        engine.start_team("Rekenen", "vier_vragen", leader="Anna de Vris")
    assert person.value.key == "person_near"
    with pytest.raises(NotFound):
        engine.join("Lezen", "Ana de Vries")
    # The words people call a school or a person by are no new name either.
    with pytest.raises(NotFound) as part:
        engine.start_team("Rekenen", "vier_vragen", schools=["Het Kompas"])
    assert part.value.params["names"] == "'CBS Het Kompas'"
    with pytest.raises(NotFound):
        engine.join("Lezen", "de Vries")
    # A name far from every known one is new, as before.
    engine.start_team("Rekenen", "vier_vragen", schools=["De Linde"], leader="Bram Jansen")
    assert [s.name for s in engine.schools()] == ["CBS Het Kompas", "De Linde"]
    # Known people keep the spelling they are known by.
    engine.join("Lezen", "BRAM JANSEN")
    assert [m.person for m in engine.members("Lezen")] == ["Anna de Vries", "Bram Jansen"]
    engine.leave("Lezen", "bram jansen")
    with pytest.raises(Refused) as exists:
        engine.add_school("cbs het kompas")
    assert exists.value.params["school"] == "CBS Het Kompas"
    with pytest.raises(Refused):
        engine.add_person("Anna de vries")


def test_a_school_is_found_by_its_code_or_another_spelling_everywhere(engine: Engine) -> None:
    engine.add_school("CBS Het Kompas", "06KP")
    engine.add_person("Eva Mulder", school="06kp")
    engine.add_director("Eva Mulder", "cbs het kompas")
    page = engine.school("06KP")
    assert (page.name, page.code) == ("CBS Het Kompas", "06KP")
    assert [p.name for p in engine.people(school="CBS HET KOMPAS")] == ["Eva Mulder"]
    with pytest.raises(NotFound) as near:
        engine.people(school="CBS Het Kompass")
    assert near.value.key == "school_near"
    with pytest.raises(NotFound) as unknown:
        engine.people(school="Nergens")
    assert unknown.value.key == "school_unknown"


def test_a_slip_is_refused_with_what_to_do_in_both_languages(plg: Plg) -> None:
    plg("school", "add", "CBS Het Kompas")
    start = ("team", "start", "Rekenen", "--method", "vier_vragen")
    error = plg.error(*start, "--school", "CBS Het Kompass")
    assert "Did you mean 'CBS Het Kompas'?" in error
    assert "plg school add" in error
    plg.lang = "nl"
    error = plg.error(*start, "--school", "CBS Het Kompass")
    assert "Bedoelde je 'CBS Het Kompas'?" in error
    assert "plg school add" in error
    assert plg.json("school", "list")[0]["teams"] == 0


def test_names_that_clash_under_the_rule_survive_the_upgrade(db_url: str, tmp_path: Path) -> None:
    copy = tmp_path / "clash.db"
    shutil.copy(next(path for path in FROZEN if path.stem == "schema-0007"), copy)
    url = f"sqlite:///{copy}"
    # Before keys came, nothing kept these apart.
    sql(url, "INSERT INTO schools (name, code) VALUES ('obs de regenbóóg', NULL)")
    sql(url, "UPDATE teams SET name = 'REKENEN BOVENBOUW' WHERE name = 'Netwerk jonge kind'")
    if not db_url.startswith("sqlite"):
        url = db_url
        copy_to_postgres(copy, url)
    engine = Engine(url, lang="en", actor="Marieke de Boer")
    engine.init()
    assert {s.name for s in engine.schools()} >= {"OBS De Regenboog", "obs de regenbóóg"}
    # Each is still found by its own name; the rule finds the first.
    assert engine.team("REKENEN BOVENBOUW").row.phase == "aanleiding"
    assert engine.team("Rekenen bovenbouw").row.phase == "dataverzameling"
    assert engine.team("rekenen bovenbouw").row.name == "Rekenen bovenbouw"
    assert engine.check().ok
    engine.close()


def test_an_item_is_ticked_by_its_id_or_its_text(engine: Engine) -> None:
    engine.start_team("Lezen", "vier_vragen")
    engine.tick("Lezen", "all members stand behind the goals")
    engine.tick("Lezen", " LEERLINGTAAL")
    done = {item.id for item in engine.checklist("Lezen").items if item.done}
    assert {"eens", "leerlingtaal"} <= done
    with pytest.raises(NotFound) as missed:
        engine.tick("Lezen", "All members stand behind the goal", undo=True)
    assert missed.value.key == "item_near"
    assert missed.value.params["names"] == "'eens'"
    with pytest.raises(NotFound) as unknown:
        engine.tick("Lezen", "Something else entirely")
    assert unknown.value.key == "item_unknown"


def test_tick_without_an_item_lists_the_open_ones(plg: Plg) -> None:
    plg("team", "start", "Lezen", "--method", "vier_vragen")
    shown = plg("tick", "Lezen")
    assert "Open items of 'Lezen'" in shown.stderr
    assert "eens" in shown.stdout
    assert "All members stand behind the goals" in shown.stdout
    assert [i["id"] for i in plg.json("tick", "Lezen")] == ["eens", "leerlingtaal"]
    plg("tick", "Lezen", "all members stand behind the goals")
    plg.lang = "nl"  # the text in the person's own language
    plg("tick", "Lezen", "De doelen zijn ook in leerlingtaal beschreven")
    assert "geen punten meer" in plg("tick", "Lezen").stderr


def test_filters_take_what_people_see(plg: Plg) -> None:
    plg("school", "add", "IKC De Vlinder", "--code", "90VL")
    plg("school", "add", "De Vlinderhof")
    plg("team", "start", "Schrijven", "--method", "vier_vragen", "--school", "De Vlinderhof")
    plg("team", "start", "Lezen", "--method", "lesson_study", "--school", "90vl")
    plg("team", "start", "Rekenen", "--method", "vier_vragen", "--school", "ikc de vlinder")
    shown = plg.json(
        "overview",
        "--school",
        "de vlinder",
        "--phase",
        "Prepare the team",
        "--method",
        "lesson study",
    )
    assert [team["name"] for team in shown["teams"]] == ["Lezen"]
    by_code = plg.json("overview", "--school", "90VL", "--method", "vier_vragen")
    assert [team["name"] for team in by_code["teams"]] == ["Rekenen"]
    assert [team["name"] for team in plg.json("team", "list", "--school", "DE VLINDER")] == [
        "Lezen",
        "Rekenen",
    ]
    missed = plg("overview", "--school", "De Linde", "--phase", "Collect data")
    assert "No team matches these filters." in missed.stderr
    assert "No teams yet" not in missed.stderr + missed.stdout
    assert "Schools: De Vlinderhof, IKC De Vlinder (90VL)" in missed.stderr
    assert "voorbereiden (Prepare the team)" in missed.stderr
    plg.lang = "nl"
    assert "Geen enkel team past" in plg("overview", "--method", "Datateam X").stderr


def test_overview_and_history_read_well_in_80_columns(
    plg: Plg, monkeypatch: pytest.MonkeyPatch
) -> None:
    from plg.cli import display

    monkeypatch.setattr(display, "PIPE_WIDTH", 80)
    plg(
        "team",
        "start",
        "Netwerk begrijpend lezen",
        "--method",
        "datateam",
        "--kind",
        "network",
        "--school",
        "De Vlinder",
        "--school",
        "Het Anker",
    )
    plg("team", "start", "Lezen", "--method", "lesson_study", "--school", "De Vlinder")
    plg("advance", "Lezen", "--force", "--reason", "Agreed at the team meeting on Tuesday")
    for args in (("overview",), ("history", "Lezen")):
        lines = plg(*args).stdout.splitlines()
        assert lines
        assert max(len(line) for line in lines) <= 80, "\n".join(lines)
        # No word cut short with an ellipsis: cells wrap between words.
        assert not any("…" in line for line in lines), "\n".join(lines)
    shown = plg("overview").stdout
    assert "2/6 " in shown
    assert "Netwerk begrijpend" in shown


def test_a_record_kind_is_taken_by_its_id_or_its_title(engine: Engine) -> None:
    from plg.engine.inputs import Content

    engine.start_team("Lezen", "vier_vragen")
    saved = engine.add_record(
        "Lezen", "artefact", "essential learning goals", "Doelen", Content(text="x")
    )
    assert saved.type == "leerdoelen"
    with pytest.raises(NotFound) as missed:
        engine.add_record("Lezen", "artefact", "Common asessment", "Toets", Content(text="x"))
    assert missed.value.key == "record_type_near"
    assert missed.value.params["names"] == "'toets'"


def test_a_roster_names_each_new_person_and_school_once(engine: Engine) -> None:
    from plg.engine.inputs import TeamSpec

    engine.start_teams(
        [
            TeamSpec("A", "vier_vragen", ("De Linde",), "Jan Jansen"),
            TeamSpec("B", "vier_vragen", ("de linde",), "jan jansen"),
            # New beside new is no slip: both are as the roster has them.
            TeamSpec("C", "vier_vragen", ("Het Anker",), "Jan Janssen"),
        ]
    )
    assert [(s.name, s.teams) for s in engine.schools()] == [("De Linde", 2), ("Het Anker", 1)]
    leaders = {team: engine.members(team)[0].person for team in "ABC"}
    assert leaders == {"A": "Jan Jansen", "B": "Jan Jansen", "C": "Jan Janssen"}


def test_people_and_directors_are_found_as_names_match(plg: Plg) -> None:
    plg("school", "add", "CBS Het Kompas", "--code", "06KP")
    plg("person", "add", "Noor Peters", "--school", "06KP")
    assert plg.json("person", "show", "noor peters")["name"] == "Noor Peters"
    assert "Did you mean 'Noor Peters'?" in plg.error("person", "show", "Noor Peterz")
    plg("person", "edit", "NOOR PETERS", "--email", "noor@kompas.example")
    assert "Did you mean 'Noor Peters'?" in plg.error(
        "director", "add", "Noor Peterz", "--school", "06kp"
    )
    plg("director", "add", "noor peters", "--school", "06kp")
    assert plg.json("director", "list") == [{"person": "Noor Peters", "school": "CBS Het Kompas"}]
    # A code is a code however it is written: another school cannot take it in lower case.
    assert "belongs to 'CBS Het Kompas'" in plg.error("school", "add", "De Linde", "--code", "06kp")
    plg("team", "start", "Lezen", "--method", "vier_vragen", "--school", "06KP", "--no-charter")
    assert "No team matches" in plg("team", "list", "--school", "De Linde").stderr

"""A person's functions, and editing someone: by id or by word, in either language."""

from __future__ import annotations

import pytest

from plg import Engine, NotFound, Refused
from plg.engine.inputs import FUNCTIONS, function_of
from plg.errors import InvalidInput
from plg.langs import LANGS
from plg.texts import FUNCTION_WORDS, t
from tests.conftest import Plg


@pytest.mark.parametrize("key", FUNCTIONS)
def test_a_function_is_taken_by_its_id_or_its_word_in_either_language(key: str) -> None:
    for lang in LANGS:
        word = t(FUNCTION_WORDS[key], lang)
        assert function_of(word) == function_of(word.upper()) == key
        assert function_of(f"  {word.title()} ") == key
    assert function_of(key.upper()) == key


def test_the_words_people_use_are_taken() -> None:
    assert function_of("IB") == function_of("ib'er") == function_of("Interne begeleider") == "ib"
    assert function_of("leraar") == "teacher"
    with pytest.raises(InvalidInput) as refused:
        function_of("juf of meester")
    assert "not a function plg knows" in refused.value.text("en")


def test_functions_are_added_shown_and_replaced(plg: Plg) -> None:
    plg("school", "add", "De Linde")
    added = plg.json(
        "person", "add", "Anna", "--school", "De Linde", "--function", "IB",
        "--function", "leerkracht", "--function", "teacher",
    )  # fmt: skip
    assert added["functions"] == ["teacher", "ib"]
    assert "teacher, internal coach" in plg("person", "list").stdout
    assert (
        "Functies: leerkracht, intern begeleider"
        in plg("--lang", "nl", "person", "show", "Anna").stdout
    )
    edited = plg.json("person", "edit", "Anna", "--function", "directeur")
    assert edited == {
        "name": "Anna",
        "email": None,
        "school": "De Linde",
        "functions": ["director"],
    }
    assert plg.json("person", "edit", "Anna", "--function", "")["functions"] == []
    assert "not a function plg knows" in plg.error("person", "add", "Bo", "--function", "kok")


def test_an_edit_changes_only_what_it_is_given(plg: Plg) -> None:
    plg("school", "add", "De Linde")
    plg("school", "add", "Het Anker")
    plg("person", "add", "Anna", "--email", "anna@linde.nl", "--school", "De Linde")
    shown = plg.json("person", "edit", "Anna", "--school", "Het Anker")
    assert shown == {
        "name": "Anna",
        "email": "anna@linde.nl",
        "school": "Het Anker",
        "functions": [],
    }
    renamed = plg.json("person", "edit", "Anna", "--name", "Anna Jansen", "--email", "")
    assert renamed == {"name": "Anna Jansen", "email": None, "school": "Het Anker", "functions": []}
    assert "is updated" in plg("person", "edit", "Anna Jansen", "--school", "").stderr
    assert plg.json("person", "show", "Anna Jansen")["school"] is None


def test_what_an_edit_refuses_changes_nothing(engine: Engine) -> None:
    engine.add_person("Anna", "anna@linde.nl")
    engine.add_person("Bram", "bram@linde.nl")
    with pytest.raises(Refused, match="already belongs to"):
        engine.edit_person("Bram", email="ANNA@linde.nl", functions=["ib"])
    with pytest.raises(Refused, match="already someone named"):
        engine.edit_person("Bram", new_name="Anna")
    with pytest.raises(NotFound, match="Carla"):
        engine.edit_person("Carla", email="c@linde.nl")
    with pytest.raises(NotFound, match="no school"):
        engine.edit_person("Bram", school="Nergens", functions=["ib"])
    with pytest.raises(Refused, match="already belongs to"):
        engine.add_person("Carla", "Bram@Linde.nl")
    assert engine.person("Bram").functions == ()
    assert [p.name for p in engine.people()] == ["Anna", "Bram"]


def test_a_new_name_given_in_an_edit_follows_the_person_into_their_teams(engine: Engine) -> None:
    engine.add_person("Anna")
    engine.add_person("Bram")
    engine.start_team("Lezen", "vier_vragen")
    engine.join("Lezen", "Anna", role="leader")
    edited = engine.edit_person("Anna", new_name="Anna Jansen", functions=["leraar"])
    assert (edited.name, edited.functions) == ("Anna Jansen", ("teacher",))
    assert [m.person for m in engine.members("Lezen")] == ["Anna Jansen"]
    assert [row.leader for row in engine.teams()] == ["Anna Jansen"]
    with pytest.raises(Refused) as refused:
        engine.edit_person("Anna Jansen", new_name="Bram")
    assert "Bram" in refused.value.text("en")
    assert [m.person for m in engine.members("Lezen")] == ["Anna Jansen"]

"""A person's functions, and editing someone: by id or by word, in either language."""

from __future__ import annotations

import uuid
from contextlib import suppress
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plg import Engine, NotFound, Refused
from plg.engine.inputs import FUNCTIONS, function_of
from plg.errors import Conflict, InvalidInput
from plg.langs import LANGS
from plg.present.views import PersonView
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


# What two project leaders may leave in a person's fields: each field's value, or untouched.
_EMAILS = st.sampled_from(["", "a@school.nl", "b@school.nl"])
_SCHOOLS = st.sampled_from(["", "De Linde", "Het Kompas"])
_FUNCTIONS = st.lists(st.sampled_from(FUNCTIONS[:3]), max_size=3, unique=True).map(tuple)
_PAGE = st.fixed_dictionaries(
    {},
    optional={"email": _EMAILS, "school": _SCHOOLS, "functions": _FUNCTIONS},
)


@given(first=_PAGE, second=_PAGE)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_a_page_loaded_before_someone_elses_edit_never_undoes_it(
    engine: Engine, first: dict[str, Any], second: dict[str, Any]
) -> None:
    """Two pages show the same person; the first saves, then the second, sent from what it
    showed before. Every field ends as the last one to change it left it, or the second is
    refused as a whole where both changed one field to different values."""
    for school in ("De Linde", "Het Kompas"):
        with suppress(Refused):
            engine.add_school(school)
    name = f"Anna {uuid.uuid4().hex[:6]}"
    engine.add_person(name, school="De Linde", functions=["teacher"])
    shown = engine.person(name)

    def edit(fields: dict[str, Any]) -> PersonView:
        # A field the page sends as it showed it: what a form does with the fields not touched.
        wanted = {key: fields.get(key, _sent(getattr(shown, key))) for key in _PAGE_KEYS}
        return engine.edit_person(name, **wanted, shown=shown)

    def mail(fields: dict[str, Any]) -> dict[str, Any]:
        # Unique addresses, so that two people never hold one between tests.
        return {k: f"{v}.{name[-6:]}" if k == "email" and v else v for k, v in fields.items()}

    first, second = mail(first), mail(second)
    after_first = edit(first)
    changed = {k for k, v in first.items() if _key(v) != _key(getattr(shown, k))}
    clash = any(
        k in changed and _key(v) != _key(getattr(shown, k)) and _key(v) != _key(first[k])
        for k, v in second.items()
    )
    if clash:
        with pytest.raises(Conflict):
            edit(second)
        assert engine.person(name) == after_first
        return
    final = edit(second)
    for key in _PAGE_KEYS:
        mine = second.get(key)
        if mine is not None and _key(mine) != _key(getattr(shown, key)):
            assert _key(getattr(final, key)) == _key(mine)
        else:
            assert _key(getattr(final, key)) == _key(getattr(after_first, key))


_PAGE_KEYS = ("email", "school", "functions")


def _sent(value: object) -> object:
    return value if isinstance(value, tuple) else (value or "")


def _key(value: object) -> object:
    return frozenset(value) if isinstance(value, tuple) else (value or "")

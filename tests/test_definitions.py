"""Method definitions: the built-ins keep their phases and loop-backs, and validation reports
every fault."""

from __future__ import annotations

import copy
import itertools
import json
from itertools import pairwise
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plg import InvalidMethodDefinition, MethodDefinition, load_definition, load_definition_file
from plg.methods import builtin_methods
from plg.methods.registry import load_registry

# Phase ids in order (docs/index.md lists them) and the loop-backs (trigger, from, to) of each
# built-in method: teams, scripts and the docs refer to them, so a change to one fails here.
EXPECTED = {
    "actieonderzoek": (
        [
            "aanleiding",
            "verkennen",
            "onderzoeksvraag",
            "onderzoeksopzet",
            "dataverzameling",
            "analyse",
            "conclusie",
            "delen",
            "afgerond",
        ],
        {
            ("vraag_bijstellen", "onderzoeksopzet", "onderzoeksvraag"),
            ("meer_data", "analyse", "dataverzameling"),
            ("vraag_herzien", "conclusie", "onderzoeksvraag"),
            ("nieuwe_cyclus", "delen", "aanleiding"),
            ("nieuwe_actieronde", "delen", "dataverzameling"),
        },
    ),
    "lesson_study": (
        [
            "voorbereiden",
            "orientatie",
            "ontwerpen",
            "uitvoeren",
            "nabespreken",
            "delen",
            "afgerond",
        ],
        {("herontwerpen", "nabespreken", "ontwerpen"), ("nieuwe_cyclus", "delen", "orientatie")},
    ),
    "datateam": (
        [
            "probleemdefinitie",
            "hypothesen",
            "dataverzameling",
            "datakwaliteit",
            "analyse",
            "interpretatie",
            "maatregelen",
            "evaluatie",
            "afgerond",
        ],
        {
            ("opnieuw_verzamelen", "datakwaliteit", "dataverzameling"),
            ("verwerpen", "interpretatie", "hypothesen"),
            ("nieuwe_cyclus", "evaluatie", "probleemdefinitie"),
        },
    ),
    "vier_vragen": (
        ["leren", "meten", "intervenieren", "verrijken", "afgerond"],
        {("volgende_eenheid", "verrijken", "leren")},
    ),
}


def _builtin(method_id: str) -> MethodDefinition:
    return load_registry().get(method_id).definition


def test_the_four_builtins_come_through_the_entry_point() -> None:
    methods = load_registry().methods
    assert set(EXPECTED) <= set(methods)
    assert {methods[m].source for m in EXPECTED} == {"builtin"}
    assert load_registry().broken == []


@pytest.mark.parametrize("method_id", sorted(EXPECTED))
def test_builtin_phases_and_loops_match_the_design(method_id: str) -> None:
    definition = _builtin(method_id)
    phases, loops = EXPECTED[method_id]
    assert [p.id for p in definition.phases] == phases
    assert definition.initial == phases[0]
    assert [p.id for p in definition.phases if p.final] == ["afgerond"]
    backward = {
        (tr.trigger, tr.source, tr.dest) for tr in definition.transitions if tr.trigger != "next"
    }
    assert backward == loops
    forward = [(tr.source, tr.dest) for tr in definition.transitions if tr.trigger == "next"]
    assert forward == list(itertools.pairwise(phases))


@pytest.mark.parametrize("method_id", sorted(EXPECTED))
def test_every_working_phase_has_a_real_checklist(method_id: str) -> None:
    for phase in _builtin(method_id).phases:
        if phase.final:
            continue
        assert 3 <= len(phase.checklist) <= 6, phase.id
        assert any(item.satisfied_by for item in phase.checklist), phase.id
        for item in phase.checklist:
            assert item.text.nl != item.text.en, (phase.id, item.id)


def test_builtins_survive_a_dump_and_load_round_trip() -> None:
    for definition in builtin_methods():
        again = load_definition(json.loads(json.dumps(definition.dump())))
        assert again == definition
        assert again.sha256 == definition.sha256


def _valid() -> dict[str, Any]:
    return copy.deepcopy(_builtin("vier_vragen").dump())


def _faults(data: object) -> list[str]:
    with pytest.raises(InvalidMethodDefinition) as caught:
        load_definition(data, "test")
    return [fault.text("en") for fault in caught.value.faults]


def test_every_fault_is_reported_at_once_with_its_place() -> None:
    data = _valid()
    del data["phases"][1]["checklist"][0]["text"]["en"]
    data["phases"][2]["id"] = "Not An Id"
    data["transitions"][0]["trigger"] = ""
    faults = _faults(data)
    assert "phases[1].checklist[0].text.en: missing" in faults
    assert any(f.startswith("phases[2].id:") for f in faults)
    assert any(f.startswith("transitions[0].trigger:") for f in faults)
    assert len(faults) == 3


def test_structural_faults_are_all_reported() -> None:
    data = _valid()
    data["transitions"].append({"trigger": "jump", "source": "leren", "dest": "nergens"})
    data["transitions"][1]["guards"] = [{"name": "magic"}]
    data["phases"][0]["checklist"].append(dict(data["phases"][0]["checklist"][0]))
    data["phases"][0]["checklist"][1]["satisfied_by"] = "artefact:unknown"
    faults = _faults(data)
    assert "transitions[5].dest: unknown phase 'nergens'" in faults
    assert any(f.startswith("transitions[1].guards[0]: unknown guard 'magic'") for f in faults)
    assert "phases[0].checklist: the id 'charter' is used more than once" in faults
    assert (
        "phases[0].checklist[1].satisfied_by: 'artefact:unknown' is not a declared artefact "
        "type or evidence kind" in faults
    )


def test_unreachable_trap_and_final_faults() -> None:
    data = _valid()
    # Drop meten -> intervenieren: intervenieren and verrijken become unreachable and meten a trap.
    data["transitions"] = [t for t in data["transitions"] if t["source"] != "meten"]
    data["phases"][4]["final"] = False
    faults = _faults(data)
    assert "phases[1]: phase 'meten' is not final but has no way out" in faults
    assert "phases[2]: phase 'intervenieren' cannot be reached from the initial phase" in faults
    assert "phases: no phase is final; mark the closing phase with final: true" in faults


def test_guard_parameters_are_checked() -> None:
    data = _valid()
    data["transitions"][0]["guards"] = [
        {"name": "min_evidence", "params": {"kind": "toetsresultaten", "count": "three"}},
        {"name": "has_artefact", "params": {"type": "nothing", "extra": 1}},
    ]
    faults = _faults(data)
    assert any("'count' of guard 'min_evidence' must be of type int" in f for f in faults)
    assert any("guard 'has_artefact' has no parameter 'extra'" in f for f in faults)
    assert any("'artefact:nothing' is not a declared" in f for f in faults)


def test_faults_are_translated() -> None:
    data = _valid()
    del data["title"]
    with pytest.raises(InvalidMethodDefinition) as caught:
        load_definition(data, "x.yaml")
    assert caught.value.text("nl").splitlines() == [
        "De methodedefinitie x.yaml heeft 1 fout(en):",
        "  title: ontbreekt",
    ]


# -- Hypothesis --------------------------------------------------------------------------------

ids = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
texts = st.builds(
    lambda nl, en: {"nl": nl, "en": en},
    st.text(min_size=1, max_size=20).filter(str.strip),
    st.text(min_size=1, max_size=20).filter(str.strip),
)


@st.composite
def definitions(draw: st.DrawFn) -> dict[str, Any]:
    """Valid definitions of any size: a chain of phases with `next`, plus random loop-backs."""
    phase_ids = draw(st.lists(ids, min_size=2, max_size=8, unique=True))
    kinds = draw(st.lists(ids, max_size=3, unique=True))
    phases = []
    for index, phase_id in enumerate(phase_ids):
        final = index == len(phase_ids) - 1
        items = (
            []
            if final
            else draw(
                st.lists(
                    st.builds(
                        lambda i, x, r, s: {"id": i, "text": x, "required": r, "satisfied_by": s},
                        ids,
                        texts,
                        st.booleans(),
                        st.none() | st.sampled_from([f"artefact:{k}" for k in kinds] or [None]),
                    ),
                    max_size=4,
                    unique_by=lambda item: item["id"],
                )
            )
        )
        phases.append(
            {
                "id": phase_id,
                "title": draw(texts),
                "guidance": draw(texts),
                "checklist": items,
                "final": final,
            }
        )
    transitions = [
        {"trigger": "next", "source": a, "dest": b} for a, b in itertools.pairwise(phase_ids)
    ]
    for index in range(1, len(phase_ids) - 1):
        if draw(st.booleans()):
            back = draw(st.integers(0, index))
            transitions.append(
                {
                    "trigger": f"back{index}",
                    "source": phase_ids[index],
                    "dest": phase_ids[back],
                    "guards": [],
                    "increments": ["loop"],
                }
            )
    return {
        "id": draw(ids),
        "version": "1.0",
        "title": draw(texts),
        "description": draw(texts),
        "initial": phase_ids[0],
        "phases": phases,
        "transitions": transitions,
        "counters": [{"id": "loop", "title": draw(texts)}],
        "artefact_types": [{"id": k, "title": draw(texts)} for k in kinds],
    }


@given(definitions())
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_random_definitions_round_trip_unchanged(data: dict[str, Any]) -> None:
    definition = load_definition(data)
    dumped = definition.dump()
    assert load_definition(json.loads(json.dumps(dumped))) == definition
    assert load_definition(dumped).canonical_json() == definition.canonical_json()


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def broken(draw: st.DrawFn) -> Any:
    """A valid definition with one part replaced by junk, or junk altogether."""
    if draw(st.booleans()):
        return draw(json_values)
    data = draw(definitions())
    target: Any = data
    path = draw(st.lists(st.integers(0, 5), min_size=1, max_size=4))
    for step in path[:-1]:
        keys = list(target) if isinstance(target, dict) else list(range(len(target)))
        if not keys:
            break
        child = target[keys[step % len(keys)]]
        if not isinstance(child, dict | list):
            break
        target = child
    keys = list(target) if isinstance(target, dict) else list(range(len(target)))
    if keys:
        key = keys[path[-1] % len(keys)]
        if draw(st.booleans()):
            del target[key]
        else:
            target[key] = draw(json_values)
    return data


@given(broken())
@settings(max_examples=400)
def test_broken_definitions_raise_only_invalid_method_definition(data: Any) -> None:
    try:
        load_definition(data)
    except InvalidMethodDefinition as exc:
        faults = exc.faults
    else:
        return  # the mutation happened to leave a valid definition
    assert faults
    assert all(fault.text("nl") and fault.text("en") for fault in faults)


def _file(tmp_path_factory: pytest.TempPathFactory, content: bytes) -> Path:
    path = tmp_path_factory.mktemp("defs") / "method.yaml"
    path.write_bytes(content)
    return path


def _accepted_or_refused(path: Path) -> None:
    try:
        load_definition_file(path)
    except InvalidMethodDefinition as exc:
        faults = exc.faults
    else:
        return
    assert faults
    assert all(fault.text("en") for fault in faults)


@given(content=st.binary(max_size=300))
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_bytes_are_accepted_or_refused(
    tmp_path_factory: pytest.TempPathFactory, content: bytes
) -> None:
    _accepted_or_refused(_file(tmp_path_factory, content))


@given(data=json_values | definitions() | broken())
@settings(max_examples=200, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_yaml_is_accepted_or_refused(
    tmp_path_factory: pytest.TempPathFactory, data: Any
) -> None:
    text = yaml.safe_dump(data, allow_unicode=True)
    _accepted_or_refused(_file(tmp_path_factory, text.encode("utf-8")))


@pytest.mark.parametrize(
    "content",
    [
        "[" * 20_000 + "]" * 20_000,
        '{"a": ' * 20_000 + "1" + "}" * 20_000,
        "x: " + "y" * (2 * 1024 * 1024),
        "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
        "c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
        "!!python/object/apply:os.system ['echo hacked']",
    ],
    ids=["deep-list", "deep-json", "huge", "aliases", "python-tag"],
)
def test_hostile_files_are_refused_quickly(tmp_path: Path, content: str) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidMethodDefinition):
        load_definition_file(path)


def test_the_json_schema_accepts_what_plg_accepts() -> None:
    import jsonschema

    from plg.methods.reference import json_schema

    schema = json_schema()
    root = Path(__file__).parents[1]
    files = [
        *(root / "plg" / "methods").glob("*.yaml"),
        root / "examples" / "plg-spiral" / "src" / "plg_spiral" / "spiral.yaml",
    ]
    for path in files:
        jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), schema)
    wrong = yaml.safe_load(files[0].read_text(encoding="utf-8"))
    wrong["phases"][0]["colour"] = "red"
    with pytest.raises(jsonschema.ValidationError, match="colour"):
        jsonschema.validate(wrong, schema)


@settings(max_examples=60, deadline=None)
@given(definitions(), st.sampled_from(["nl", "en"]))
def test_the_web_diagram_of_any_definition_keeps_every_word_apart(
    data: dict[str, Any], lang: str
) -> None:
    """Every phase has its box, every move its line, and no two words of the moves share a
    line of the picture or leave it."""
    from plg.present.graph import layout

    definition = MethodDefinition.model_validate(data)
    current = definition.phases[-1].id
    drawn = layout(definition, "en" if lang == "en" else "nl", current)
    assert [box.id for box in drawn.boxes] == [phase.id for phase in definition.phases]
    assert [box.current for box in drawn.boxes].count(True) == 1
    assert len(drawn.edges) == len(definition.transitions)
    heights = sorted(edge.label_y for edge in drawn.edges if edge.label)
    assert all(lower - upper >= 16 for upper, lower in pairwise(heights))
    assert all(0 < y < drawn.height for y in heights)
    assert all(drawn.x + drawn.box_width < edge.label_x < drawn.width for edge in drawn.edges)

"""The engine through its public API: moves, refusals, records, pinning, and storage rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from plg import (
    Content,
    DatabaseError,
    Engine,
    InvalidInput,
    MethodDefinition,
    NotFound,
    Refused,
    StaleWrite,
    load_definition,
)
from plg.engine.inputs import CHARTER_QUESTIONS
from plg.methods.registry import Registry, Source, load_registry
from plg.methods.versions import built_machines
from plg.storage import reads
from tests.conftest import sql


def _start(engine: Engine, name: str = "Lezen", method: str = "vier_vragen") -> str:
    engine.start_team(name, method, schools=["De Regenboog"], leader="Anna")
    return name


def _charter(engine: Engine, name: str) -> None:
    engine.set_charter(name, dict.fromkeys(CHARTER_QUESTIONS, "Agreed"), date(2099, 1, 1))
    engine.set_need(name, "Anna", "Feedback")


def _finish_leren(engine: Engine, name: str) -> None:
    _charter(engine, name)
    engine.tick(name, "eens")
    engine.add_record(name, "artefact", "leerdoelen", "Doelen", Content(text="breuken"))


def test_a_new_team_starts_at_the_first_phase(engine: Engine) -> None:
    view = engine.start_team("Lezen", "datateam", schools=["B", "A"], leader="Anna", kind="network")
    assert view.row.phase == "probleemdefinitie"
    assert view.row.status == "active"
    assert view.row.schools == ("A", "B")
    assert view.row.counters == {"hypothese": 1, "cyclus": 1}
    assert view.row.kind == "network"
    assert [m.trigger for m in view.moves] == ["next"]
    assert not view.checklist.complete
    assert [e.kind for e in engine.history("Lezen")] == ["start"]


def test_next_is_refused_with_the_open_items(engine: Engine) -> None:
    name = _start(engine)
    with pytest.raises(Refused) as refused:
        engine.advance(name)
    message = refused.value.text("en")
    assert "open item 'leerdoelen'" in message
    assert "open item 'eens'" in message
    assert "leerlingtaal" not in message  # optional items never block
    assert engine.team(name).row.phase == "leren"
    assert [e.kind for e in engine.history(name)] == ["start"]


def test_ticks_and_records_complete_the_checklist(engine: Engine) -> None:
    name = _start(engine)
    engine.tick(name, "eens")
    assert not engine.checklist(name).complete
    engine.add_record(name, "artefact", "leerdoelen", "Doelen", Content(text="breuken"))
    assert not engine.checklist(name).complete
    _charter(engine, name)
    checklist = engine.checklist(name)
    assert checklist.complete
    assert {i.id: i.done for i in checklist.items} == {
        "charter": True,
        "leerdoelen": True,
        "eens": True,
        "leerlingtaal": False,
    }
    view = engine.advance(name)
    assert view.row.phase == "meten"
    assert view.row.phase_index == 2
    assert not view.checklist.complete  # a new phase starts with its own checklist


def test_untick_and_double_ticks(engine: Engine) -> None:
    name = _start(engine)
    engine.tick(name, "eens")
    with pytest.raises(Refused, match="already ticked"):
        engine.tick(name, "eens")
    engine.tick(name, "eens", undo=True)
    with pytest.raises(Refused, match="already not ticked"):
        engine.tick(name, "eens", undo=True)
    assert [e.kind for e in engine.history(name)] == ["start", "tick", "untick"]


def test_items_saved_by_records_cannot_be_ticked_by_hand(engine: Engine) -> None:
    name = _start(engine)
    with pytest.raises(Refused, match="not by hand") as refused:
        engine.tick(name, "leerdoelen")
    # The command that saves it, for the command line's advice.
    assert refused.value.params["command"] == "plg artefact add"


def test_unknown_things_are_named(engine: Engine) -> None:
    name = _start(engine)
    with pytest.raises(NotFound, match="no team 'Nope'"):
        engine.team("Nope")
    with pytest.raises(NotFound, match="Available: actieonderzoek, datateam"):
        engine.start_team("X", "scrum")
    with pytest.raises(NotFound, match="Items: charter, leerdoelen, eens, leerlingtaal"):
        engine.tick(name, "koffie")
    with pytest.raises(NotFound, match="Possible now: next"):
        engine.advance(name, "volgende_eenheid")
    with pytest.raises(NotFound, match="Types: leerdoelen, toets"):
        engine.add_record(name, "artefact", "poster", "P", Content(text="x"))


def test_team_names_are_unique_and_clean(engine: Engine) -> None:
    _start(engine, "Lezen")
    with pytest.raises(Refused, match="already exists"):
        engine.start_team("  Lezen ", "datateam")
    for bad in ("", "   ", "a\x00b", "x" * 121, "tab\there"):
        with pytest.raises(InvalidInput):
            engine.start_team(bad, "datateam")
    with pytest.raises(InvalidInput, match="internal"):
        engine.start_team("Y", "datateam", kind="club")


def test_a_forced_move_needs_and_keeps_its_reason(engine: Engine) -> None:
    name = _start(engine)
    with pytest.raises(InvalidInput, match="needs a reason"):
        engine.advance(name, force=True)
    with pytest.raises(InvalidInput):
        engine.advance(name, force=True, reason="   ")
    view = engine.advance(name, force=True, reason="goals set by the school board")
    assert view.row.phase == "meten"
    last = engine.history(name)[-1]
    assert (last.kind, last.source, last.dest, last.reason) == (
        "force",
        "leren",
        "meten",
        "goals set by the school board",
    )


def test_loop_back_counts_and_starts_the_phase_afresh(engine: Engine) -> None:
    name = _start(engine)
    for _ in range(3):
        engine.advance(name, force=True, reason="skip")
    assert engine.team(name).row.phase == "verrijken"
    engine.tick(name, "groepen")
    engine.tick(name, "uitgevoerd")
    engine.add_record(name, "artefact", "verrijkingsplan", "Plan", Content(text="puzzels"))
    view = engine.advance(name, "volgende_eenheid")
    assert (view.row.phase, view.row.counters) == ("leren", {"eenheid": 2})
    # The checklist of the new round is empty, although the first round ticked 'eens'.
    assert engine.checklist(name).done == 0
    assert engine.replay(name) == ("leren", {"eenheid": 2})


def test_counters_reset_when_a_new_cycle_starts(engine: Engine) -> None:
    name = _start(engine, method="lesson_study")
    for _ in range(4):
        engine.advance(name, force=True, reason="r")
    engine.advance(name, "herontwerpen", force=True, reason="r")
    assert engine.team(name).row.counters == {"onderzoeksles": 2, "cyclus": 1}
    for _ in range(3):
        engine.advance(name, force=True, reason="r")
    view = engine.advance(name, "nieuwe_cyclus", force=True, reason="r")
    assert view.row.counters == {"onderzoeksles": 1, "cyclus": 2}
    assert engine.replay(name) == ("orientatie", {"onderzoeksles": 1, "cyclus": 2})


def test_min_evidence_guard_asks_for_three_observations(engine: Engine) -> None:
    # Lesson study as a definition author might write it: observation sheets as evidence,
    # three of them, instead of the case pupils' register.
    data = load_registry().get("lesson_study").definition.dump()
    data["version"] = "9.0"
    teach = next(p for p in data["phases"] if p["id"] == "uitvoeren")
    teach["checklist"] = [i for i in teach["checklist"] if i["id"] != "observaties"]
    move = next(t for t in data["transitions"] if t["source"] == "uitvoeren")
    move["guards"] = [
        {"name": "checklist_complete"},
        {"name": "min_evidence", "params": {"kind": "observatie", "count": 3}},
    ]
    methods = Registry()
    methods.add(load_definition(data), Source("a definition file", "file", "9.0", "tests"))
    written = Engine(engine.store.url_text, lang="en", methods=methods)
    try:
        _three_observations(written)
    finally:
        written.close()


def _three_observations(engine: Engine) -> None:
    name = _start(engine, method="lesson_study")
    for _ in range(3):
        engine.advance(name, force=True, reason="r")
    shown = engine.team(name).moves[0].blocking
    with pytest.raises(Refused) as refused:
        engine.advance(name)
    # Every guard has its say, in the refusal as on the team's page: items first, then the count.
    assert refused.value.params["failures"] == "; ".join(shown)
    assert (shown[0], shown[-1]) == ("open item 'gegeven'", "0 of 3 observatie saved in this phase")
    engine.tick(name, "gegeven")
    engine.add_record(name, "evidence", "interview", "Interview A", Content(text="..."))
    engine.add_record(name, "evidence", "observatie", "Leerling A", Content(text="..."))
    assert engine.checklist(name).complete
    with pytest.raises(Refused, match="1 of 3 observatie"):
        engine.advance(name)
    engine.add_record(name, "evidence", "observatie", "Leerling B", Content(value=4.5))
    engine.add_record(name, "evidence", "observatie", "Leerling C", Content(text="..."))
    assert engine.advance(name).row.phase == "nabespreken"


def test_a_completed_team_changes_no_more(engine: Engine) -> None:
    name = _start(engine)
    for _ in range(4):
        view = engine.advance(name, force=True, reason="r")
    assert (view.row.phase, view.row.status) == ("afgerond", "completed")
    assert view.moves == ()
    for action in (
        lambda: engine.advance(name),
        lambda: engine.tick(name, "eens"),
        lambda: engine.add_record(name, "artefact", "toets", "t", Content(text="x")),
    ):
        with pytest.raises(Refused, match="completed"):
            action()


def test_record_content_rules(engine: Engine, tmp_path: Path) -> None:
    name = _start(engine)
    with pytest.raises(InvalidInput, match="exactly one"):
        engine.add_record(name, "artefact", "leerdoelen", "T", Content())
    with pytest.raises(InvalidInput, match="exactly one"):
        engine.add_record(name, "artefact", "leerdoelen", "T", Content(text="a", value=1))
    with pytest.raises(InvalidInput, match="exactly one"):
        engine.add_record(name, "artefact", "leerdoelen", "T", Content(value=1.0))
    with pytest.raises(InvalidInput, match="title"):
        engine.add_record(name, "artefact", "leerdoelen", " ", Content(text="a"))
    with pytest.raises(InvalidInput, match="Cannot read the file"):
        engine.add_record(name, "artefact", "leerdoelen", "T", Content(file=tmp_path / "no"))
    assert [e.kind for e in engine.history(name)] == ["start"]  # nothing half-written


def test_files_are_stored_once_by_content_hash(engine: Engine, tmp_path: Path) -> None:
    name = _start(engine)
    plan = tmp_path / "lesplan.pdf"
    plan.write_bytes(b"%PDF-1.4 lesson plan \x00\xff")
    first = engine.add_record(name, "artefact", "leerdoelen", "Plan", Content(file=plan))
    copy = tmp_path / "copy.pdf"
    copy.write_bytes(plan.read_bytes())
    second = engine.add_record(name, "artefact", "leerdoelen", "Copy", Content(file=copy))
    assert first.sha256 == second.sha256
    assert (first.filename, first.size) == ("lesplan.pdf", len(plan.read_bytes()))
    assert engine.record_file(name, "artefact", second.id) == ("copy.pdf", plan.read_bytes())
    assert sql(engine.store.url_text, "SELECT count(*) FROM blobs") == 1


def test_a_team_keeps_its_pinned_definition(engine: Engine) -> None:
    name = _start(engine)
    data = load_registry().get("vier_vragen").definition.dump()
    data["version"] = "2.0"
    data["phases"][0]["checklist"] = data["phases"][0]["checklist"][:1]
    changed = Registry()
    changed.add(load_definition(data), Source("a plugin", "plugin", "2.0", "tests"))
    upgraded = Engine(engine.store.url_text, lang="en", methods=changed)
    view = upgraded.team(name)
    assert view.row.method_version == "1.1"
    assert len(view.checklist.items) == 4  # still the items of the version it started on
    upgraded.start_team("Nieuw", "vier_vragen")
    assert upgraded.team("Nieuw").row.method_version == "2.0"
    assert len(upgraded.checklist("Nieuw").items) == 1
    upgraded.close()


def test_the_overview_shows_the_phases_of_every_version_teams_run(engine: Engine) -> None:
    """Newest version first (the one stored last), then the phases only an older one has."""
    _start(engine, "Old")
    data = load_registry().get("vier_vragen").definition.dump()
    data["version"] = "2.0"
    data["phases"][1]["id"] = "toetsen"
    for move in data["transitions"]:
        move["source"] = "toetsen" if move["source"] == "meten" else move["source"]
        move["dest"] = "toetsen" if move["dest"] == "meten" else move["dest"]
    changed = Registry()
    changed.add(load_definition(data), Source("a plugin", "plugin", "2.0", "tests"))
    upgraded = Engine(engine.store.url_text, lang="en", methods=changed)
    upgraded.start_team("New", "vier_vragen")
    title, phases = upgraded.overview().methods["vier_vragen"]
    assert title == "The four questions of a PLC"
    newest = ["leren", "toetsen", "intervenieren", "verrijken", "afgerond"]
    assert [pid for pid, _ in phases] == [*newest, "meten"]
    upgraded.close()


def test_teams_share_one_machine_per_definition(engine: Engine) -> None:
    _start(engine, "first")
    engine.advance("first", force=True, reason="r")
    before = built_machines()
    for number in range(20):
        engine.start_team(f"team {number}", "vier_vragen")
        engine.advance(f"team {number}", force=True, reason="r")
    assert built_machines() == before


def test_a_version_is_one_definition_and_one_machine_from_loading_to_its_teams(
    engine: Engine,
) -> None:
    installed = engine.method("vier_vragen").definition
    assert load_registry().get("vier_vragen").definition is installed
    assert engine.start_team("T", "vier_vragen").definition is installed
    built = built_machines()
    other = Engine(engine.store.url_text, lang="en")
    try:
        # Read back from its stored snapshot by an engine of its own: the same version, and the
        # machine its moves were listed with as it started.
        assert other.advance("T", force=True, reason="r").definition is installed
    finally:
        other.close()
    assert built_machines() == built


def test_lists_and_filters(engine: Engine) -> None:
    engine.start_team("A", "vier_vragen", schools=["North"])
    engine.start_team("B", "datateam", schools=["South"])
    engine.start_team("C", "datateam", schools=["North", "South"], kind="network")
    engine.advance("C", force=True, reason="r")
    assert [r.name for r in engine.teams()] == ["A", "B", "C"]
    assert [r.name for r in engine.teams(school="North")] == ["A", "C"]
    assert [r.name for r in engine.teams(method="datateam")] == ["B", "C"]
    assert [r.name for r in engine.teams(phase="hypothesen")] == ["C"]
    overview = engine.overview().to_json()
    assert overview["by_method"] == {"datateam": 2, "vier_vragen": 1}
    assert overview["by_phase"]["datateam"] == {"hypothesen": 1, "probleemdefinitie": 1}


def test_stalled_teams_come_first(db_url: str) -> None:
    from datetime import UTC, datetime

    now = [datetime(2026, 1, 1, tzinfo=UTC)]
    engine = Engine(db_url, lang="en", clock=lambda: now[0])
    engine.init()
    engine.start_team("New", "datateam")
    engine.start_team("Old", "datateam")
    now[0] = datetime(2026, 11, 1, tzinfo=UTC)
    engine.tick("New", "meetbaar")
    rows = engine.overview(stalled_days=30).teams
    assert [(r.name, r.stalled) for r in rows] == [("Old", True), ("New", False)]
    engine.close()


def test_a_missing_database_is_not_created_by_reading(tmp_path: Path) -> None:
    path = tmp_path / "nothing.db"
    engine = Engine(f"sqlite:///{path}")
    with pytest.raises(DatabaseError, match="There is no plg database"):
        engine.teams()
    engine.close()
    assert not path.exists()


def test_a_newer_database_is_refused(engine: Engine) -> None:
    sql(engine.store.url_text, "UPDATE alembic_version SET version_num = '9999'")
    fresh = Engine(engine.store.url_text)
    with pytest.raises(DatabaseError, match="newer plg"):
        fresh.teams()
    with pytest.raises(DatabaseError, match="newer plg"):
        fresh.init()
    fresh.close()


def test_init_is_safe_to_repeat(engine: Engine) -> None:
    _start(engine)
    assert engine.init() == engine.init()
    assert engine.team("Lezen").row.phase == "leren"


def test_definitions_are_plain_data() -> None:
    assert isinstance(load_registry().get("datateam").definition, MethodDefinition)


def test_text_that_no_database_can_store_is_refused(engine: Engine) -> None:
    name = _start(engine)
    for bad in ("nul \x00 inside", "lone \udcff surrogate"):
        with pytest.raises(InvalidInput, match="cannot be stored"):
            engine.add_record(name, "artefact", "leerdoelen", "T", Content(text=bad))
        with pytest.raises(InvalidInput, match="cannot be stored"):
            engine.advance(name, force=True, reason=bad)
        with pytest.raises(InvalidInput):
            engine.start_team(bad, "datateam")
    kept = engine.add_record(
        name, "artefact", "leerdoelen", "Ünïcode ✓", Content(text="regel 1\nregel 2\ttab 🙂")
    )
    assert engine.records(name, "artefact")[0] == kept
    assert [e.kind for e in engine.history(name)] == ["start", "artefact"]


def test_a_stored_file_comes_back_unchanged(engine: Engine, tmp_path: Path) -> None:
    name = _start(engine)
    data = bytes(range(256)) * 10
    (tmp_path / "scan.png").write_bytes(data)
    saved = engine.add_record(
        name, "artefact", "leerdoelen", "Scan", Content(file=tmp_path / "scan.png")
    )
    assert engine.record_file(name, "artefact", saved.id) == ("scan.png", data)
    text_only = engine.add_record(name, "artefact", "leerdoelen", "Note", Content(text="x"))
    with pytest.raises(NotFound, match="holds no file"):
        engine.record_file(name, "artefact", text_only.id)
    with pytest.raises(NotFound, match="no evidence with id"):
        engine.record_file(name, "evidence", saved.id)
    _start(engine, "Other")
    with pytest.raises(NotFound, match="no artefact with id"):
        engine.record_file("Other", "artefact", saved.id)


def test_concurrent_writers_lose_nothing(engine: Engine) -> None:
    from concurrent.futures import ThreadPoolExecutor

    name = _start(engine, method="lesson_study")
    url = engine.store.url_text

    def writer(number: int) -> None:
        own = Engine(url, actor=f"writer {number}", lang="en")
        for step in range(8):
            own.add_record(
                name, "evidence", "observatie", f"w{number} s{step}", Content(value=float(step))
            )
        own.close()

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(writer, range(4)))
    events = engine.history(name)
    assert [e.seq for e in events] == list(range(1, 4 * 8 + 2))
    assert len(engine.records(name, "evidence")) == 4 * 8
    assert {e.actor for e in events[1:]} == {f"writer {n}" for n in range(4)}


def test_a_team_changed_since_it_was_read_is_refused_whole(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The row version guards every change: if the team's row changed between reading it and
    writing it, nothing of the change is written."""
    name = _start(engine)
    read = reads.visit

    def meddle(session: Any, team_id: int, *rest: Any) -> reads.Visit:
        # What another writer would have done in between, were the row not locked.
        session.connection().execute(
            text("UPDATE teams SET row_version = row_version + 1 WHERE id = :id"), {"id": team_id}
        )
        return read(session, team_id, *rest)

    monkeypatch.setattr(reads, "visit", meddle)
    with pytest.raises(StaleWrite, match="changed"):
        engine.advance(name, force=True, reason="in a hurry")
    monkeypatch.undo()
    assert engine.team(name).row.phase == "leren"
    assert [event.kind for event in engine.history(name)] == ["start"]
    assert engine.advance(name, force=True, reason="now").row.phase == "meten"


def test_a_record_id_past_the_id_column_is_not_found(engine: Engine) -> None:
    """On PostgreSQL ids are 32 bits; a larger one names no record, on every database."""
    engine.start_team("Ids", "vier_vragen")
    for record_id in (0, -1, 2**31, 2**63 - 1, 10**30):
        with pytest.raises(NotFound, match="has no artefact"):
            engine.record_file("Ids", "artefact", record_id)

"""Plugins and definition files: installed, used, broken, upgraded and removed, while running
teams keep working."""

from __future__ import annotations

import importlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from plg import Engine
from plg.methods.registry import forget_plugins
from tests.conftest import Plg
from tests.walk import walk

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "examples" / "plg-spiral"
SPIRAL = EXAMPLE / "src" / "plg_spiral" / "spiral.yaml"

QUESTIONS = """\
id: vragen
version: "1.0"
title: {nl: Drie vragen, en: Three questions}
description: {nl: Beantwoord er minstens twee., en: Answer at least two.}
initial: vragen
phases:
  - id: vragen
    title: {nl: Vragen, en: Questions}
    guidance: {nl: Kies er twee., en: Pick two.}
    checklist:
      - {id: een, text: {nl: Vraag een, en: Question one}, required: false}
      - {id: twee, text: {nl: Vraag twee, en: Question two}, required: false}
      - {id: drie, text: {nl: Vraag drie, en: Question three}, required: false}
  - id: afgerond
    title: {nl: Afgerond, en: Completed}
    guidance: {nl: Klaar., en: Done.}
    final: true
transitions:
  - trigger: next
    source: vragen
    dest: afgerond
    guards: [checklist_complete, {name: min_ticks, params: {count: 2}}]
"""


def _pip(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", "--disable-pip-version-check", "--quiet", *args],
        check=True,
        capture_output=True,
    )
    importlib.invalidate_caches()
    forget_plugins()


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    methods = tmp_path / "methods"
    methods.mkdir()
    monkeypatch.setenv("PLG_METHODS_PATH", str(methods))
    return methods


def test_plugin_lifecycle(sqlite_url: str, folder: Path, tmp_path: Path) -> None:
    plg = Plg(sqlite_url)
    plg("init")
    attachment = tmp_path / "notes.txt"
    attachment.write_text("notes")
    _pip("install", "--no-deps", str(EXAMPLE))
    try:
        listed = {m["id"]: m for m in plg.json("methods", "list")}
        assert listed["spiral"]["source"] == "plg-spiral"
        sources = plg.json("plugins")
        spiral = [s for s in sources if s["name"] == "plg-spiral"]
        assert {(s["kind"], s["version"]) for s in spiral} == {("plugin", "1.0.0")}
        assert sorted(name for s in spiral for name in s["methods"] + s["guards"]) == [
            "min_ticks",
            "spiral",
        ]
        assert all(not s["problems"] for s in sources)

        plg("team", "start", "Spiraal", "--method", "spiral")
        walk(plg, "Spiraal", attachment)
        plg("team", "start", "Halverwege", "--method", "spiral")
        plg("tick", "Halverwege", "breed_gekeken")

        # A school's own definition file can use the guard the plugin adds.
        (folder / "vragen.yaml").write_text(QUESTIONS, encoding="utf-8")
        plg("team", "start", "Vragen", "--method", "vragen")
        plg("tick", "Vragen", "een")
        assert "1 of 2 questions answered" in plg.error("advance", "Vragen")
    finally:
        _pip("uninstall", "--yes", "plg-spiral")

    assert "spiral" not in {m["id"] for m in plg.json("methods", "list")}
    assert "unknown guard 'min_ticks'" in plg("methods", "list").stdout  # the file, now broken
    # Teams keep running on the definitions they started with.
    assert plg.json("team", "show", "Spiraal")["status"] == "completed"
    plg("tick", "Halverwege", "samen_besproken")
    plg(
        "evidence",
        "add",
        "Halverwege",
        "--kind",
        "leerlingstem",
        "--title",
        "Gesprek",
        "--text",
        "wat leerlingen zeiden",
    )
    assert plg.json("advance", "Halverwege")["phase"] == "focussen"
    plg("tick", "Vragen", "twee")
    assert "not installed any more" in plg.error("advance", "Vragen")
    forced = plg.json("advance", "Vragen", "--force", "--reason", "guard plugin removed")
    assert forced["status"] == "completed"


def test_the_same_method_from_a_definition_file(plg: Plg, folder: Path, tmp_path: Path) -> None:
    shutil.copy(SPIRAL, folder / "spiral.yaml")
    listed = {m["id"]: m for m in plg.json("methods", "list")}
    assert listed["spiral"]["source"] == str(folder / "spiral.yaml")
    assert {
        "name": str(folder / "spiral.yaml"),
        "kind": "file",
        "version": "1.0",
        "location": str(folder),
        "methods": ["spiral"],
        "guards": [],
        "problems": [],
    } in plg.json("plugins")
    plg("team", "start", "Spiraal", "--method", "spiral")
    (tmp_path / "a.txt").write_text("a")
    taken = walk(plg, "Spiraal", tmp_path / "a.txt")
    assert ("nagaan", "nieuwe_spiraal") in taken
    assert plg.json("team", "show", "Spiraal")["counters"] == {"spiraal": 2}


def test_broken_sources_are_reported_and_skipped(plg: Plg, folder: Path) -> None:
    (folder / "kapot.yaml").write_text("id: [unclosed", encoding="utf-8")
    (folder / "dubbel.yaml").write_text(
        (ROOT / "plg" / "methods" / "datateam.yaml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    (folder / "notes.txt").write_text("not a definition")
    table = plg("methods", "list").stdout
    assert "broken" in table
    assert "kapot.yaml" in table
    assert "method 'datateam' already comes from builtin" in table
    problems = {s["name"]: s["problems"] for s in plg.json("plugins") if s["problems"]}
    assert set(problems) == {str(folder / "kapot.yaml"), str(folder / "dubbel.yaml")}
    assert "Skipped method plugin" in plg("methods", "list", "--json").stderr
    assert {m["id"]: m["source"] for m in plg.json("methods", "list")}["datateam"] == "builtin"
    # Told in the reader's language, like everything else.
    dutch = Plg(plg.url, lang="nl")
    assert "methode 'datateam' komt al van builtin" in dutch("methods", "list").stdout
    dutch_problems = " ".join(p for s in dutch.json("plugins") for p in s["problems"])
    assert "De methodedefinitie" in dutch_problems
    assert "The method definition" not in dutch_problems
    plg("team", "start", "Gewoon", "--method", "datateam")


VERSION_1 = QUESTIONS.replace("min_ticks, params: {count: 2}", "checklist_complete")


def _version_2(text: str) -> str:
    return (
        text.replace('version: "1.0"', 'version: "2.0"')
        .replace("- id: vragen\n", "- id: kiezen\n")
        .replace("initial: vragen", "initial: kiezen")
        .replace("source: vragen", "source: kiezen")
        .replace(
            "      - {id: drie, text: {nl: Vraag drie, en: Question three}, required: false}\n", ""
        )
    )


def test_migrate_a_team_to_a_new_version(plg: Plg, folder: Path) -> None:
    definition = folder / "vragen.yaml"
    definition.write_text(VERSION_1, encoding="utf-8")
    plg("team", "start", "Oud", "--method", "vragen")
    plg("tick", "Oud", "drie")
    definition.write_text(_version_2(VERSION_1), encoding="utf-8")
    assert plg.json("methods", "list")[-1]["version"] == "2.0"
    assert plg.json("team", "show", "Oud")["method_version"] == "1.0"  # still pinned

    refused = plg.error("team", "migrate", "Oud", "--to-version", "2.0")
    assert "phase 'vragen'" in refused
    refused = plg.error("team", "migrate", "Oud", "--to-version", "2.0", "--map", "vragen=kiezen")
    assert "ticked item 'drie'" in refused
    plg("tick", "Oud", "drie", "--undo")
    plg("tick", "Oud", "een")
    moved = plg.json("team", "migrate", "Oud", "--to-version", "2.0", "--map", "vragen=kiezen")
    assert (moved["method_version"], moved["phase"]) == ("2.0", "kiezen")
    assert plg.json("checklist", "Oud")["items"][0]["done"] is True  # the tick came along
    last = plg.json("history", "Oud")[-1]
    assert (last["kind"], last["from"], last["to"]) == ("migrate", "vragen", "kiezen")
    assert last["detail"]["map"] == {"vragen": "kiezen"}

    # Back to the stored 1.0, which no file offers any more.
    back = plg.json("team", "migrate", "Oud", "--to-version", "1.0", "--map", "kiezen=vragen")
    assert back["method_version"] == "1.0"
    assert "already runs on version 1.0" in plg.error(
        "team", "migrate", "Oud", "--to-version", "1.0", "--map", "kiezen=vragen"
    )
    assert "Versions: 1.0, 2.0" in plg.error("team", "migrate", "Oud", "--to-version", "3.0")
    wrong = plg("team", "migrate", "Oud", "--to-version", "2.0", "--map", "nonsense", code=2)
    assert "Write each mapping as OLD=NEW, not 'nonsense'" in wrong.stderr
    engine = Engine(plg.url)
    shown = plg.json("team", "show", "Oud")
    assert engine.replay("Oud") == (shown["phase"], shown["counters"])
    engine.close()
    assert plg.json("advance", "Oud", "--force", "--reason", "done")["status"] == "completed"


def _fake_distribution(root: Path, name: str, entry_points: str, module: str = "") -> None:
    """A distribution on sys.path, as pip would leave it, without installing anything."""
    info = root / f"{name.replace('-', '_')}-0.1.dist-info"  # as pip names it
    info.mkdir(parents=True)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(entry_points)
    if module:
        (root / f"{name.replace('-', '_')}.py").write_text(module)


def test_broken_plugins_are_reported_by_name(
    plg: Plg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    _fake_distribution(
        site,
        "plg-missing",
        "[plg.methods]\nm = plg_not_there:methods\n[plg.guards]\ng = plg_not_there:GUARD\n",
    )
    _fake_distribution(
        site,
        "plg-junk",
        "[plg.methods]\nm = plg_junk:methods\n[plg.guards]\nwrong_name = plg_junk:GUARD\n",
        "from plg import Guard\n"
        "def methods():\n    return ['not a definition']\n"
        "GUARD = Guard('other_name', {}, lambda state, params, lang: [])\n",
    )
    _fake_distribution(
        site,
        "plg-crash",
        "[plg.methods]\nm = plg_crash:methods\n",
        "def methods():\n    raise RuntimeError('boom')\n",
    )
    monkeypatch.syspath_prepend(str(site))
    importlib.invalidate_caches()
    forget_plugins()
    try:
        problems: dict[str, str] = {}
        for source in plg.json("plugins"):
            problems[source["name"]] = problems.get(source["name"], "") + " ".join(
                source["problems"]
            )
        assert "ModuleNotFoundError" in problems["plg-missing"]
        assert "returned str, not a MethodDefinition" in problems["plg-junk"]
        assert "not a Guard of that name" in problems["plg-junk"]
        assert "RuntimeError: boom" in problems["plg-crash"]
        table = plg("methods", "list").stdout
        assert "plg-crash" in table
        assert "datateam" in table
        plg("team", "start", "Werkt nog", "--method", "datateam")
    finally:
        monkeypatch.undo()
        forget_plugins()

"""The docs are run: README commands work as written, examples validate, the reference is
complete."""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from plg import load_definition
from tests.conftest import Plg

ROOT = Path(__file__).parents[1]


def _blocks(path: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def _sessions(path: Path) -> list[tuple[list[str], list[str]]]:
    """Each `$ plg ...` line of the page's console blocks, with the lines shown under it."""
    found: list[tuple[list[str], list[str]]] = []
    for block in _blocks(path, "console"):
        for line in block.splitlines():
            if line.startswith("$ "):
                assert line.startswith("$ plg --lang en "), line
                found.append((shlex.split(line)[4:], []))
            elif line.strip():
                found[-1][1].append(line.strip())
    return found


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("│")[1:-1]]


def _shown(expected: str, output: str) -> bool:
    """Whether plg printed the line; `...` stands for any text, and a table row is compared
    cell by cell (its widths depend on the terminal)."""
    lines = [line.strip() for line in output.splitlines()]
    if expected.startswith("│"):
        want = _cells(expected)
        return any(
            len(got) == len(want) and all(w in ("...", g) for w, g in zip(want, got, strict=True))
            for got in map(_cells, lines)
        )
    pattern = ".*".join(re.escape(part) for part in expected.split("..."))
    return any(re.fullmatch(pattern, line) for line in lines)


def _run_console(path: Path, plg: Plg) -> int:
    """Run every command of the page's console blocks as written, and check that each prints
    the lines shown under it (a command shown with an `Error:` line must fail with it)."""
    sessions = _sessions(path)
    for args, expected in sessions:
        refused = any(line.startswith("Error:") for line in expected)
        result = plg(*args, code=1 if refused else 0)
        output = result.stdout + result.stderr
        for line in expected:
            assert _shown(line, output), f"plg {' '.join(args)}\nexpected: {line}\n{output}"
    return len(sessions)


def test_the_console_checker_checks() -> None:
    assert _shown("Ticked 'eens'.", "Ticked 'eens'.\n")
    assert not _shown("Ticked 'eens'.", "Ticked 'leerdoelen'.\n")
    assert _shown("Database ready at ... (layout 3).", "Database ready at sqlite:///x (layout 3).")
    assert _shown("│ ... │ Ann │ moved │", "│ 2026-11-25 │   Ann   │ moved   │")
    assert not _shown("│ ... │ Ann │ moved │", "│ 2026-11-25 │ Bram │ moved │")


def test_readme_walkthrough_runs_as_written(tmp_path: Path) -> None:
    plg = Plg(f"sqlite:///{tmp_path / 'readme.db'}")
    assert _run_console(ROOT / "README.md", plg) >= 6
    assert plg.json("team", "show", "Reading 5-6")["phase"] == "meten"


def test_the_teamwork_guide_runs_as_written(tmp_path: Path) -> None:
    plg = Plg(f"sqlite:///{tmp_path / 'teamwork.db'}")
    plg("init")
    assert _run_console(ROOT / "docs" / "teamwork.md", plg) >= 15
    assert plg.json("charter", "show", "Netwerk rekenen")["complete"] is True
    assert plg.json("team", "show", "Netwerk rekenen")["phase"] == "ontwerpen"


def test_the_mending_guide_runs_as_written(tmp_path: Path) -> None:
    plg = Plg(f"sqlite:///{tmp_path / 'mending.db'}")
    plg("init")
    assert _run_console(ROOT / "docs" / "mending.md", plg) >= 19
    assert plg.json("team", "show", "Reading group 5-6")["archived"] is False
    assert [r["id"] for r in plg.json("artefact", "list", "Reading group 5-6", "--removed")] == [1]


def test_the_operations_example_runs_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # where its backup goes
    plg = Plg(f"sqlite:///{tmp_path / 'foundation.db'}")
    assert _run_console(ROOT / "docs" / "operations.md", plg) >= 8
    assert plg.json("settings")["role-checks"] == "on"
    copy = Plg(f"sqlite:///{tmp_path / 'plg-copy.db'}")
    assert copy.json("check")["ok"] is True
    assert [m["person"] for m in copy.json("team", "members", "Reading 5-6")] == [
        "Anna de Vries",
        "Bram Jansen",
    ]


def test_the_web_guide_runs_as_written(tmp_path: Path) -> None:
    """Its console block as written; then each `plg user` line of its sh blocks, typing the
    password where the line asks for it; and every option its `plg serve` lines use exists."""
    page = ROOT / "docs" / "web.md"
    plg = Plg(f"sqlite:///{tmp_path / 'web.db'}")
    plg("init")
    assert _run_console(page, plg) >= 4
    password = "een lange zin als wachtwoord"
    lines = [
        line.partition("  #")[0] for block in _blocks(page, "sh") for line in block.splitlines()
    ]
    users = [shlex.split(line.rpartition("| ")[2]) for line in lines if "plg user" in line]
    assert len(users) == 4
    for args in users:
        typed = password + "\n" if "--password-stdin" in args else f"{password}\n{password}\n"
        plg(*args[1:], input=typed)
    assert [user["person"] for user in plg.json("user", "list")] == ["Bram Jansen"]
    served = [line for line in lines if " serve" in line]
    assert served
    usage = plg("serve", "--help").stdout
    for line in served:
        for option in re.findall(r"(--[a-z-]+)", line.partition(" serve")[2]):
            assert option in usage, option


def test_the_project_leaders_guide_runs_as_written(tmp_path: Path) -> None:
    plg = Plg(f"sqlite:///{tmp_path / 'year.db'}")
    plg("init")
    assert _run_console(ROOT / "docs" / "project-leaders.md", plg) >= 7
    assert plg.json("team", "show", "Spelling groep 4")["schools"] == ["IKC De Regenboog"]
    assert plg.json("settings")["invite-days"] == "14"


def test_the_input_guide_runs_as_written(tmp_path: Path) -> None:
    plg = Plg(f"sqlite:///{tmp_path / 'input.db'}")
    plg("init")
    assert _run_console(ROOT / "docs" / "input.md", plg) >= 6
    assert plg.json("team", "show", "Rekenen groep 7")["schools"] == ["CBS Het Kompas"]


def test_the_tutorial_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = ROOT / "docs" / "tutorial.md"
    # The page sets who acts once, for all its commands; the test acts as the same person.
    assert 'export PLG_USER="Sanne Bakker"' in page.read_text(encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # where its report goes
    plg = Plg(f"sqlite:///{tmp_path / 'tutorial.db'}", actor="Sanne Bakker")
    assert _run_console(page, plg) >= 50
    assert plg.json("team", "show", "Rekenen groep 7")["status"] == "completed"
    report = (tmp_path / "rekenen-groep-7.html").read_text(encoding="utf-8")
    assert "Key words first" in report


def test_the_definition_example_is_valid() -> None:
    (example,) = _blocks(ROOT / "docs" / "definitions.md", "yaml")
    definition = load_definition(yaml.safe_load(example))
    assert definition.id == "reflectie"


def test_the_command_reference_is_what_the_help_makes() -> None:
    from plg.cli.reference import BEGIN, END

    page = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    made = page.partition(BEGIN + "\n")[2].partition(END)[0]
    # In a process of its own, as a developer runs it: it speaks English by itself.
    fresh = subprocess.run(
        [sys.executable, "-m", "plg.cli.reference"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PLG_LANG": "nl"},  # it must switch to English by itself
    ).stdout
    assert made == fresh, "docs/cli.md is stale: python -m plg.cli.reference docs/cli.md"
    assert made.count("### `plg ") >= 35


def test_the_format_reference_is_what_the_models_generate() -> None:
    from plg.methods.reference import markdown_reference

    page = (ROOT / "docs" / "definition-format.md").read_text(encoding="utf-8")
    assert page == markdown_reference(), (
        "docs/definition-format.md is stale: plg methods schema --format md > "
        "docs/definition-format.md"
    )


def test_the_plugin_guide_example_guard_is_the_plugins_own() -> None:
    guide = (ROOT / "docs" / "plugins.md").read_text(encoding="utf-8")
    (toml,) = _blocks(ROOT / "docs" / "plugins.md", "toml")
    plugin = (ROOT / "examples" / "plg-spiral" / "pyproject.toml").read_text(encoding="utf-8")
    for line in toml.splitlines():
        assert line in plugin, line
    assert 'MIN_TICKS = Guard("min_ticks", {"count": int}, _min_ticks)' in guide


def test_the_plugin_guide_test_example_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "methods"
    folder.mkdir()
    spiral = ROOT / "examples" / "plg-spiral" / "src" / "plg_spiral" / "spiral.yaml"
    (folder / "spiral.yaml").write_bytes(spiral.read_bytes())
    monkeypatch.setenv("PLG_METHODS_PATH", str(folder))
    code = next(
        b
        for b in _blocks(ROOT / "docs" / "plugins.md", "python")
        if "def test_a_team_walks_the_spiral" in b
    )
    namespace: dict[str, Any] = {}
    exec(compile(code, "docs/plugins.md", "exec"), namespace)
    namespace["test_a_team_walks_the_spiral"](tmp_path)


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_method_pages_are_what_the_definitions_generate(lang: str, tmp_path: Path) -> None:
    plg = Plg(f"sqlite:///{tmp_path / 'unused.db'}", lang=lang)
    suffix = ".md" if lang == "en" else ".nl.md"
    for method in ("actieonderzoek", "datateam", "lesson_study", "vier_vragen"):
        page = ROOT / "docs" / "methods" / f"{method}{suffix}"
        generated = plg("methods", "show", method, "--format", "md").stdout
        assert page.read_text(encoding="utf-8") == generated, (
            f"{page} is stale: plg --lang {lang} methods show {method} --format md > {page}"
        )


def test_reports_guide_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    plg = Plg(f"sqlite:///{tmp_path / 'guide.db'}")
    commands = [
        line[2:]
        for block in _blocks(ROOT / "docs" / "reports.md", "console")
        for line in block.splitlines()
        if line.startswith("$ plg ")
    ]
    assert len(commands) == 7
    outputs = [plg(*shlex.split(command)[3:]).stdout for command in commands]
    assert "Rekenen bovenbouw" in outputs[1]
    assert "style p_uitvoeren" in outputs[6]
    for written in ("overview.html", "rekenen.html", "sheet.html"):
        assert (tmp_path / written).stat().st_size > 1000
    assert plg.json("team", "show", "Rekenen bovenbouw")["overdue"] is True


def test_the_people_guide_runs_as_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # the guide names the sample file from the project's folder
    plg = Plg(f"sqlite:///{tmp_path / 'people.db'}")
    plg("init")
    assert _run_console(ROOT / "docs" / "people.md", plg) >= 8
    assert plg.json("person", "show", "Bram Peters")["functions"] == ["teacher", "ib"]

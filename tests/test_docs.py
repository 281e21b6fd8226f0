"""The docs are run: README commands work as written, examples validate, the reference is
complete."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import click
import yaml

from plg import load_definition
from plg.cli import cli
from tests.conftest import Plg

ROOT = Path(__file__).parents[1]


def _blocks(path: Path, language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", path.read_text(encoding="utf-8"), re.S)


def test_readme_walkthrough_runs_as_written(tmp_path: Path) -> None:
    plg = Plg(f"sqlite:///{tmp_path / 'readme.db'}")
    commands = [
        line[2:]
        for block in _blocks(ROOT / "README.md", "console")
        for line in block.splitlines()
        if line.startswith("$ plg ")
    ]
    assert len(commands) >= 6
    for command in commands:
        args = shlex.split(command)[1:]
        assert args[:2] == ["--lang", "en"]
        plg(*args[2:])
    assert plg.json("team", "show", "Reading 5-6")["phase"] == "meten"


def test_the_definition_example_is_valid() -> None:
    (example,) = _blocks(ROOT / "docs" / "definitions.md", "yaml")
    definition = load_definition(yaml.safe_load(example))
    assert definition.id == "reflectie"


def _commands(group: click.Group, prefix: str = "plg") -> list[str]:
    names = []
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            names += _commands(command, f"{prefix} {name}")
        else:
            names.append(f"{prefix} {name}")
    return names


def test_every_command_is_in_the_reference() -> None:
    reference = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [name for name in _commands(cli) if f"`{name}" not in reference]
    assert missing == []

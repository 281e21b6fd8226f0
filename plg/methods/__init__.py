"""The built-in research methods, registered through the same entry point as any plugin."""

from __future__ import annotations

from importlib.resources import files

from plg.engine.definition import MethodDefinition
from plg.engine.files import load_definition_file


def builtin_methods() -> list[MethodDefinition]:
    """The four methods that ship with plg: each a YAML definition beside this module."""
    folder = files(__name__)
    return [
        load_definition_file(folder / name)
        for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))
    ]

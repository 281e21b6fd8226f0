"""What a research method is: its definition and the checks on it, the files and plugins it
comes from, its guards and state machine, the versions teams are pinned to, and the four
built-in methods (the YAML files beside this module).

Registered through the same entry point as any plugin.
"""

from __future__ import annotations

from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from plg.methods.definition import MethodDefinition


def builtin_methods() -> list[MethodDefinition]:
    """The four methods that ship with plg: each a YAML definition beside this module."""
    # Here, not at the top: every module of this package would otherwise load pydantic.
    from plg.methods.files import load_definition_file

    # `resources.files`: this package's submodule `files` takes the bare name once loaded.
    folder = resources.files(__name__)
    return [
        load_definition_file(folder / name)
        for name in sorted(p.name for p in folder.iterdir() if p.name.endswith(".yaml"))
    ]

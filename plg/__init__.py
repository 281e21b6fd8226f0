"""plg: a research-cycle workflow engine for school learning teams.

The public API is re-exported here, every name loaded on first use, so that importing `plg`
(and so starting the CLI) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    __version__: str

    from plg.engine.checklist import TeamState
    from plg.engine.definition import MethodDefinition, load_definition
    from plg.engine.engine import Engine
    from plg.engine.files import load_definition_file
    from plg.engine.guards import Guard
    from plg.engine.inputs import Content
    from plg.errors import (
        Conflict,
        DatabaseBusy,
        DatabaseError,
        Fault,
        InvalidInput,
        InvalidMethodDefinition,
        NotFound,
        PlgError,
        Refused,
        StaleWrite,
    )

_LAZY = {
    "Guard": "plg.engine.guards",
    "TeamState": "plg.engine.checklist",
    "Engine": "plg.engine.engine",
    "Content": "plg.engine.inputs",
    "MethodDefinition": "plg.engine.definition",
    "load_definition": "plg.engine.definition",
    "load_definition_file": "plg.engine.files",
    **{
        name: "plg.errors"
        for name in (
            "Conflict",
            "DatabaseBusy",
            "DatabaseError",
            "Fault",
            "InvalidInput",
            "InvalidMethodDefinition",
            "NotFound",
            "PlgError",
            "Refused",
            "StaleWrite",
        )
    },
}

__all__ = [
    "Conflict",
    "Content",
    "DatabaseBusy",
    "DatabaseError",
    "Engine",
    "Fault",
    "Guard",
    "InvalidInput",
    "InvalidMethodDefinition",
    "MethodDefinition",
    "NotFound",
    "PlgError",
    "Refused",
    "StaleWrite",
    "TeamState",
    "__version__",
    "load_definition",
    "load_definition_file",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        # importlib.metadata alone costs more than the whole CLI start-up; read it on demand.
        from importlib.metadata import version

        return version("plg")
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'plg' has no attribute {name!r}")

"""plg: a research-cycle workflow engine for school learning teams.

The public API is re-exported here, every name loaded on first use, so that importing `plg`
(and so starting the CLI) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    __version__: str

    from plg.engine.engine import Engine
    from plg.engine.inputs import Content, StaffRow
    from plg.engine.staff_file import read_staff
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
    from plg.methods.checklist import TeamState
    from plg.methods.definition import MethodDefinition, load_definition
    from plg.methods.files import load_definition_file
    from plg.methods.guards import Guard

_LAZY = {
    "Guard": "plg.methods.guards",
    "TeamState": "plg.methods.checklist",
    "Engine": "plg.engine.engine",
    "Content": "plg.engine.inputs",
    "StaffRow": "plg.engine.inputs",
    "read_staff": "plg.engine.staff_file",
    "MethodDefinition": "plg.methods.definition",
    "load_definition": "plg.methods.definition",
    "load_definition_file": "plg.methods.files",
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
    "StaffRow",
    "StaleWrite",
    "TeamState",
    "__version__",
    "load_definition",
    "load_definition_file",
    "read_staff",
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

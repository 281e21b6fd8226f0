"""Every method version this process has met, kept once, under one key: the sha256 of its
canonical content.

A definition never changes once loaded, and everything that names a version names it by this
hash: a team's stored snapshot, the `start` and `migrate` events, `plg check`. So this one table
holds each version once, whoever meets it first:

- the registry passes every definition it loads from a plugin or a file through `known`;
- a team's stored snapshot, and each snapshot `plg check` reads, is parsed by `parsed` the first
  time only (no database is asked here: the caller has the row);
- `machine_for` gives a version's machine, built on first use and shared by every team that
  runs on the version.

So the definition a team starts on and the one its snapshot is read back as are one object, with
one machine and one set of the values a definition computes once (its places, its registers).

A version stays for the life of the process: versions are few (a handful per method) and small.
Kept elsewhere on purpose, and not by hash: the registry's `_method_plugins` keeps what plugins'
entry points returned, so that their code runs once (until `forget_plugins`); an engine maps its
own database's snapshot ids to the versions kept here, as those ids mean nothing in another
database; a definition being checked walks a machine of its own, as it may never become a
version that teams run on.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from plg.methods.definition import MethodDefinition

if TYPE_CHECKING:
    from plg.methods.machine import Moves


@dataclass
class _Version:
    definition: MethodDefinition
    machine: Moves | None = None


_VERSIONS: dict[str, _Version] = {}


def _version(definition: MethodDefinition) -> _Version:
    found = _VERSIONS.get(definition.sha256)
    if found is None:
        found = _VERSIONS[definition.sha256] = _Version(definition)
    return found


def known(definition: MethodDefinition) -> MethodDefinition:
    """The one instance of `definition`'s version: the first this process met."""
    return _version(definition).definition


def parsed(sha256: str, content: str) -> MethodDefinition:
    """The version stored as `content` under `sha256`, parsed only the first time.

    Raises ValueError if `content` is not a definition.
    """
    found = _VERSIONS.get(sha256)
    if found is None:
        found = _VERSIONS[sha256] = _Version(MethodDefinition.model_validate_json(content))
    return found.definition


def machine_for(definition: MethodDefinition) -> Moves:
    """The machine of `definition`'s version, shared by every team that runs on it."""
    version = _version(definition)
    if version.machine is None:
        # Here, not at the top: the registry passes definitions through this module, and the
        # machine asks the registry for guards.
        from plg.methods.machine import Moves

        version.machine = Moves(version.definition)
    return version.machine


def built_machines() -> int:
    """How many machines exist in this process (tests use it to show machines are shared)."""
    return sum(1 for version in _VERSIONS.values() if version.machine is not None)

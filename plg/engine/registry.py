"""The methods plg can use: built-ins and plugins, all found through the `plg.methods` entry point.

An entry point names a callable that returns definitions. A plugin that fails to load, returns
something invalid or repeats a method id is reported by name and skipped; it never stops plg.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import entry_points

from plg.engine.definition import MethodDefinition
from plg.errors import InvalidMethodDefinition, NotFound

GROUP = "plg.methods"


@dataclass(frozen=True)
class Available:
    definition: MethodDefinition
    source: str


@dataclass(frozen=True)
class Broken:
    name: str
    reason: str


@dataclass
class Registry:
    methods: dict[str, Available] = field(default_factory=dict)
    broken: list[Broken] = field(default_factory=list)

    def add(self, definition: object, source: str) -> None:
        if not isinstance(definition, MethodDefinition):
            self.broken.append(Broken(source, f"returned {type(definition).__name__}"))
        elif definition.id in self.methods:
            other = self.methods[definition.id].source
            reason = f"method '{definition.id}' already comes from {other}"
            self.broken.append(Broken(source, reason))
        else:
            self.methods[definition.id] = Available(definition, source)

    def get(self, method_id: str) -> Available:
        try:
            return self.methods[method_id]
        except KeyError:
            available = ", ".join(sorted(self.methods)) or "-"
            raise NotFound("method_unknown", method=method_id, available=available) from None


def _source(name: str, dist: str | None) -> str:
    return "builtin" if dist == "plg" else (dist or name)


@cache
def registry() -> Registry:
    """Every method that loads, once per process."""
    found = Registry()
    for point in sorted(entry_points(group=GROUP), key=lambda ep: (ep.dist is None, ep.name)):
        dist = point.dist.name if point.dist else None
        source = _source(point.name, dist)
        try:
            definitions = list(point.load()())
        except InvalidMethodDefinition as exc:
            found.broken.append(Broken(source, exc.text("en").replace("\n", " ")))
            continue
        except Exception as exc:  # a plugin's own bug must not stop plg
            found.broken.append(Broken(source, f"{type(exc).__name__}: {exc}"))
            continue
        for definition in definitions:
            found.add(definition, source)
    return found

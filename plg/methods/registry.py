"""The methods and guards plg can use, from three places that all end in one registry:

- entry point group `plg.methods`: a callable returning definitions (the built-ins come this way);
- entry point group `plg.guards`: a `Guard` whose name is the entry point's name;
- definition files (*.yaml, *.yml, *.json) in the data folder's `methods/` and PLG_METHODS_PATH.

Anything that fails to load, does not validate or repeats a name is reported with where it came
from and skipped; it never stops plg.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path

from plg.errors import InvalidInput, InvalidMethodDefinition, NotFound, PlgError
from plg.langs import Lang
from plg.methods.checklist import TeamState
from plg.methods.definition import MethodDefinition
from plg.methods.guards import BUILTIN_GUARDS, Guard, Params
from plg.methods.versions import known
from plg.texts import t

METHODS_GROUP = "plg.methods"
GUARDS_GROUP = "plg.guards"
FILE_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class Available:
    definition: MethodDefinition
    source: str


@dataclass(frozen=True)
class Broken:
    name: str
    reason: PlgError  # shown in each person's language by `problem_text`


@dataclass
class Source:
    """One place methods or guards come from, as `plg plugins` lists it."""

    name: str
    kind: str  # builtin, plugin or file
    version: str | None
    location: str
    methods: list[str] = field(default_factory=list)
    guards: list[str] = field(default_factory=list)
    problems: list[PlgError] = field(default_factory=list)


@dataclass
class Registry:
    methods: dict[str, Available] = field(default_factory=dict)
    broken: list[Broken] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)

    def add(self, definition: object, source: Source) -> None:
        if not isinstance(definition, MethodDefinition):
            self._refuse(source, PlgError("plugin_not_definition", type=type(definition).__name__))
        elif definition.id in self.methods:
            other = self.methods[definition.id].source
            self._refuse(source, PlgError("method_duplicate", method=definition.id, other=other))
        else:
            self.methods[definition.id] = Available(known(definition), source.name)
            source.methods.append(definition.id)

    def _refuse(self, source: Source, reason: PlgError) -> None:
        source.problems.append(reason)
        self.broken.append(Broken(source.name, reason))

    def get(self, method_id: str) -> Available:
        try:
            return self.methods[method_id]
        except KeyError:
            available = ", ".join(sorted(self.methods)) or "-"
            raise NotFound("method_unknown", method=method_id, available=available) from None


def _source(point: EntryPoint) -> Source:
    dist = point.dist
    name = dist.name if dist else point.name
    kind = "builtin" if name == "plg" else "plugin"
    return Source(
        "builtin" if kind == "builtin" else name, kind, dist.version if dist else None, point.value
    )


def _points(group: str) -> list[EntryPoint]:
    return sorted(
        entry_points(group=group), key=lambda p: (p.dist is None, _source(p).name, p.name)
    )


def _reason(exc: Exception) -> PlgError:
    """What went wrong in a plugin: plg's own error as it is, a plugin's own bug by its name
    and its words (which plg cannot translate)."""
    if isinstance(exc, PlgError):
        return exc
    return PlgError("plugin_failed", error=f"{type(exc).__name__}: {exc}")


def problem_text(problem: PlgError, lang: Lang) -> str:
    """A problem on one line, as listings show it."""
    return problem.text(lang).replace("\n", " ")


@cache
def _guard_plugins() -> tuple[dict[str, Guard], tuple[Source, ...]]:
    guards: dict[str, Guard] = {}
    sources = []
    for point in _points(GUARDS_GROUP):
        source = _source(point)
        sources.append(source)
        try:
            guard = point.load()
        except Exception as exc:  # a plugin's own bug must not stop plg
            source.problems.append(_reason(exc))
            continue
        if not isinstance(guard, Guard) or guard.name != point.name:
            source.problems.append(PlgError("guard_not_named", name=point.name))
        elif guard.name in BUILTIN_GUARDS or guard.name in guards:
            source.problems.append(PlgError("guard_duplicate", name=guard.name))
        else:
            guards[guard.name] = guard
            source.guards.append(guard.name)
    return guards, tuple(sources)


@cache
def known_guards() -> dict[str, Guard]:
    """The built-in guards and every guard a plugin adds."""
    return {**BUILTIN_GUARDS, **_guard_plugins()[0]}


def guard_named(name: str) -> Guard:
    """The guard of that name. A team pinned to a definition whose guard plugin was removed
    keeps working: the missing guard blocks its move with a message, and a forced move with a
    reason still passes."""
    found = known_guards().get(name)
    if found is not None:
        return found

    def missing(state: TeamState, params: Params, lang: Lang) -> list[str]:
        return [t("guard_missing", lang, name=name)]

    return Guard(name, {}, missing)


@cache
def _method_plugins() -> tuple[tuple[Source, list[object] | Exception], ...]:
    loaded: list[tuple[Source, list[object] | Exception]] = []
    for point in _points(METHODS_GROUP):
        try:
            loaded.append((_source(point), list(point.load()())))
        except Exception as exc:  # a plugin's own bug must not stop plg
            loaded.append((_source(point), exc))
    return tuple(loaded)


def forget_plugins() -> None:
    """Look for plugins again (after one was installed or removed in this process)."""
    _guard_plugins.cache_clear()
    _method_plugins.cache_clear()
    known_guards.cache_clear()


def _files(folders: Iterable[Path]) -> list[Path]:
    found = []
    for folder in folders:
        if folder.is_dir():
            found += sorted(p for p in folder.iterdir() if p.suffix in FILE_SUFFIXES)
    return found


def load_registry(folders: Sequence[Path] | None = None) -> Registry:
    """Every method that loads: plugins first (built-ins among them), then definition files."""
    from plg.methods.files import load_definition_file
    from plg.paths import method_folders

    found = Registry()
    for source, result in _method_plugins():
        plugin = Source(source.name, source.kind, source.version, source.location)
        found.sources.append(plugin)
        if isinstance(result, Exception):
            found._refuse(plugin, _reason(result))
            continue
        for definition in result:
            found.add(definition, plugin)
    for guard_source in _guard_plugins()[1]:
        found.sources.append(guard_source)
        found.broken += [Broken(guard_source.name, problem) for problem in guard_source.problems]
    for path in _files(method_folders() if folders is None else folders):
        file_source = Source(str(path), "file", None, str(path.parent))
        found.sources.append(file_source)
        try:
            definition = load_definition_file(path)
        except (InvalidMethodDefinition, InvalidInput) as exc:
            found._refuse(file_source, exc)
            continue
        file_source.version = definition.version
        found.add(definition, file_source)
    return found

"""Guards: named conditions a transition checks. Definitions refer to them by name only."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from plg.langs import Lang
from plg.methods.checklist import TeamState
from plg.methods.definition import Category, ChecklistItem
from plg.texts import t

Params = Mapping[str, int | str]


@dataclass(frozen=True)
class Guard:
    """A named condition on a move; plugins add their own through the `plg.guards` entry point.

    `check(state, params, lang)` returns why the guard fails (one text per open point, in
    `lang`), or an empty list when it passes. `param_types` names the parameters a definition
    must give and their types (int or str), so definitions are checked when loaded;
    `record_params` says which of them name an artefact type or evidence kind of the method.
    """

    name: str
    param_types: Mapping[str, type]
    check: Callable[[TeamState, Params, Lang], list[str]]
    record_params: Mapping[str, Category] = field(default_factory=dict)

    def run(self, state: TeamState, params: Params, lang: Lang) -> list[str]:
        """`check`, but a guard that crashes blocks the move with its error instead of
        stopping plg: a plugin's bug must not take the engine down."""
        try:
            return list(self.check(state, params, lang))
        except Exception as exc:
            return [t("guard_error", lang, name=self.name, error=f"{type(exc).__name__}: {exc}")]


def open_items(state: TeamState) -> list[ChecklistItem]:
    """The items of the phase's checklist that keep the team from moving on."""
    return [item.item for item in state.checklist() if item.open]


def _checklist_complete(state: TeamState, params: Params, lang: Lang) -> list[str]:
    return [t("open_item", lang, item=item.id) for item in open_items(state)]


def _has_artefact(state: TeamState, params: Params, lang: Lang) -> list[str]:
    kind = str(params["type"])
    if state.record_count("artefact", kind):
        return []
    return [t("guard_has_artefact", lang, type=kind)]


def _min_evidence(state: TeamState, params: Params, lang: Lang) -> list[str]:
    kind, count = str(params["kind"]), int(params["count"])
    have = state.record_count("evidence", kind)
    if have >= count:
        return []
    return [t("guard_min_evidence", lang, have=have, count=count, kind=kind)]


BUILTIN_GUARDS: dict[str, Guard] = {
    guard.name: guard
    for guard in (
        Guard("checklist_complete", {}, _checklist_complete),
        Guard("has_artefact", {"type": str}, _has_artefact, {"type": "artefact"}),
        Guard("min_evidence", {"kind": str, "count": int}, _min_evidence, {"kind": "evidence"}),
    )
}

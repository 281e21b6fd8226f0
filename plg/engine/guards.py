"""Guards: named conditions a transition checks. Definitions refer to them by name only."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from plg.engine.checklist import TeamState
from plg.engine.definition import Category
from plg.messages import Lang, t

Params = Mapping[str, int | str]


@dataclass(frozen=True)
class Guard:
    """`check` returns why the guard fails (one text per open point), or nothing when it passes.

    `param_types` names the parameters and their types, so definitions are checked when loaded;
    `record_params` says which of them name an artefact type or evidence kind of the method.
    """

    name: str
    param_types: Mapping[str, type]
    check: Callable[[TeamState, Params, Lang], list[str]]
    record_params: Mapping[str, Category] = field(default_factory=dict)


def _checklist_complete(state: TeamState, params: Params, lang: Lang) -> list[str]:
    return [t("open_item", lang, item=item.item.id) for item in state.checklist() if item.open]


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


GUARDS: dict[str, Guard] = {
    guard.name: guard
    for guard in (
        Guard("checklist_complete", {}, _checklist_complete),
        Guard("has_artefact", {"type": str}, _has_artefact, {"type": "artefact"}),
        Guard("min_evidence", {"kind": str, "count": int}, _min_evidence, {"kind": "evidence"}),
    )
}

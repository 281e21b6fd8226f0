"""The Spiral of Inquiry for plg, and the `min_ticks` guard."""

from __future__ import annotations

from collections.abc import Mapping
from importlib.resources import files

from plg import Guard, MethodDefinition, TeamState, load_definition_file


def methods() -> list[MethodDefinition]:
    """The entry point of group `plg.methods`: every definition this plugin adds."""
    return [load_definition_file(files(__name__) / "spiral.yaml")]


def _min_ticks(state: TeamState, params: Mapping[str, int | str], lang: str) -> list[str]:
    count = int(params["count"])
    have = len(state.ticks)
    if have >= count:
        return []
    if lang == "nl":
        return [f"{have} van {count} vragen beantwoord"]
    return [f"{have} of {count} questions answered"]


# The entry point of group `plg.guards`; its name must be the entry point's name.
MIN_TICKS = Guard("min_ticks", {"count": int}, _min_ticks)

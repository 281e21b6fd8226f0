"""A method's state machine as a diagram: Mermaid (renders on GitHub and in many wikis),
Graphviz DOT, or a laid-out column of boxes for the web page's SVG. No graphviz binary or
binding is needed for any of them."""

from __future__ import annotations

from dataclasses import dataclass

from plg.langs import Lang
from plg.methods.definition import MethodDefinition, Transition

CURRENT_FILL = "#ffd54f"


def _is_loop(definition: MethodDefinition, move: Transition) -> bool:
    order = [phase.id for phase in definition.phases]
    return order.index(move.dest) <= order.index(move.source)


def _label(definition: MethodDefinition, move: Transition, lang: Lang) -> str:
    # A plain step forward needs no words; a loop, or a move a verdict makes, does.
    if move.trigger == "next" and not _is_loop(definition, move) and move.fired_by is None:
        return ""
    return move.title(lang) if move.title else move.trigger


def _mermaid_text(text: str) -> str:
    # Mermaid reads these as syntax or HTML inside labels; its entity codes show them as text.
    for char, code in (
        ("&", "#amp;"),
        ('"', "#quot;"),
        ("<", "#lt;"),
        (">", "#gt;"),
        ("|", "#124;"),
        ("\n", " "),
    ):
        text = text.replace(char, code)
    return text


def mermaid(definition: MethodDefinition, lang: Lang, current: str | None = None) -> str:
    lines = ["flowchart TD"]
    for phase in definition.phases:
        label = _mermaid_text(phase.title(lang))
        shape = f'(["{label}"])' if phase.final else f'["{label}"]'
        lines.append(f"    p_{phase.id}{shape}")
    for move in definition.transitions:
        label = _label(definition, move, lang)
        arrow = "-.->" if _is_loop(definition, move) else "-->"
        text = f'|"{_mermaid_text(label)}"|' if label else ""
        lines.append(f"    p_{move.source} {arrow}{text} p_{move.dest}")
    if current is not None:
        lines.append(f"    style p_{current} fill:{CURRENT_FILL},stroke:#e65100,stroke-width:3px")
    return "\n".join(lines) + "\n"


def _dot_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")


def dot(definition: MethodDefinition, lang: Lang, current: str | None = None) -> str:
    lines = [
        f'digraph "{_dot_text(definition.id)}" {{',
        "    rankdir=TB;",
        '    node [shape=box, style=rounded, fontname="Helvetica"];',
        '    edge [fontname="Helvetica", fontsize=10];',
    ]
    for phase in definition.phases:
        attrs = [f'label="{_dot_text(phase.title(lang))}"']
        if phase.final:
            attrs.append("peripheries=2")
        if phase.id == current:
            attrs.append(f'style="rounded,filled", fillcolor="{CURRENT_FILL}", penwidth=3')
        lines.append(f'    "{phase.id}" [{", ".join(attrs)}];')
    for move in definition.transitions:
        attrs = [f'label="{_dot_text(_label(definition, move, lang))}"']
        if _is_loop(definition, move):
            attrs.append("style=dashed")
        lines.append(f'    "{move.source}" -> "{move.dest}" [{", ".join(attrs)}];')
    lines.append("}")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Box:
    id: str
    title: str
    y: int
    final: bool
    current: bool


@dataclass(frozen=True)
class Edge:
    """A move drawn as a path; a loop back or a jump ahead bends out to the side."""

    path: str
    label: str
    label_x: int
    label_y: int
    loop: bool


@dataclass(frozen=True)
class Layout:
    """A method's phases as a column of boxes, with the current phase marked, for an SVG
    drawn by a template (which escapes the titles) without any layout program."""

    width: int
    height: int
    box_width: int
    box_height: int
    x: int
    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    fill: str = CURRENT_FILL


_BOX_H, _GAP, _CHAR, _SIDE, _LINE = 34, 26, 7, 22, 16


def layout(definition: MethodDefinition, lang: Lang, current: str | None = None) -> Layout:
    order = {phase.id: index for index, phase in enumerate(definition.phases)}
    longest = max(len(phase.title(lang)) for phase in definition.phases)
    box_width = max(160, min(longest, 48) * _CHAR + 24)
    left, right = 20, 20 + box_width
    boxes = tuple(
        Box(p.id, p.title(lang), 10 + i * (_BOX_H + _GAP), p.final, p.id == current)
        for i, p in enumerate(definition.phases)
    )
    drawn: list[tuple[str, str, int, bool]] = []  # path, label, the label's height, loop
    bends = 0
    for move in definition.transitions:
        source, dest = boxes[order[move.source]], boxes[order[move.dest]]
        label = _label(definition, move, lang)
        if order[move.dest] == order[move.source] + 1:
            x = left + box_width // 2
            path = f"M{x},{source.y + _BOX_H} L{x},{dest.y - 3}"
            drawn.append((path, label, (source.y + _BOX_H + dest.y) // 2 + 4, False))
            continue
        bends += 1
        out = right + bends * _SIDE
        top, bottom = source.y + _BOX_H // 2, dest.y + _BOX_H // 2
        path = f"M{right},{top} C{out},{top} {out},{bottom} {right + 3},{bottom}"
        # Beside the phase the move leaves: that is where a team reads what it may do.
        drawn.append((path, label, top + 4, order[move.dest] <= order[move.source]))
    # The words go right of every bend, where no line crosses them, each on a line of its own.
    labels_x = right + bends * _SIDE + 10
    placed: dict[int, int] = {}
    lowest = 0
    for index, (_, label, y, _) in sorted(enumerate(drawn), key=lambda item: item[1][2]):
        if label:
            lowest = placed[index] = max(y, lowest + _LINE)
    edges = tuple(
        Edge(path, label, labels_x, placed.get(index, y), loop)
        for index, (path, label, y, loop) in enumerate(drawn)
    )
    longest_label = max((len(label) for _, label, _, _ in drawn), default=0)
    width = labels_x + min(longest_label, 44) * 7 + 10
    height = max(boxes[-1].y + _BOX_H, lowest) + 10
    return Layout(width, height, box_width, _BOX_H, left, boxes, edges)

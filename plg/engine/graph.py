"""A method's state machine as a diagram: Mermaid (renders on GitHub and in many wikis) or
Graphviz DOT. Plain text either way: no graphviz binary or binding is needed to make it."""

from __future__ import annotations

from plg.engine.definition import MethodDefinition, Transition
from plg.messages import Lang

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

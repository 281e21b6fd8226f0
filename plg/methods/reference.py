"""The definition format, described from the pydantic models themselves so it cannot drift:
a JSON Schema for editors, and the Markdown reference in docs/definition-format.md."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from plg.methods.definition import (
    ChecklistItem,
    Counter,
    GuardRef,
    MethodDefinition,
    Phase,
    RecordKind,
    Text,
    Transition,
)

MODELS: tuple[type[BaseModel], ...] = (
    MethodDefinition,
    Phase,
    ChecklistItem,
    Transition,
    GuardRef,
    Counter,
    RecordKind,
    Text,
)


def json_schema() -> dict[str, Any]:
    schema = MethodDefinition.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": "plg method definition",
    }


def _type(prop: dict[str, Any]) -> str:
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "anyOf" in prop:
        return " or ".join(_type(option) for option in prop["anyOf"])
    kind = prop.get("type")
    if kind == "array":
        return f"list of {_type(prop.get('items', {}))}"
    if kind == "object":
        return f"mapping of id to {_type(prop.get('additionalProperties', {}))}"
    if kind == "string" and prop.get("pattern", "").startswith("^[a-z]"):
        return "id"
    return {
        "string": "text",
        "integer": "whole number",
        "boolean": "true/false",
        "null": "nothing",
    }.get(str(kind), "value")


def _default(model: type[BaseModel], name: str) -> str:
    field = model.model_fields[name]
    if field.is_required():
        return "required"
    default = field.get_default(call_default_factory=True)
    if isinstance(default, BaseModel):
        default = default.model_dump()
    if isinstance(default, tuple):
        default = [d.name if isinstance(d, GuardRef) else d for d in default]
    return f"`{default!r}`".replace("'", "") if default not in ((), [], {}) else "empty"


def markdown_reference() -> str:
    lines = [
        "# The definition format",
        "",
        "Generated from plg's own models by `plg methods schema --format md`; a test fails when",
        "this page differs from what the code generates. For editors, `plg methods schema`",
        "prints the same as a JSON Schema.",
    ]
    for model in MODELS:
        name = model.__name__
        props = model.model_json_schema()["properties"]
        lines += [
            "",
            f"## {name}",
            "",
            (model.__doc__ or "").strip().splitlines()[0],
            "",
            "| field | type | default | meaning |",
            "|---|---|---|---|",
        ]
        for field_name, info in model.model_fields.items():
            meaning = (info.description or "").replace("|", "\\|")
            lines.append(
                f"| `{field_name}` | {_type(props[field_name])} | "
                f"{_default(model, field_name)} | {meaning} |"
            )
    return "\n".join(lines) + "\n"

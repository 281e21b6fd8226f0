"""Reading method definitions from YAML or JSON files; a file can never run code."""

from __future__ import annotations

from importlib.resources.abc import Traversable
from pathlib import Path

from plg.engine.definition import MethodDefinition, load_definition
from plg.errors import Fault, InvalidInput, InvalidMethodDefinition


def load_definition_file(path: Path | Traversable) -> MethodDefinition:
    """Load and validate one definition file (YAML; JSON is valid YAML too)."""
    import yaml

    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise InvalidInput("definition_unreadable", source=source, reason=reason) from None
    try:
        # safe_load builds plain data only: no tags that construct Python objects.
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
        reason = getattr(exc, "problem", None) or str(exc)
        fault = Fault(place, "fault_field", {"reason": reason})
        raise InvalidMethodDefinition([fault], source) from None
    return load_definition(data, source)

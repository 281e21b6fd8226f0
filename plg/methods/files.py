"""Reading method definitions from YAML or JSON files; a file can never run code."""

from __future__ import annotations

import os
import stat
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from plg.errors import Fault, InvalidInput, InvalidMethodDefinition
from plg.methods.definition import MethodDefinition, load_definition

MAX_BYTES = 1024 * 1024  # a real definition is a few dozen KB


def regular_bytes(path: Path, most: int, not_regular: str) -> tuple[bytes, int]:
    """The bytes of a regular file, none if it is larger than `most`, and its size; refused
    with `not_regular` (a message key) before it is opened if it is no regular file."""
    if not stat.S_ISREG(path.stat().st_mode):
        raise InvalidInput(not_regular, path=path)
    with path.open("rb") as file:
        size = os.fstat(file.fileno()).st_size
        data = file.read(most + 1) if size <= most else b""
    return data, max(size, len(data))


def _safe_load(text: str) -> Any:
    """YAML as plain data: no tags that build Python objects (the safe loader), and no aliases,
    which let a few lines expand into billions of nodes."""
    import yaml

    # libyaml's parser, which PyYAML's wheels carry, reads the built-in methods ten times
    # quicker than the pure-Python one: a tenth of a second off every command that loads them.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    for event in yaml.parse(text, Loader=loader):
        if isinstance(event, yaml.AliasEvent):
            # libyaml's Mark is its own class with the same fields as PyYAML's.
            mark: Any = event.start_mark
            raise yaml.composer.ComposerError(
                None, None, "aliases (*name) are not allowed in a definition", mark
            )
    return yaml.load(text, Loader=loader)


def load_definition_file(path: Path | Traversable) -> MethodDefinition:
    """Load and validate one definition file (YAML; JSON is valid YAML too)."""
    import yaml

    source = str(path)
    try:
        if isinstance(path, Path):  # a person's file; the built-in ones are plg's own
            raw, size = regular_bytes(path, MAX_BYTES, "definition_not_regular")
        else:
            raw = path.read_bytes()
            size = len(raw)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise InvalidInput("definition_unreadable", source=source, reason=reason) from None
    if size > MAX_BYTES:
        fault = Fault("(file)", "fault_too_large", {"size": size, "limit": MAX_BYTES})
        raise InvalidMethodDefinition([fault], source)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidMethodDefinition([Fault("(file)", "fault_not_text")], source) from None
    try:
        data = _safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
        reason = getattr(exc, "problem", None) or str(exc)
        fault = Fault(place, "fault_field", {"reason": reason})
        raise InvalidMethodDefinition([fault], source) from None
    except RecursionError:
        raise InvalidMethodDefinition([Fault("(file)", "fault_too_deep")], source) from None
    return load_definition(data, source)

"""The code keeps the shape docs/architecture.md draws: every module in its tables, imports only
along its arrows, and the SQL in storage."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DRAWING = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")


def _allowed() -> dict[str, set[str]]:
    """The drawing's table of the rooms each room may import from (besides itself)."""
    table = DRAWING.split("| room | may import |\n| --- | --- |\n")[1].split("\n\n")[0]
    rows = re.findall(r"^\| (\w+) \| ([^|]+) \|$", table, flags=re.MULTILINE)
    return {
        room: {name.strip() for name in may.split(",")} - {"(no other room)"} for room, may in rows
    }


ALLOWED = _allowed()


def test_the_drawing_names_every_room() -> None:
    rooms = {path.name for path in (ROOT / "plg").iterdir() if any(path.glob("*.py"))}
    assert set(ALLOWED) == rooms
    assert ALLOWED["methods"] == set()


def _modules() -> list[Path]:
    return sorted(
        path
        for path in (ROOT / "plg").rglob("*.py")
        if "migrations/versions" not in path.as_posix()
    )


def _room(path: Path) -> str | None:
    parts = path.relative_to(ROOT / "plg").parts
    return parts[0] if len(parts) > 1 else None


def _imported(path: Path) -> set[str]:
    """The plg modules `path` imports, at the top or inside functions, relative imports too."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            module = node.module or ""
            if node.level:
                module = f"{base}.{module}" if module else base
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.Call) and isinstance(node.func, (ast.Name, ast.Attribute)):
            # import_module("plg.x") and __import__("plg.x"): an import all the same.
            called = node.func.id if isinstance(node.func, ast.Name) else node.func.attr
            if called in {"import_module", "__import__"} and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    names.add(first.value)
    return {name for name in names if name == "plg" or name.startswith("plg.")}


def _only_a_docstring(path: Path) -> bool:
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return len(body) == 1 and isinstance(body[0], ast.Expr)


def test_every_module_stands_in_the_drawing_and_every_one_drawn_exists() -> None:
    drawn = set(re.findall(r"^\| `(plg/[\w/]+\.py)` \|", DRAWING, flags=re.MULTILINE))
    # A room's package docstring is drawn as the room itself.
    present = {
        path.relative_to(ROOT).as_posix() for path in _modules() if not _only_a_docstring(path)
    }
    assert drawn - present == set(), "drawn, but not in the code"
    assert present - drawn == set(), "in the code, but not drawn"


def test_imports_follow_the_arrows() -> None:
    against: list[str] = []
    for path in _modules():
        room = _room(path)
        if room is None:
            continue
        for name in _imported(path):
            # A bare `import plg` reaches every room through its attributes.
            target = name.split(".")[1] if "." in name else "plg"
            if target != room and target not in ALLOWED[room] and target in {*ALLOWED, "plg"}:
                against.append(f"{path.relative_to(ROOT)} imports {name}")
    assert against == []


def test_the_modules_beside_the_rooms_import_no_room() -> None:
    # plg/__init__.py loads the public API from the rooms on first use; __main__ starts the CLI.
    beside = [
        path
        for path in _modules()
        if _room(path) is None and path.name not in {"__init__.py", "__main__.py"}
    ]
    assert beside, "the rooms have modules beside them"
    for path in beside:
        rooms = {name.split(".")[1] for name in _imported(path)} & set(ALLOWED)
        assert rooms == set(), f"{path.relative_to(ROOT)} imports {rooms}"


# What builds SQL: SQLAlchemy's statement builders, and raw SQL.
_SQL_BUILDERS = {"select", "insert", "update", "delete", "text", "union", "exists"}
_RAW_SQL = re.compile(r"\bexec_driver_sql\(|\.__table__\.(select|insert|update|delete)\(")


def _sql_built(path: Path) -> list[str]:
    found = []
    source = path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sqlalchemy"):
            found += [alias.name for alias in node.names if alias.name in _SQL_BUILDERS]
        elif isinstance(node, ast.Import):
            # `import sqlalchemy as sa` opens every builder as sa.select.
            found += [alias.name for alias in node.names if alias.name == "sqlalchemy"]
    return found + [match.group(0) for match in _RAW_SQL.finditer(source)]


def test_only_storage_builds_sql() -> None:
    for path in _modules():
        if _room(path) in {"storage", None}:
            continue
        assert _sql_built(path) == [], f"{path.relative_to(ROOT)} builds SQL"

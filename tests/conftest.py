"""Fixtures: a fresh database per test (SQLite, and PostgreSQL when a server is configured)."""

from __future__ import annotations

import json
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from plg import Engine
from plg.cli import cli

# The web page's foundation and visitors, for every test module of the page.
pytest_plugins = ["tests.webfoundation"]

POSTGRES = os.environ.get("PLG_TEST_POSTGRES_URL")
NO_POSTGRES = "PLG_TEST_POSTGRES_URL is not set (no PostgreSQL server to test on)"
needs_postgres = pytest.mark.skipif(not POSTGRES, reason=NO_POSTGRES)


@pytest.fixture(autouse=True)
def _own_data_folder(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Keep tests away from the user's own data folder and method files."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("data")))
    monkeypatch.delenv("PLG_METHODS_PATH", raising=False)
    monkeypatch.delenv("PLG_DATABASE_URL", raising=False)


def _postgres_database() -> Iterator[str]:
    """A database of its own on the test server, dropped afterwards."""
    assert POSTGRES
    server = make_url(POSTGRES)
    name = f"plg_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=needs_postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'plg.db'}"
    else:
        yield from _postgres_database()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    if not POSTGRES:
        pytest.skip(NO_POSTGRES)
    yield from _postgres_database()


@pytest.fixture
def sqlite_url(tmp_path: Any) -> str:
    return f"sqlite:///{tmp_path / 'plg.db'}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    engine = Engine(db_url, actor="tester", lang="en")
    engine.init()
    yield engine
    engine.close()


@dataclass
class Plg:
    """Runs the CLI in-process against one database, the way a user types it."""

    url: str
    lang: str = "en"
    actor: str = "tester"

    def __call__(self, *args: str, code: int = 0, input: str | None = None) -> Result:
        runner = CliRunner()
        result = runner.invoke(
            cli, ["--db", self.url, "--lang", self.lang, "--as", self.actor, *args], input=input
        )
        where = f"plg {' '.join(args)}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        assert result.exit_code == code, where
        # Nothing a user can do may end in a traceback.
        assert "Traceback" not in result.output, where
        if result.exception is not None and not isinstance(result.exception, SystemExit):
            raise AssertionError(where) from result.exception
        return result

    def json(self, *args: str) -> Any:
        return json.loads(self(*args, "--json").stdout)

    def json_failing(self, *args: str) -> Any:
        """The JSON of a command that reports a failure (exit 1) and still prints data."""
        result = self(*args, "--json", code=1)
        assert result.stderr.startswith("Error: "), result.stderr
        return json.loads(result.stdout)

    def error(self, *args: str, code: int = 1) -> str:
        """Run a command that must be refused; returns its one error line."""
        result = self(*args, code=code)
        assert result.stderr.startswith("Error: "), result.stderr
        return result.stderr


@pytest.fixture
def plg(db_url: str) -> Plg:
    runner = Plg(db_url)
    runner("init")
    return runner


# -- a real browser: Debian's Chromium, driven by Playwright (which downloads no browser) ----

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Where screenshots go for a person to look at (CI keeps this folder).
SHOTS = Path(os.environ.get("PLG_SCREENSHOTS", Path(__file__).parents[1] / "test-screenshots"))
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if CHROMIUM is None:
        pytest.skip("no chromium on this machine (Debian package 'chromium'; .ci/run installs it)")
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


def sql(url: str, statement: str) -> Any:
    """Run one SQL statement outside plg (to inspect or tamper with a database)."""
    raw = create_engine(url)
    try:
        with raw.begin() as conn:
            result = conn.execute(text(statement))
            return result.scalar() if result.returns_rows else None
    finally:
        raw.dispose()

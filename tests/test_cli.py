"""Every command of the CLI, its JSON shape, and every refusal as one `Error:` line."""

from __future__ import annotations

import json
import os
import resource
import socket
import subprocess
import sys
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from string import Formatter

import click
import pytest
from click.testing import CliRunner

from plg.cli import cli
from plg.cli.base import PlgGroup, Settings, help_for
from plg.cli.remedies import REMEDIES
from plg.engine.meetings import school_year
from plg.errors import PlgError
from plg.langs import LANGS, Lang
from plg.storage.schema import HEAD_REVISION
from plg.texts import catalogue
from tests.conftest import Plg, sql


def _team(plg: Plg, name: str = "Lezen", method: str = "vier_vragen") -> str:
    plg("team", "start", name, "--method", method, "--school", "De Regenboog", "--leader", "Anna")
    return name


def test_init_where_and_a_fresh_database(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'sub' / 'plg.db'}"
    plg = Plg(url)
    assert "plg init" in plg.error("team", "list")
    assert plg.json("where") == {"url": url, "exists": False, "revision": None}
    assert "Database ready" in plg("init").stderr
    assert "Database ready" in plg("init").stderr
    assert plg.json("where")["revision"] == HEAD_REVISION
    assert plg("where").stdout.strip() == url


def test_methods_list_and_show(plg: Plg) -> None:
    listed = plg.json("methods", "list")
    assert {m["id"] for m in listed} >= {
        "actieonderzoek",
        "datateam",
        "lesson_study",
        "vier_vragen",
    }
    assert all(set(m) >= {"id", "version", "title", "source"} for m in listed)
    shown = plg.json("methods", "show", "lesson_study")
    assert set(shown) >= {"id", "version", "title", "initial", "phases", "transitions"}
    assert shown["initial"] == "voorbereiden"
    item = shown["phases"][0]["checklist"][0]
    assert set(item) >= {"id", "text", "required", "satisfied_by"}
    assert item["satisfied_by"] == "charter"
    assert {"trigger": "herontwerpen", "source": "nabespreken", "dest": "ontwerpen"} in [
        {k: t[k] for k in ("trigger", "source", "dest")} for t in shown["transitions"]
    ]
    text = plg("methods", "show", "datateam").stdout
    assert "Problem definition" in text
    assert "verwerpen" in text
    assert "Probleemdefinitie" in Plg(plg.url, lang="nl")("methods", "show", "datateam").stdout
    assert "There is no method 'nope'" in plg.error("methods", "show", "nope")


def test_methods_validate(plg: Plg, tmp_path: Path) -> None:
    good = Path(__file__).parents[1] / "plg" / "methods" / "datateam.yaml"
    assert "valid definition of 'datateam'" in plg("methods", "validate", str(good)).stderr
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        good.read_text()
        .replace("initial: probleemdefinitie", "initial: nergens")
        .replace('version: "1.1"', "version: one"),
        encoding="utf-8",
    )
    # Fields are checked first; structure once every field is well-formed.
    result = plg("methods", "validate", str(bad), code=1)
    assert result.stdout.startswith("version: does not have the expected form")
    assert result.stderr.startswith("Error: The method definition")
    assert "has 1 fault(s), listed above" in result.stderr
    bad.write_text(bad.read_text().replace("version: one", 'version: "2.0"'))
    report = json.loads(plg("methods", "validate", str(bad), "--json", code=1).stdout)
    assert report == {
        "valid": False,
        "faults": [{"place": "initial", "message": "unknown phase 'nergens'"}],
    }
    broken = tmp_path / "broken.yaml"
    broken.write_text("id: x\nphases:\n  - id: a\n    title: [open\nversion: 1\n", encoding="utf-8")
    assert "line 5, column 8" in plg("methods", "validate", str(broken), code=1).stdout
    code_tag = tmp_path / "code.yaml"
    code_tag.write_text("!!python/object/apply:os.system ['echo hacked']", encoding="utf-8")
    assert "tag" in plg("methods", "validate", str(code_tag), code=1).stdout
    assert "Cannot read the definition" in plg.error(
        "methods", "validate", str(tmp_path / "missing.yaml")
    )


def test_team_start_list_show(plg: Plg) -> None:
    started = plg.json(
        "team",
        "start",
        "Lezen",
        "--method",
        "datateam",
        "--school",
        "A",
        "--school",
        "B",
        "--kind",
        "network",
    )
    assert started["phase"] == "probleemdefinitie"
    shown = plg.json("team", "show", "Lezen")
    assert set(shown) >= {
        "name",
        "method",
        "method_version",
        "phase",
        "status",
        "counters",
        "triggers",
        "checklist",
    }
    assert shown["status"] == "active"
    assert shown["triggers"] == ["next"]
    assert shown["checklist"] == {"done": 0, "total": 5, "complete": False}
    assert shown["schools"] == ["A", "B"]
    assert [t["name"] for t in plg.json("team", "list", "--school", "A")] == ["Lezen"]
    assert plg.json("team", "list", "--method", "vier_vragen") == []
    assert "Lezen" in plg("team", "list").stdout
    human = plg("team", "show", "Lezen").stdout
    assert "Problem definition" in human
    assert "open item 'probleem'" in human
    assert "already exists" in plg.error("team", "start", "Lezen", "--method", "datateam")
    assert plg("team", "start", "X", "--method", "datateam", "--kind", "club", code=2)


def test_tick_advance_and_refusals(plg: Plg) -> None:
    name = _team(plg)
    error = plg.error("advance", name)
    assert "cannot move on with 'next' yet" in error
    assert "open item 'eens'" in error
    assert error.count("\n") == 1  # one line
    assert "Ticked 'eens'" in plg("tick", name, "eens").stderr
    assert "already ticked" in plg.error("tick", name, "eens")
    assert plg.json("tick", name, "eens", "--undo")["items"][1]["done"] is False
    assert "no checklist item 'koffie'" in plg.error("tick", name, "koffie")
    assert "plg artefact add" in plg.error("tick", name, "leerdoelen")
    assert "Possible now: next" in plg.error("advance", name, "sideways")
    assert "needs a reason" in plg.error("advance", name, "--force")
    moved = plg.json("advance", name, "--force", "--reason", "goals fixed by the board")
    assert (moved["left_phase"], moved["phase"]) == ("leren", "meten")
    told = plg("advance", name, "--force", "--reason", "again").stderr
    assert "from 'How will we know they learned it?' to 'What if some do not learn it?'" in told
    assert "no team 'Nobody'" in plg.error("advance", "Nobody")


def test_a_refusal_says_what_is_wrong_then_what_to_type(plg: Plg) -> None:
    name = _team(plg)
    assert plg.error("advance", name).endswith(
        "open item 'eens'. Finish these, or use --force with --reason.\n"
    )
    assert plg.error("advance", name, "--force") == (
        'Error: A forced move needs a reason, for the history. Add --reason "why".\n'
    )
    assert plg.error("tick", name, "leerdoelen").endswith("not by hand. Use 'plg artefact add'.\n")
    assert plg.error("team", "show", "Nobody") == (
        "Error: There is no team 'Nobody'. See the teams with 'plg team list'.\n"
    )
    dutch = Plg(plg.url, lang="nl")
    assert dutch.error("team", "show", "Niemand") == (
        "Error: Er is geen team 'Niemand'. Bekijk de teams met 'plg team list'.\n"
    )


def test_an_empty_list_says_what_to_type_to_fill_it(plg: Plg) -> None:
    assert plg("team", "list").stderr == (
        "No teams yet. Start one with 'plg team start NAME --method METHOD'.\n"
    )
    assert plg("overview").stderr.startswith("No teams yet. Start one with 'plg team start")
    assert (
        plg("school", "list").stderr == "There are no schools yet. Add one with 'plg school add'.\n"
    )
    assert plg("user", "list").stderr == (
        "Nobody can sign in yet. Add an account with 'plg user add NAME'.\n"
    )


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("key", sorted(REMEDIES))
def test_every_error_with_a_remedy_ends_in_it(key: str, lang: Lang) -> None:
    """Whatever raises an error of these keys, the command line's one line for it is what is
    wrong, then what to type, in the person's language."""
    texts = (
        catalogue("messages", lang).gettext(key),
        catalogue("messages", lang).gettext(REMEDIES[key]),
    )
    params = {
        name: f"<{name}>" for text in texts for _, name, _, _ in Formatter().parse(text) if name
    }

    @click.group(cls=PlgGroup)
    @click.pass_context
    def root(ctx: click.Context) -> None:
        ctx.obj = Settings(None, None, lang)

    @root.command()
    def fail() -> None:
        raise PlgError(key, **params)

    result = CliRunner().invoke(root, ["fail"])
    assert result.exit_code == 1
    wrong, remedy = (text.format(**params) for text in texts)
    assert result.stderr == f"Error: {wrong} {remedy}\n"


def test_checklist_formats(plg: Plg, tmp_path: Path) -> None:
    name = _team(plg, "<script>alert(1)</script>")
    plg("tick", name, "eens")
    data = plg.json("checklist", name)
    assert set(data) >= {"team", "phase", "complete", "items"}
    assert set(data["items"][0]) >= {"id", "text", "required", "done", "satisfied_by"}
    text = plg("checklist", name).stdout
    assert "[x] eens: All members stand behind the goals" in text
    assert "[ ] leerdoelen:" in text
    markdown = plg("checklist", name, "--format", "md").stdout
    assert "- [x] `eens`" in markdown
    out = tmp_path / "sheet.html"
    plg("checklist", name, "--format", "html", "--output", str(out))
    html = out.read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "☑" in html
    assert "☐" in html
    assert "Cannot write" in plg.error("checklist", name, "--output", str(tmp_path / "no" / "x"))


def test_artefacts_and_evidence(plg: Plg, tmp_path: Path) -> None:
    name = _team(plg)
    plg("advance", name, "--force", "--reason", "r")
    sheet = tmp_path / "toets.pdf"
    sheet.write_bytes(b"%PDF toets")
    added = plg.json(
        "artefact", "add", name, "--type", "toets", "--title", "Toets breuken", "--file", str(sheet)
    )
    assert added["file"]["name"] == "toets.pdf"
    assert added["file"]["size"] == len(b"%PDF toets")
    plg(
        "evidence",
        "add",
        name,
        "--kind",
        "toetsresultaten",
        "--title",
        "Gemiddelde",
        "--value",
        "6.8",
    )
    listed = plg.json("evidence", "list", name)
    assert [(e["type"], e["value"]) for e in listed] == [("toetsresultaten", 6.8)]
    assert "Toets breuken" in plg("artefact", "list", name).stdout
    assert plg.json("checklist", name)["items"][0]["done"] is True
    assert "exactly one" in plg.error(
        "artefact",
        "add",
        name,
        "--type",
        "toets",
        "--title",
        "x",
        "--text",
        "a",
        "--file",
        str(sheet),
    )
    assert plg("artefact", "add", name, "--type", "toets", "--title", "x", "--value", "1", code=2)
    assert "Cannot read the file" in plg.error(
        "artefact", "add", name, "--type", "toets", "--title", "x", "--file", str(tmp_path / "no")
    )
    assert "no artefact type 'poster'" in plg.error(
        "artefact", "add", name, "--type", "poster", "--title", "x", "--text", "y"
    )
    assert "Nothing saved" in plg("artefact", "list", _team(plg, "Other")).stderr


def _plg_process(plg: Plg, *args: str) -> subprocess.CompletedProcess[str]:
    """plg in a process of its own, as a user runs it: a command that would hang (reading a
    pipe, or /dev/zero) is stopped and fails the test, and one that reads without end runs
    out of memory long before the machine does."""

    def small() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))

    command = [sys.executable, "-m", "plg", "--db", plg.url, "--lang", "en", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, preexec_fn=small)


def _not_a_file(kind: str, tmp_path: Path, stack: ExitStack) -> str:
    if kind == "device":
        return "/dev/zero"
    path = tmp_path / kind
    if kind == "pipe":
        os.mkfifo(path)  # with no writer: opening it to read waits for one for ever
    elif kind == "folder":
        path.mkdir()
    else:
        stack.enter_context(socket.socket(socket.AF_UNIX)).bind(str(path))
    return str(path)


@pytest.mark.parametrize("kind", ["device", "pipe", "folder", "socket"])
def test_a_file_to_store_must_be_a_file_and_is_refused_at_once(
    plg: Plg, tmp_path: Path, kind: str
) -> None:
    name = _team(plg)
    with ExitStack() as stack:
        path = _not_a_file(kind, tmp_path, stack)
        add = ("artefact", "add", name, "--type", "toets", "--title", "x", "--file", path)
        ran = _plg_process(plg, *add)
    assert ran.returncode == 1, ran.stderr
    assert ran.stderr == (
        f"Error: '{path}' is not a file but a folder, a device, a pipe or a socket. "
        "Give the path of a file to store.\n"
    )
    assert plg.json("artefact", "list", name) == []


@pytest.mark.parametrize("kind", ["device", "pipe", "folder"])
def test_a_definition_file_must_be_a_file_too(
    plg: Plg, tmp_path: Path, kind: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Checked, or listed from a methods folder: a pipe or device is refused, not waited on."""
    with ExitStack() as stack:
        path = _not_a_file(kind, tmp_path, stack)
        checked = _plg_process(plg, "methods", "validate", path)
        if kind != "device":  # a methods folder holds files with an ending; /dev/zero has none
            folder = tmp_path / "methods"
            folder.mkdir()
            os.symlink(path, folder / "odd.yaml")
            monkeypatch.setenv("PLG_METHODS_PATH", str(folder))
            listed = _plg_process(plg, "methods", "list")
            assert listed.returncode == 0, listed.stderr
            assert "odd.yaml" in listed.stdout + listed.stderr
    assert checked.returncode == 1, checked.stderr
    assert f"'{path}' is not a file but a folder, a device, a pipe or a socket" in checked.stderr


def test_a_file_past_max_file_mb_is_refused_before_it_is_read(plg: Plg, tmp_path: Path) -> None:
    name = _team(plg)
    plg("settings", "set", "max-file-mb", "1")
    big = tmp_path / "film.mp4"
    with big.open("wb") as out:
        out.truncate(2**40)  # a terabyte, sparse: only reading it would take the time
    add = ("artefact", "add", name, "--type", "toets", "--title", "x", "--file", str(big))
    ran = _plg_process(plg, *add)
    assert ran.returncode == 1, ran.stderr
    assert ran.stderr.startswith("Error: The file is 1048576.0 MB; plg stores files up to 1 MB.")
    for size in (2**20, 2**20 + 1):  # the most there may be, and one byte more
        (tmp_path / f"{size}.pdf").write_bytes(b"\0" * size)
    assert plg.json(*add[:-1], str(tmp_path / f"{2**20}.pdf"))["file"]["size"] == 2**20
    refused = plg.error(*add[:-1], str(tmp_path / f"{2**20 + 1}.pdf"))
    assert "is 1.0 MB; plg stores files up to 1 MB" in refused


def test_history(plg: Plg) -> None:
    name = _team(plg)
    plg("tick", name, "eens")
    plg("advance", name, "--force", "--reason", "why not")
    events = plg.json("history", name)
    assert [e["seq"] for e in events] == [1, 2, 3]
    assert all(
        set(e) >= {"seq", "at", "actor", "kind", "from", "to", "trigger", "reason"} for e in events
    )
    last = events[2]
    assert {k: last[k] for k in ("kind", "from", "to", "trigger", "reason", "actor")} == {
        "kind": "force",
        "from": "leren",
        "to": "meten",
        "trigger": "next",
        "reason": "why not",
        "actor": "tester",
    }
    assert "why not" in plg("history", name).stdout


def test_overview(plg: Plg) -> None:
    assert "No teams yet" in plg("overview").stderr
    _team(plg, "A")
    _team(plg, "B", "datateam")
    data = plg.json("overview", "--stalled-days", "5")
    assert set(data) >= {"teams", "by_method", "by_phase"}
    row = data["teams"][0]
    assert set(row) >= {
        "name",
        "method",
        "phase",
        "phase_index",
        "phase_count",
        "status",
        "last_activity",
        "stalled",
    }
    assert (row["phase_index"], row["phase_count"]) == (1, 8)
    assert data["by_method"] == {"datateam": 1, "vier_vragen": 1}
    assert [t["name"] for t in plg.json("overview", "--method", "datateam")["teams"]] == ["B"]
    assert plg("overview", "--stalled-days", "0", code=2)


def test_demo_fills_and_is_safe_to_repeat(tmp_path: Path) -> None:
    plg = Plg(f"sqlite:///{tmp_path / 'demo.db'}")
    first = plg("demo")
    assert "6 team(s) created" in first.stderr
    assert "Netwerk schrijfonderwijs" in first.stdout
    data = plg.json("demo")
    assert len(data["teams"]) == 6
    assert set(data["by_method"]) == {"actieonderzoek", "datateam", "lesson_study", "vier_vragen"}
    assert [t["name"] for t in data["teams"] if t["stalled"]] == ["Woordenschat NT2"]
    assert [t["name"] for t in data["teams"] if t["status"] == "completed"] == [
        "Kernteam rekenen groep 3"
    ]
    assert plg.json("team", "show", "Rekenen bovenbouw")["counters"]["hypothese"] == 2
    # Around the phases: schools with codes, people, both team kinds, charters, meetings and
    # the hours they give, the register, case pupils.
    assert all(school["code"] for school in plg.json("school", "list"))
    assert len(plg.json("person", "list")) >= 14
    assert {row["kind"] for row in data["teams"]} == {"internal", "network"}
    assert plg.json("charter", "show", "Rekenen bovenbouw")["complete"] is True
    assert [h["status"] for h in plg.json("hypothesis", "list", "Rekenen bovenbouw")] == [
        "rejected",
        "open",
    ]
    meetings = plg.json("meeting", "list", "Netwerk schrijfonderwijs")
    assert meetings[0]["kind"] == "start"
    # The school year the meetings were held in: the demo is run in any month.
    year = str(school_year(date.fromisoformat(meetings[0]["held_on"])))
    hours = {row["person"]: row for row in plg.json("hours", "--year", year)["people"]}
    assert hours["Carla Smit"]["network_hours"] > 0
    assert hours["Carla Smit"]["budget"] == 25
    assert hours["Bram Jansen"]["budget"] is None  # in an internal team only
    assert len(plg.json("pupil", "list", "Netwerk schrijfonderwijs", "--lesson", "1")) == 3
    assert "plg hours" in first.stderr
    # A director of one school, who may sign in, and a team there waiting for their approval.
    assert plg.json("director", "list") == [{"person": "Hanneke Vos", "school": "CBS Het Kompas"}]
    assert "Hanneke Vos" in first.stderr.rpartition("Web page:")[2]
    assert "'Netwerk jonge kind' waits for their approval" in first.stderr
    waiting = plg.json("checklist", "Netwerk jonge kind")
    assert [i["id"] for i in waiting["items"] if i["required"] and not i["done"]] == ["directie"]
    assert hours["Tim Bos"]["network_hours"] == 1.5  # of the school the director approves
    director = Plg(plg.url, actor="Hanneke Vos")
    director("approve", "Netwerk jonge kind", "directie")
    director("hours", "approve", "Tim Bos", "--year", year)


def test_dutch_is_the_default(tmp_path: Path) -> None:
    plg = Plg(f"sqlite:///{tmp_path / 'nl.db'}", lang="nl")
    assert "Maak die aan met 'plg init'" in plg.error("team", "list")
    plg("init")
    assert "Er is geen team 'X'" in plg.error("team", "show", "X")


def test_a_database_from_a_newer_plg_is_refused(plg: Plg) -> None:
    sql(plg.url, "UPDATE alembic_version SET version_num = 'ffff'")
    assert "newer plg" in plg.error("team", "list")
    assert "newer plg" in plg.error("init")


def test_an_unusable_url_is_one_error_line(tmp_path: Path) -> None:
    assert "is not a database URL" in Plg("not a url").error("team", "list")
    assert "Cannot open the database" in Plg("nosuchdriver://x/y").error("team", "list")
    missing = Plg("mysql+mysqldb://localhost/plg").error("team", "list")
    assert "driver for mysql+mysqldb://localhost/plg is not installed" in missing
    assert "pip install 'plg[postgres]'" in missing


def test_usage_errors_exit_2(plg: Plg) -> None:
    plg("team", "start", "X", code=2)  # --method missing
    plg("frobnicate", code=2)
    plg("--lang", "fr", "team", "list", code=2)


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, check=True, env=env
    )


def test_help_imports_none_of_the_heavy_packages() -> None:
    probe = (
        "import sys\n"
        "from plg.cli import cli\n"
        "try:\n    cli(['--help'], prog_name='plg')\nexcept SystemExit:\n    pass\n"
        "heavy = {'sqlalchemy', 'pydantic', 'transitions', 'jinja2', 'rich', 'alembic', 'yaml',\n"
        "         'orjson', 'plg.cli.display', 'plg.engine', 'plg.cli.work',\n"
        "         'plg.cli.teams', 'plg.cli.methods', 'plg.cli.reports', 'plg.errors'}\n"
        "loaded = {m.split('.')[0] for m in sys.modules} | set(sys.modules)\n"
        "from plg.texts import catalogue\n"
        "print(sorted(heavy & loaded), catalogue.cache_info().currsize)\n"
    )
    # Nor the catalogue of messages: the help reads only its own and Click's.
    assert _run("-c", probe).stdout.strip().splitlines()[-1] == "[] 0"


def test_the_command_list_is_each_commands_own_help() -> None:
    """`plg --help` lists the commands without loading them; the lines must be theirs."""
    context = click.Context(cli)
    names = cli.list_commands(context)
    assert len(names) == len(set(names)) >= 14
    for name in names:
        command = cli.get_command(context, name)
        assert command is not None, name
        assert command.name == name
        assert command.help == help_for(name)
    assert cli.get_command(context, "nonsense") is None


@pytest.mark.parametrize(("lang", "words"), [("en", "Start a team"), ("nl", "Start een team")])
def test_help_speaks_the_chosen_language(lang: str, words: str) -> None:
    out = _run("-m", "plg", "--lang", lang, "team", "start", "--help").stdout
    assert words in out


def test_get_writes_a_stored_file_back(
    plg: Plg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    name = _team(plg)
    original = tmp_path / "in" / "doelen.docx"
    original.parent.mkdir()
    original.write_bytes(b"PK\x03\x04 goals")
    record = plg.json(
        "artefact",
        "add",
        name,
        "--type",
        "leerdoelen",
        "--title",
        "Doelen",
        "--file",
        str(original),
    )
    assert f"│ {record['id']} " in plg("artefact", "list", name).stdout
    monkeypatch.chdir(tmp_path)
    plg("artefact", "get", name, str(record["id"]))
    assert (tmp_path / "doelen.docx").read_bytes() == original.read_bytes()
    assert "already exists" in plg.error("artefact", "get", name, str(record["id"]))
    plg("artefact", "get", name, str(record["id"]), "--overwrite")
    out = tmp_path / "copy.docx"
    plg("artefact", "get", name, str(record["id"]), "-o", str(out))
    assert out.read_bytes() == original.read_bytes()
    assert "no artefact with id 999" in plg.error("artefact", "get", name, "999")


def test_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    garbage = tmp_path / "notes.db"
    garbage.write_text("these are my notes, not a database\n" * 100)
    plg = Plg(f"sqlite:///{garbage}")
    assert "Cannot open the database" in plg.error("team", "list")
    assert "Cannot open the database" in plg.error("init")
    assert garbage.read_text().startswith("these are my notes")


def test_a_database_folder_that_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    plg = Plg(f"sqlite:///{blocker / 'sub' / 'plg.db'}")
    assert "Cannot open the database" in plg.error("init")


def test_version() -> None:
    import plg

    assert _run("-m", "plg", "--version").stdout.strip().endswith(plg.__version__)
    assert plg.__version__.count(".") == 2

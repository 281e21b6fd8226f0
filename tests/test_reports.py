"""What project leaders and team leaders print and share: diagrams, method pages, meeting
sheets, exports and the HTML overview, with hostile names shown as text."""

from __future__ import annotations

import json
import re
from itertools import pairwise
from pathlib import Path

import pytest

from tests.conftest import Plg
from tests.walk import fill_charter

HOSTILE = '<script>alert("x")</script> & "quotes" | pipes'


def _hostile_method(folder: Path) -> None:
    text = (Path(__file__).parents[1] / "plg" / "methods" / "vier_vragen.yaml").read_text()
    text = text.replace("id: vier_vragen", "id: vijandig").replace(
        'title: {nl: "Wat willen we dat leerlingen leren?", '
        'en: "What do we want pupils to learn?"}',
        "title: {nl: " + json.dumps(HOSTILE) + ", en: " + json.dumps(HOSTILE) + "}",
    )
    (folder / "vijandig.yaml").write_text(text, encoding="utf-8")


@pytest.fixture
def hostile(plg: Plg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Plg:
    folder = tmp_path / "methods"
    folder.mkdir()
    _hostile_method(folder)
    monkeypatch.setenv("PLG_METHODS_PATH", str(folder))
    plg("team", "start", HOSTILE, "--method", "vijandig", "--school", HOSTILE)
    return plg


def test_mermaid_graph(plg: Plg) -> None:
    text = plg("methods", "graph", "datateam").stdout
    assert text.startswith("flowchart TD\n")
    for phase in ("probleemdefinitie", "hypothesen", "evaluatie", "afgerond"):
        assert (
            len(re.findall(rf"^    p_{phase}\[", text, re.M))
            + len(re.findall(rf"^    p_{phase}\(\[", text, re.M))
            == 1
        )
    assert text.count(" --> ") == 7  # the plain forward moves, unlabelled
    # The forward move an accepted hypothesis makes, named; the three loop-backs, dashed.
    assert ' -->|"Hypothesis accepted: take measures"| p_maatregelen' in text
    assert text.count(" -.->") == 3
    assert '-.->|"Hypothesis rejected: formulate a new one"| p_hypothesen' in text
    assert "style " not in text


def test_graph_marks_the_team_phase(plg: Plg) -> None:
    plg("team", "start", "T", "--method", "lesson_study")
    plg("advance", "T", "--force", "--reason", "r")
    assert (
        "style p_orientatie fill:" in plg("methods", "graph", "lesson_study", "--team", "T").stdout
    )
    dot = plg("methods", "graph", "lesson_study", "--team", "T", "--format", "dot").stdout
    assert dot.startswith('digraph "lesson_study" {')
    assert '"orientatie" [label="Study", style="rounded,filled"' in dot
    assert dot.count("style=dashed") == 2
    assert dot.count(" -> ") == 8
    assert "runs on method 'lesson_study'" in plg.error(
        "methods", "graph", "datateam", "--team", "T"
    )


def test_graph_labels_are_escaped(hostile: Plg) -> None:
    mermaid = hostile("methods", "graph", "vijandig").stdout
    assert "<script>" not in mermaid
    assert "#lt;script#gt;alert(#quot;x#quot;)" in mermaid
    dot = hostile("methods", "graph", "vijandig", "--format", "dot").stdout
    assert '[label="<script>alert(\\"x\\")</script> & \\"quotes\\" | pipes"]' in dot


def test_method_page_in_markdown(plg: Plg) -> None:
    page = plg("methods", "show", "vier_vragen", "--format", "md").stdout
    assert page.startswith("# The four questions of a PLC\n")
    assert "```mermaid\nflowchart TD\n" in page
    assert "## 4. What if they already know it? (`verrijken`)" in page
    # The phases a move links by title, the trigger as `plg advance` takes it.
    move = "| What if they already know it? | What do we want pupils to learn? |"
    assert f"| `volgende_eenheid` {move} On to the next learning unit |" in page


def test_meeting_sheet_puts_open_items_first(plg: Plg, tmp_path: Path) -> None:
    plg(
        "team",
        "start",
        "T",
        "--method",
        "vier_vragen",
        "--school",
        "De Linde",
        "--leader",
        "Ans",
        "--deadline",
        "2031-06-30",
    )
    plg("tick", "T", "eens")
    out = tmp_path / "sheet.html"
    plg("checklist", "T", "--format", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert html.index("The essential learning goals are saved") < html.index(
        "All members stand behind the goals"
    )
    assert "De Linde · Ans · Deadline 2031-06-30" in html
    assert "Notes of the meeting" in html
    markdown = plg("checklist", "T", "--format", "md").stdout
    assert markdown.index("- [ ] `leerdoelen`") < markdown.index("- [x] `eens`")


def _a_story(plg: Plg, tmp_path: Path) -> str:
    plg("team", "start", "Story", "--method", "vier_vragen", "--leader", "Ans")
    plg("team", "join", "Story", "Bo", "--role", "facilitator")
    sheet = tmp_path / "doelen.pdf"
    sheet.write_bytes(b"%PDF goals")
    plg(
        "artefact", "add", "Story", "--type", "leerdoelen", "--title", HOSTILE, "--file", str(sheet)
    )
    plg("tick", "Story", "eens")
    fill_charter(plg, "Story")
    plg("charter", "set", "Story", "--known", HOSTILE)
    plg("advance", "Story")
    plg("advance", "Story", "--force", "--reason", "toets komt later")
    plg("team", "join", "Story", "Ans", "--role", "leader", "--since", "2026-01-01")
    plg("team", "join", "Story", "Bo", "--role", "facilitator", "--since", "2026-01-01")
    for day in ("2026-02-01", "2026-03-01"):
        plg(
            "meeting",
            "add",
            "Story",
            "--date",
            day,
            "--length",
            "1h30",
            "--attendee",
            "Ans",
            "--attendee",
            "Bo",
            "--agenda",
            HOSTILE,
        )
    plg("meeting", "add", "Story", "--date", "2026-04-01", "--length", "45", "--attendee", "Ans")
    plg("team", "join", "Story", "Cas", "--since", "2026-01-01")
    plg("team", "leave", "Story", "Cas", "--on", "2026-03-15")
    plg("hypothesis", "add", "Story", HOSTILE)
    plg("hypothesis", "reject", "Story", "--verdict", "Not so", "--data", HOSTILE)
    return "Story"


def test_export_json_holds_the_whole_story(plg: Plg, tmp_path: Path) -> None:
    name = _a_story(plg, tmp_path)
    data = json.loads(plg("export", name, "--format", "json").stdout)
    assert set(data) >= {"team", "method", "visits", "forced", "events"}
    first, second, third = data["visits"]
    assert (first["phase"], first["left_with"], first["left_forced"]) == ("leren", "next", False)
    ticked = {i["id"]: i["ticked_by"] for i in first["checklist"]}
    assert ticked == {"charter": None, "leerdoelen": None, "eens": "tester", "leerlingtaal": None}
    assert next(i for i in first["checklist"] if i["id"] == "charter")["done"] is True
    (record,) = first["records"]
    assert record["file"]["size"] == len(b"%PDF goals")
    assert len(record["file"]["sha256"]) == 64
    assert (second["left_forced"], second["left_reason"]) == (True, "toets komt later")
    assert third["phase"] == "intervenieren"
    assert third["left_at"] is None
    assert [e["reason"] for e in data["forced"]] == ["toets komt later"]
    assert len(data["events"]) == 19
    assert [(m["person"], m["role"], m["left_at"][:10]) for m in data["former_members"]] == [
        ("Cas", "member", "2026-03-15")
    ]
    assert data["charter"]["complete"] is True
    assert data["charter"]["answers"][2]["answer"] == HOSTILE
    assert [(h["number"], h["status"], h["data"]) for h in data["hypotheses"]] == [
        (1, "rejected", HOSTILE)
    ]
    assert [m["minutes"] for m in data["meetings"]] == [90, 90, 45]
    assert data["hours"] == [{"person": "Ans", "hours": 3.75}, {"person": "Bo", "hours": 3.0}]
    assert [(m["person"], m["role"]) for m in data["members"]] == [
        ("Ans", "leader"),
        ("Bo", "facilitator"),
    ]


def test_export_markdown_and_html(plg: Plg, tmp_path: Path) -> None:
    name = _a_story(plg, tmp_path)
    markdown = plg("export", name).stdout
    assert "**Moved on without a complete checklist**: toets komt later" in markdown
    assert "- [x] All members stand behind the goals (tester, " in markdown
    assert "\\| pipes" in markdown  # a title cannot break the table
    assert "Members: Ans (leader), Bo (facilitator)" in markdown
    assert "Former members: Cas (member, 2026-01-01 \u2013 2026-03-15)" in markdown
    assert "## Team charter" in markdown
    assert "- **By when?** 2099-06-30" in markdown
    assert "| 1 | rejected | " in markdown
    assert "| Not so |" in markdown
    assert "| 2026-04-01 | meeting | 45 | Ans |  |" in markdown
    assert "Hours in these meetings: Ans 3.75, Bo 3.0" in markdown
    assert "\n" not in HOSTILE or HOSTILE not in markdown  # a line break cannot split a cell
    out = tmp_path / "story.html"
    plg("export", name, "--format", "html", "-o", str(out))
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in html
    assert 'Bo <span class="muted">(facilitator)</span>' in html
    assert "<h2>Hypothesis register</h2>" in html
    assert "<td>Not so</td>" in html
    assert "<p>Hours in these meetings: Ans 3.75, Bo 3.0</p>" in html
    assert "Cannot write" in plg.error("export", name, "-o", str(tmp_path / "no" / "x.md"))


def _after_tables(markdown: str) -> list[str]:
    """The line after each table: a Markdown reader ends a table only at a blank line, and
    takes a line of text right below it as one more row."""
    lines = markdown.splitlines()
    return [
        after for row, after in pairwise(lines) if row.startswith("|") and not after.startswith("|")
    ]


def test_markdown_ends_each_table_and_paragraph_with_a_blank_line(plg: Plg, tmp_path: Path) -> None:
    name = _a_story(plg, tmp_path)
    story = plg("export", name).stdout
    assert len(_after_tables(story)) >= 3  # hypotheses, meetings, records
    pages = [
        story,
        plg("checklist", name, "--format", "md").stdout,
        plg("methods", "show", "datateam", "--format", "md").stdout,
    ]
    for page in pages:
        assert set(_after_tables(page)) <= {""}, page
    # Lines of text apart, else a reader joins them into one paragraph.
    for line in ("Members: ", "Former members: ", "Hours in these meetings: ", "Counters: "):
        assert f"\n\n{line}" in story
        assert re.search(f"\n\n{line}[^\n]*\n\n", story), line


def test_overview_html(hostile: Plg, tmp_path: Path) -> None:
    out = tmp_path / "overview.html"
    assert "Written to" in hostile("overview", "--html", str(out)).stderr
    html = out.read_text(encoding="utf-8")
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "http" not in html.replace('xmlns="http', "")  # nothing from the internet
    assert len(re.findall(r'<rect class="bar"', html)) == 5


def test_overview_html_of_an_empty_database(plg: Plg, tmp_path: Path) -> None:
    out = tmp_path / "empty.html"
    plg("overview", "--html", str(out))
    assert "No teams yet" in out.read_text(encoding="utf-8")
    assert "Cannot write" in plg.error("overview", "--html", str(tmp_path / "no" / "x.html"))

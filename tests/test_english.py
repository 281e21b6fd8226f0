"""In English a person reads titles, never the Dutch ids of the built-in methods: every command
that prints for people, and the web page's team pages and dashboard, tried on the demo. The ids
stay in --json (docs/cli.md), and where a person types one (`plg tick TEAM ITEM`, `plg advance
TEAM TRIGGER`, `--phase`), it is shown in the one place they look it up, beside its title."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

from plg.methods.registry import load_registry
from tests.conftest import Plg
from tests.webserver import Visitor, serving, text_of

TEAMS = (
    "Woordenschat NT2",
    "Begrijpend lezen 5-6",
    "Netwerk jonge kind",
    "Rekenen bovenbouw",
    "Netwerk schrijfonderwijs",
    "Kernteam rekenen groep 3",
)
METHODS = ("actieonderzoek", "datateam", "lesson_study", "vier_vragen")

# Where a person is shown an id to type, beside what it means: a checklist item's id before its
# text, in what keeps a move back and in the history (`plg tick`), a move's trigger (`plg
# advance`), an id in parentheses or as code after its title (`plg methods show`), and the
# nodes of a Mermaid diagram, which a reader sees drawn, with the titles as labels.
_TYPED = (
    r"\[[ x]\] `?\w+`?:?",
    r"open item '\w+'",
    r"ticked: \w+",
    r"^ +[✓·] \w+ →",
    r"\(`?[\w:]+`?( [\d.]+|, optional)?\)",
    r"`[^`\n]+`",
    r"\bp_\w+",
)
# A web page has nothing to type an id into; its history names ticked items as the CLI does.
_ON_PAGES = (r"ticked: \w+",)


def _dutch_ids() -> set[str]:
    """The ids of the built-in methods that are not their own English title."""
    found: set[str] = set()
    for method in METHODS:
        definition = load_registry().get(method).definition
        titled = [
            *definition.phases,
            *definition.counters,
            *definition.artefact_types,
            *definition.evidence_kinds,
        ]
        found |= {
            thing.id
            for thing in titled
            if thing.id.replace("_", " ").lower() != thing.title("en").lower()
        }
        found |= {tr.trigger for tr in definition.transitions if tr.trigger != "next"}
    return found


def _leaks(text: str, ids: set[str], typed: tuple[str, ...]) -> set[str]:
    for pattern in typed:
        text = re.sub(pattern, " ", text, flags=re.M)
    return {word for word in re.findall(r"\w+", text) if word in ids}


def _methods_show(plg: Plg, method: str) -> str:
    """`plg methods show` as text, without its table's first column: the triggers to type."""
    shown = plg("methods", "show", method).stdout
    return re.sub(r"^│ \w+ +│", "│", shown, flags=re.M)


def _printed(plg: Plg, folder: Path) -> list[str]:
    """What the demo and every command that prints for people show, after a few changes."""
    outputs: list[str] = []

    def run(*args: str) -> None:
        result = plg(*args)
        # A page's markup (its ids for scripts and styles) is not what a person reads.
        shown = text_of(result.stdout) if "html" in args else result.stdout
        outputs.extend((shown, result.stderr))

    # Changes first, so that what they confirm and what they leave behind is read too.
    team = "Rekenen bovenbouw"
    run("evidence", "add", team, "--kind", "dataset", "--title", "Scores", "--value", "6.1")
    run("tick", team, "herkomst")
    run("tick", team, "zonder_namen")
    run(
        "meeting", "add", team, "--date", "2026-11-19", "--length", "1h", "--attendee", "Sem de Wit"
    )
    run("advance", team)
    run("artefact", "add", team, "--type", "kwaliteitsoordeel", "--title", "Q", "--text", "Poor")
    run("advance", team, "opnieuw_verzamelen", "--force", "--reason", "Too few pupils")
    run("team", "start", "Nieuw team", "--method", "vier_vragen", "--school", "CBS Het Kompas")
    overview = folder / "overview.html"
    run("overview", "--html", str(overview))
    outputs.append(text_of(overview.read_text(encoding="utf-8")))
    commands = ["overview", "team list", "hours", "methods list", "plugins", "settings", "where"]
    commands += ["check", "person list", "school list", "user list", "project-leader list"]
    for command in commands:
        run(*command.split())
    for method in METHODS:
        outputs.append(_methods_show(plg, method))
        run("methods", "show", method, "--format", "md")
    per_team = ["team show", "team members", "history", "charter show", "meeting list"]
    per_team += ["hypothesis list", "pupil list", "artefact list", "evidence list"]
    per_team = [f"{command} TEAM" for command in per_team]
    per_team += [f"checklist TEAM --format {fmt}" for fmt in ("text", "md", "html")]
    per_team += [f"export TEAM --format {fmt}" for fmt in ("md", "html")]
    for name in TEAMS:
        for command in per_team:
            run(*(name if word == "TEAM" else word for word in command.split()))
    return outputs


def _pages(url: str, password: str) -> list[str]:
    """The words of the web page's dashboard, lists, method pages, and each team's page,
    report and move to confirm, for a project leader who reads English."""
    pages = ["/dashboard", "/teams", "/methods"]
    pages += [f"/methods/{method}" for method in METHODS]
    pages += [f"/{page}/{quote(name)}" for page in ("team", "export") for name in TEAMS]
    # A move to confirm, for each team but the last, which has completed its method.
    pages += [f"/advance/{quote(name)}?trigger=next" for name in TEAMS[:-1]]
    read = []
    with serving(url) as base:
        visitor = Visitor(base)
        try:
            visitor.sign_in("Marieke de Boer", password)
            for path in pages:
                page = visitor.get(path)
                assert page.status_code == 200, path
                read.append(text_of(page.text))
        finally:
            visitor.close()
    return read


def test_english_shows_no_dutch_id_outside_json(tmp_path: Path) -> None:
    plg = Plg(f"sqlite:///{tmp_path / 'demo.db'}", lang="en", actor="Marieke de Boer")
    built = plg("demo")
    password = re.search(r"with the password (\S+)", built.stderr)
    assert password is not None, built.stderr
    printed = [built.stdout, built.stderr, *_printed(plg, tmp_path)]
    pages = _pages(plg.url, password.group(1))

    ids = _dutch_ids()
    assert {"hypothese", "leren", "probleemdefinitie", "verwerpen", "onderzoeksles"} <= ids
    read = [(text, _TYPED) for text in printed] + [(text, _ON_PAGES) for text in pages]
    leaked = [
        match.group()
        for text, typed in read
        for word in _leaks(text, ids, typed)
        for match in re.finditer(rf".{{0,60}}\b{word}\b.{{0,30}}", text)
    ]
    assert leaked == []

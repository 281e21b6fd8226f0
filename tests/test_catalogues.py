"""Every text a user sees exists in Dutch and English, with the same placeholders."""

from __future__ import annotations

import re
import string
from pathlib import Path

import click
import pytest

from plg.cli import cli
from plg.cli.helptexts import HELP
from plg.cli.remedies import REMEDIES as CLI_REMEDIES
from plg.messages import LANGS, MESSAGES
from plg.web.remedies import REMEDIES as WEB_REMEDIES


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("catalogue", [MESSAGES, HELP], ids=["messages", "help"])
def test_both_languages_everywhere(catalogue: dict[str, dict[str, str]]) -> None:
    for key, texts in catalogue.items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key
        assert _fields(texts["nl"]) == _fields(texts["en"]), key


@pytest.mark.parametrize("remedies", [CLI_REMEDIES, WEB_REMEDIES], ids=["cli", "web"])
def test_a_remedy_needs_no_value_its_error_lacks(remedies: dict[str, str]) -> None:
    """A surface fills the remedy of an error with the error's values: it may leave some out,
    never ask for more."""
    # The command that ticks an item that is not ticked by hand, which its error names for the
    # command line alone.
    only_for_remedies = {"item_not_manual": {"command"}}
    for error, remedy in remedies.items():
        given = _fields(MESSAGES[error]["en"]) | only_for_remedies.get(error, set())
        assert _fields(MESSAGES[remedy]["en"]) <= given, error


def _names_the_command_line(text: str) -> bool:
    """Whether `text` tells a person what to type: a command of plg's, an option, a variable."""
    commands = "|".join(map(re.escape, cli.list_commands(click.Context(cli))))
    return re.search(rf"\bplg (?:{commands})\b|(?<![\w-])--[a-z]|\bPLG_[A-Z]", text) is not None


# What only the command line prints, besides its remedies: its usage errors, notices and
# confirmations, the demo's tour, and the method reference it writes (`plg methods show`).
CLI_OWN = {
    "deadline_usage",
    "done_backup",
    "done_user",
    "demo_more",
    "demo_roles",
    "demo_sign_in",
    "charter_missing_needs",
    "pseudonym_warning",
    "serve_no_users",
    "fired_by_accepted",
    "fired_by_rejected",
}


def test_only_the_command_line_says_what_to_type() -> None:
    """An error says what is wrong, on every surface; what to type is the command line's to
    add (`plg.cli.remedies`), so that the web page never tells a person to type 'plg team
    list' or --force."""
    typed = {
        key
        for key, texts in MESSAGES.items()
        if any(_names_the_command_line(text) for text in texts.values())
    }
    assert typed - CLI_OWN <= set(CLI_REMEDIES.values())
    assert not any(_names_the_command_line(MESSAGES[key]["en"]) for key in CLI_REMEDIES)
    page = set(WEB_REMEDIES.values())
    assert not any(_names_the_command_line(MESSAGES[key][lang]) for key in page for lang in LANGS)
    # Where the command line's own texts are used: by its modules alone (the reference's
    # words for a verdict's move by the template that `plg methods show` fills).
    root = Path(__file__).parents[1] / "plg"
    for path in root.rglob("*"):
        if path.suffix not in (".py", ".html", ".md", ".txt") or path.name == "messages.py":
            continue
        if "cli" not in path.relative_to(root).parts:
            source = path.read_text(encoding="utf-8")
            assert not [key for key in CLI_OWN if f'"{key}"' in source], path


def test_errors_say_what_to_do() -> None:
    # The CLI prints an error as one line: what is wrong, then what to do.
    for key, texts in MESSAGES.items():
        for text in texts.values():
            assert "\n" not in text, key


def test_every_text_is_used() -> None:
    root = Path(__file__).parents[1] / "plg"
    source = "\n".join(
        path.read_text(encoding="utf-8")
        for path in root.rglob("*")
        if path.suffix in (".py", ".html", ".md", ".txt")
        and path.name not in ("messages.py", "helptexts.py")
    )
    # Keys put together at run time: event_KIND, fault_TYPE, act_ACTION, role_ROLE, what a
    # register item saves, the charter's questions, hypothesis statuses, meeting kinds, the
    # moves a verdict makes, and the record categories, statuses and flags passed by value;
    # on the web page, its words for a verdict, a move a verdict makes and a record category.
    built = (
        "web_move_by_",
        "web_hypothesis_",
        "web_artefacts",
        "web_evidences",
        "event_",
        "fault_",
        "act_",
        "role_",
        "saves_",
        "charter_",
        "status_",
        "kind_",
        "trigger_by_",
        "fired_by_",
    )
    by_value = {"artefact", "evidence", "active", "completed", "stalled", "overdue"}

    def used(key: str) -> bool:
        return f'"{key}"' in source or f"'{key}'" in source

    unused = [
        key
        for key in MESSAGES
        if not used(key) and not key.startswith(built) and key not in by_value
    ]
    assert unused == []
    # Help put together: the charter's questions as options, `hypothesis accept|reject`,
    # `pupil predict|observe`.
    assert [
        key
        for key in HELP
        if not used(key) and not key.startswith(("charter_", "hypothesis_", "pupil_"))
    ] == []

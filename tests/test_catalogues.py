"""Every text a user sees exists in Dutch and English, with the same placeholders; the
catalogues hold exactly the ids the code uses, and their compiled form is their source's."""

from __future__ import annotations

import gettext
import os
import re
import string
import subprocess
import sys
from pathlib import Path

import click
import pytest
from babel.messages.catalog import Catalog

from plg.cli import cli
from plg.cli.remedies import REMEDIES as CLI_REMEDIES
from plg.langs import LANGS
from plg.texts import DOMAINS, LOCALE
from plg.web.remedies import REMEDIES as WEB_REMEDIES
from tests.catalogs import compiled, extracted, read


def _texts(catalog: Catalog) -> dict[object, tuple[str, ...]]:
    return {
        message.id: message.string if isinstance(message.string, tuple) else (message.string,)
        for message in catalog
        if message.id
    }


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


# The values a Dutch text leaves out because they hold only Click's English: the name of a
# number's type ("float", "integer range").
_ENGLISH_ONLY = {"{value!r} is not a valid {number_type}.": {"number_type"}}


@pytest.mark.parametrize("domain", DOMAINS)
def test_both_languages_everywhere(domain: str) -> None:
    en, nl = (_texts(read(domain, lang)) for lang in ("en", "nl"))
    assert set(en) == set(nl)
    for key in en:
        for lang, texts in (("en", en[key]), ("nl", nl[key])):
            assert all(text.strip() for text in texts), (domain, lang, key)
        english = {f for text in en[key] for f in _fields(text)}
        dutch = {f for text in nl[key] for f in _fields(text)}
        assert english - _ENGLISH_ONLY.get(str(key), set()) == dutch, key


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_catalogues_hold_exactly_the_ids_the_code_uses(domain: str) -> None:
    """Babel's extraction from the code and the templates (Click's own code for `click`):
    none missing, none stale. `python -m tests.catalogs` brings them in step."""
    used = extracted(domain)
    for lang in LANGS:
        held = set(_texts(read(domain, lang)))
        assert sorted(map(str, used - held)) == [], f"missing in {domain} {lang}"
        assert sorted(map(str, held - used)) == [], f"stale in {domain} {lang}"


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("lang", LANGS)
def test_the_compiled_catalogues_are_their_sources(domain: str, lang: str) -> None:
    mo = (LOCALE / lang / "LC_MESSAGES" / f"{domain}.mo").read_bytes()
    assert mo == compiled(domain, lang), "stale .mo: python -m tests.catalogs"


@pytest.mark.parametrize("remedies", [CLI_REMEDIES, WEB_REMEDIES], ids=["cli", "web"])
def test_a_remedy_needs_no_value_its_error_lacks(remedies: dict[str, str]) -> None:
    """A surface fills the remedy of an error with the error's values: it may leave some out,
    never ask for more."""
    texts = _texts(read("messages", "en"))
    # The command that ticks an item that is not ticked by hand, which its error names for the
    # command line alone.
    only_for_remedies = {"item_not_manual": {"command"}}
    for error, remedy in remedies.items():
        given = _fields(texts[error][0]) | only_for_remedies.get(error, set())
        assert _fields(texts[remedy][0]) <= given, error


def _names_the_command_line(text: str) -> bool:
    """Whether `text` tells a person what to type: a command of plg's, an option, a variable."""
    commands = "|".join(map(re.escape, cli.list_commands(click.Context(cli))))
    return re.search(rf"\bplg (?:{commands})\b|(?<![\w-])--[a-z]|\bPLG_[A-Z]", text) is not None


# What only the command line prints, besides its remedies: its usage errors, notices and
# confirmations, the demo's tour, and the method reference it writes (`plg methods show`).
CLI_OWN = {
    "deadline_usage",
    "meeting_edit_usage",
    "check_unlinked",
    "done_backup",
    "done_user",
    "demo_director",
    "demo_more",
    "demo_roles",
    "demo_sign_in",
    "charter_missing_needs",
    "pseudonym_warning",
    "serve_no_users",
    "fired_by_accepted",
    "fired_by_rejected",
    "tick_choose",
}


def test_only_the_command_line_says_what_to_type() -> None:
    """An error says what is wrong, on every surface; what to type is the command line's to
    add (`plg.cli.remedies`), so that the web page never tells a person to type 'plg team
    list' or --force."""
    by_lang = {lang: _texts(read("messages", lang)) for lang in LANGS}
    typed = {
        str(key)
        for lang in LANGS
        for key, texts in by_lang[lang].items()
        if any(_names_the_command_line(text) for text in texts)
    }
    assert typed - CLI_OWN <= set(CLI_REMEDIES.values())
    assert not any(_names_the_command_line(by_lang["en"][key][0]) for key in CLI_REMEDIES)
    page = set(WEB_REMEDIES.values())
    assert not any(_names_the_command_line(by_lang[lang][key][0]) for key in page for lang in LANGS)
    # Where the command line's own texts are used: by its modules alone (the reference's
    # words for a verdict's move by the template that `plg methods show` fills).
    root = Path(__file__).parents[1] / "plg"
    for path in root.rglob("*"):
        # plg/texts.py lists every value's words, and names no surface.
        if path.suffix not in (".py", ".html", ".md", ".txt") or path.name == "texts.py":
            continue
        if "cli" not in path.relative_to(root).parts:
            source = path.read_text(encoding="utf-8")
            assert not [key for key in CLI_OWN if f'"{key}"' in source], path


def test_errors_say_what_to_do() -> None:
    # The CLI prints an error as one line: what is wrong, then what to do.
    for lang in LANGS:
        for key, texts in _texts(read("messages", lang)).items():
            assert all("\n" not in text for text in texts), key


# Click's own words, as it says them in English: none may reach a Dutch reader.
_CLICK_WORDS = (
    "Usage",
    "Options",
    "Commands",
    "Show this",
    "Missing",
    "Error",
    "Invalid",
    "Try ",
    "No such",
    "is not one of",
    "does not match",
    "requires an argument",
    "Got unexpected",
    "for help",
    "required",
    # The words Click names values and usage by, which it does not translate itself.
    "OPTIONS",
    "COMMAND",
    "TEXT",
    "INTEGER",
    "FLOAT",
    "float",
    "integer",
)


def _plg(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "plg", *args], capture_output=True, text=True, check=False
    )


_HELP_ARGS = [
    ("--help",),
    ("team", "--help"),
    ("team", "start", "--help"),
    ("charter", "set", "--help"),
    ("hypothesis", "--help"),
    ("hypothesis", "accept", "--help"),
    ("pupil", "observe", "--help"),
    ("hours", "--help"),
    ("artefact", "add", "--help"),
    ("export", "--help"),
]


@pytest.mark.parametrize("args", [*_HELP_ARGS, ("--help", "--lang", "nl")])
def test_dutch_help_has_no_english_words_of_clicks(args: tuple[str, ...]) -> None:
    shown = _plg("--lang", "nl", *args)
    assert shown.returncode == 0, shown.stderr
    assert "Gebruik:" in shown.stdout
    assert "Opties" in shown.stdout
    assert [word for word in _CLICK_WORDS if word in shown.stdout] == [], shown.stdout


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("args", _HELP_ARGS)
def test_every_help_text_is_worded(lang: str, args: tuple[str, ...]) -> None:
    """A help text is kept as its key until shown: none may be shown as its key."""
    shown = _plg("--lang", lang, *args).stdout
    keys = {str(key) for key in extracted("help")}
    ends = {line.split("  ")[-1].strip() for line in shown.splitlines()}
    assert sorted(keys & ends) == [], shown


@pytest.mark.parametrize(
    "args",
    [
        ("team", "start"),  # a missing argument
        ("frobnicate",),  # no such command
        ("team", "list", "--bogus"),  # no such option
        ("team", "start", "X", "--method"),  # an option without its value
        ("export", "X", "--format", "pdf"),  # not one of the choices
        ("meeting", "add", "X", "--date", "tomorrow", "--length", "1h"),  # not the format
        ("team", "show", "X", "Y"),  # an extra argument
        ("tick", "X", "item", "--lang", "nl"),  # an option of the root, given too late
        ("evidence", "add", "X", "--kind", "k", "--title", "t", "--value", "abc"),  # no number
        ("overview", "--stalled-days", "x"),  # no whole number
    ],
)
def test_dutch_usage_errors_have_no_english_words_of_clicks(args: tuple[str, ...]) -> None:
    shown = _plg("--lang", "nl", *args)
    assert shown.returncode == 2, shown.stderr
    assert "Fout:" in shown.stderr
    assert [word for word in _CLICK_WORDS if word in shown.stderr] == [], shown.stderr


def test_english_help_and_errors_stay_english() -> None:
    assert "Usage:" in _plg("--lang", "en", "--help").stdout
    assert "Error: Missing argument" in _plg("--lang", "en", "team", "start").stderr


def test_the_language_is_the_command_lines_only_while_it_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from click.testing import CliRunner

    from plg.cli import cli

    monkeypatch.setenv("LANGUAGE", "de")
    domain = gettext.textdomain()
    shown = CliRunner().invoke(cli, ["--lang", "nl", "team", "start"])
    assert "Fout: Argument ontbreekt" in shown.stderr
    assert os.environ["LANGUAGE"] == "de"
    # The host's own gettext calls look in its own domain again, not in plg's Click words.
    assert gettext.textdomain() == domain


def test_the_version_is_said_in_the_chosen_language() -> None:
    assert _plg("--version").stdout.startswith("plg, versie ")
    assert _plg("--lang", "en", "--version").stdout.startswith("plg, version ")

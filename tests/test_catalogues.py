"""Every text a user sees exists in Dutch and English, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from plg.cli.helptexts import HELP
from plg.messages import LANGS, MESSAGES


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("catalogue", [MESSAGES, HELP], ids=["messages", "help"])
def test_both_languages_everywhere(catalogue: dict[str, dict[str, str]]) -> None:
    for key, texts in catalogue.items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key
        assert _fields(texts["nl"]) == _fields(texts["en"]), key


def test_a_web_version_needs_no_value_its_message_lacks() -> None:
    """The page fills `KEY@web` with the values of the error KEY: it may leave some out, never
    ask for more."""
    versions = [key for key in MESSAGES if key.endswith("@web")]
    assert len(versions) == 18
    for key in versions:
        base = MESSAGES[key.removesuffix("@web")]["en"]
        assert _fields(MESSAGES[key]["en"]) <= _fields(base), key


def test_errors_say_what_to_do() -> None:
    # The CLI prints an error as one line: what is wrong, then what to do.
    for key, texts in MESSAGES.items():
        for text in texts.values():
            assert "\n" not in text, key


def test_every_text_is_used() -> None:
    from pathlib import Path

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

    def web_version(key: str) -> bool:
        # The web page's version of a message, used in its place where there is one.
        return key.endswith("@web") and key.removesuffix("@web") in MESSAGES

    unused = [
        key
        for key in MESSAGES
        if not used(key)
        and not key.startswith(built)
        and key not in by_value
        and not web_version(key)
    ]
    assert unused == []
    # Help put together: the charter's questions as options, `hypothesis accept|reject`,
    # `pupil predict|observe`.
    assert [
        key
        for key in HELP
        if not used(key) and not key.startswith(("charter_", "hypothesis_", "pupil_"))
    ] == []

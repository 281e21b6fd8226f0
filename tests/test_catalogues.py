"""Every text a user sees exists in Dutch and English, with the same placeholders."""

from __future__ import annotations

import string

import pytest

from plg.helptexts import HELP
from plg.messages import LANGS, MESSAGES


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("catalogue", [MESSAGES, HELP], ids=["messages", "help"])
def test_both_languages_everywhere(catalogue: dict[str, dict[str, str]]) -> None:
    for key, texts in catalogue.items():
        assert set(texts) == set(LANGS), key
        assert all(texts[lang].strip() for lang in LANGS), key
        assert _fields(texts["nl"]) == _fields(texts["en"]), key


def test_errors_say_what_to_do() -> None:
    # The CLI prints an error as one line: what is wrong, then what to do.
    for key, texts in MESSAGES.items():
        for text in texts.values():
            assert "\n" not in text, key

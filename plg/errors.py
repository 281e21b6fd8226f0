"""The errors plg raises on purpose. An error says what is wrong; what to do about it is for
the surface that shows it to say (`plg.cli.remedies`, `plg.web.remedies`): the command line
names what to type, the web page what to click. The CLI prints any `PlgError` as one line and
exits 1."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import TYPE_CHECKING

from plg.texts import t

if TYPE_CHECKING:
    from plg.langs import Lang


def advised(key: str, lang: Lang, remedies: Mapping[str, str] | None, /, **params: object) -> str:
    """The text of `key` in `lang`, then what a surface says to do about it, if its `remedies`
    (the message key of its advice, by the key of what it advises on) have a word for it."""
    text = t(key, lang, **params)
    remedy = remedies.get(key) if remedies else None
    return text if remedy is None else f"{text} {t(remedy, lang, **params)}"


def _visible(value: object) -> object:
    # Paths too: a file name is what the user typed as much as a team name is.
    text = str(value) if isinstance(value, (str, PurePath)) else None
    if text is None or text.isprintable():
        return value
    return "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)


class PlgError(Exception):
    """Base of all plg errors: a message key from the catalogue and the values it names."""

    def __init__(self, key: str, /, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.text("en"))

    def text(self, lang: Lang, remedies: Mapping[str, str] | None = None) -> str:
        """What is wrong, in `lang`; then what to do about it, if the surface's `remedies` (the
        message key of its advice, by the error's key) have a word for it.

        What the user typed is shown with its control characters written out (a line break as
        \\n): the message stays one line, and cannot send escape codes to the terminal.
        """
        params = {key: _visible(value) for key, value in self.params.items()}
        return advised(self.key, lang, remedies, **params)


class NotFound(PlgError):
    """A team, method, trigger or checklist item that does not exist."""


class Refused(PlgError):
    """An action the engine does not allow now (incomplete checklist, completed team...)."""


class InvalidInput(PlgError):
    """A value the user gave that cannot be used (a name, a file, content options)."""


class Conflict(PlgError):
    """Someone else changed what a person's page showed, while it was open; nothing of theirs
    was overwritten."""


class StaleWrite(Conflict):
    """Someone else changed the same team in the same moment; nothing was written."""


class DatabaseError(PlgError):
    """The database is missing, unreachable, or of another schema version than this plg."""


class DatabaseBusy(DatabaseError):
    """Other writers kept the database locked for longer than plg waits and retries."""


@dataclass(frozen=True)
class Fault:
    """One fault in a method definition, at `place` (such as `phases[2].checklist[0].text.en`)."""

    place: str
    key: str
    params: dict[str, object] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        return f"{self.place}: {t(self.key, lang, **self.params)}"


class InvalidMethodDefinition(PlgError):
    """A definition with one or more faults; all of them are listed, not only the first."""

    def __init__(self, faults: list[Fault], source: str = "") -> None:
        self.faults = faults
        self.source = source
        super().__init__("definition_invalid", source=source, count=len(faults))

    def text(self, lang: Lang, remedies: Mapping[str, str] | None = None) -> str:
        # Each fault says what is wrong where; the fix is in the definition, on any surface.
        head = t("definition_invalid", lang, source=self.source or "(data)", count=len(self.faults))
        return "\n".join([head, *(f"  {fault.text(lang)}" for fault in self.faults)])

"""What users type or hand over, checked before the engine stores it."""

from __future__ import annotations

import calendar
import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import cache
from pathlib import Path
from typing import Generic, Literal, TypeVar

from plg.errors import InvalidInput
from plg.langs import LANGS, Lang
from plg.texts import FUNCTION_WORDS, ROLE_WORDS, t

TEAM_KINDS = ("internal", "network")
# A person's role in a team; who may do what in each is in plg.engine.roles.
ROLES = ("leader", "member", "facilitator", "expert")
# The team charter's questions in the order a team meets them: what it will deliver, what it
# really wants to find out, what it knows, where information comes from, who brings what, who
# did research before, what to try in class first and how to track it (docs/teamwork.md). The
# deadline, "by when", is the team's own.
CHARTER_QUESTIONS = (
    "deliverable",
    "question",
    "known",
    "sources",
    "expertise",
    "experience",
    "try_first",
    "tracking",
)
# A person's functions at their school: what the foundation's schools call their staff.
FUNCTIONS = tuple(FUNCTION_WORDS)
# What people write for a function besides its id and its word in each language.
_FUNCTION_ALIASES = {
    "leraar": "teacher",
    "leerkracht": "teacher",
    "ib'er": "ib",
    "ib-er": "ib",
    "interne begeleider": "ib",
    "intern begeleider": "ib",
    "internal coach": "ib",
    "school leader": "school_leader",
    "headteacher": "director",
    "teaching assistant": "assistant",
    "klassenassistent": "assistant",
    "onderwijsassistent": "assistant",
}
MEETING_KINDS = ("meeting", "start", "development", "evaluation")
# Answers, needs, agendas, notes, hypotheses, verdicts, pupils' responses: at most this long.
LONG_TEXT = 5000


def clean(value: str, limit: int, error: str) -> str:
    """A name or title as stored: trimmed, with no control characters, within `limit`."""
    cleaned = value.strip()
    if not cleaned or len(cleaned) > limit or not _visible(cleaned):
        raise InvalidInput(error)
    return cleaned


def _visible(text: str) -> bool:
    # isprintable() (in C) settles the usual name at once; it also says no to spaces other
    # than ' ' (such as a no-break space), which are allowed, so only then check each one.
    return text.isprintable() or not any(unicodedata.category(ch).startswith("C") for ch in text)


_SCHOOL_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,19}")
# Enough to catch a slip (a name typed where the address goes); only the mail server can say more.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def school_code(value: str) -> str:
    """A school's short code: 1 to 20 letters, digits and hyphens, such as its BRIN number."""
    value = value.strip()
    if not _SCHOOL_CODE.fullmatch(value):
        raise InvalidInput("school_code_invalid", code=value)
    return value


def email_address(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if len(value) > 200 or not value.isprintable() or not _EMAIL.fullmatch(value):
        raise InvalidInput("email_invalid", email=value)
    return value


def _names(words: dict[str, str], aliases: dict[str, str]) -> dict[str, str]:
    """Every way to write one of `words`' ids: the id, an alias, its word in each language,
    lower case; and the id it means."""
    names = {key.lower(): key for key in words} | aliases
    for key, word in words.items():
        for lang in LANGS:
            names[t(word, lang).lower()] = key
    return names


@cache
def function_names() -> dict[str, str]:
    """Every way to write a function, lower case, and the function's id."""
    return _names(FUNCTION_WORDS, _FUNCTION_ALIASES)


@cache
def role_names() -> dict[str, str]:
    """Every way to write a role (`leider`, `leader`), lower case, and the role's id."""
    return _names(ROLE_WORDS, {})


def role_of(word: str, lang: Lang) -> str:
    """A role's id from its id or its word in either language, in any case; refused with the
    roles in `lang`, the words the person reads in the tables."""
    found = role_names().get(" ".join(word.split()).lower())
    if found is None:
        roles = ", ".join(t(ROLE_WORDS[role], lang) for role in ROLES)
        raise InvalidInput("role_invalid", role=word.strip(), roles=roles)
    return found


def function_of(word: str) -> str:
    """A function's id from its id or its word in either language, in any case."""
    found = function_names().get(" ".join(word.split()).lower())
    if found is None:
        raise InvalidInput("function_unknown", function=word.strip())
    return found


def functions_of(words: Sequence[str]) -> tuple[str, ...]:
    """Functions' ids, each once, in the order of FUNCTIONS."""
    found = {function_of(word) for word in words if word.strip()}
    return tuple(key for key in FUNCTIONS if key in found)


def free_text(value: str | None) -> str | None:
    """Free text (contents, reasons) may hold any line breaks, but no NUL or lone surrogate:
    PostgreSQL refuses the one, and neither database can encode the other."""
    if value is not None and any(ch == "\x00" or "\ud800" <= ch <= "\udfff" for ch in value):
        raise InvalidInput("text_invalid")
    return value


def long_text(value: str | None, error: str) -> str | None:
    """A longer text as stored: trimmed, free text otherwise, at most LONG_TEXT characters
    (`error`, told the limit, says so); None when there is none."""
    text = free_text(value.strip()) if value is not None else None
    if text is not None and len(text) > LONG_TEXT:
        raise InvalidInput(error, limit=LONG_TEXT)
    return text or None


def required_text(value: str, error: str) -> str:
    """A longer text that must be given."""
    text = long_text(value, error)
    if text is None:
        raise InvalidInput(error, limit=LONG_TEXT)
    return text


def text_key(value: str | None) -> str:
    """A text as two people's versions of it are compared: how its line breaks were sent (a
    browser sends CRLF) and the space around it, which is not stored, do not count."""
    return (value or "").replace("\r\n", "\n").replace("\r", "\n").strip()


V = TypeVar("V")
# What to do with one field a person changed on their page, given what is saved now.
Outcome = Literal["unchanged", "done", "write", "clash"]


@dataclass(frozen=True)
class Edit(Generic[V]):
    """A field as a person's page showed it and as they left it. Only what they changed is
    written, and only where nobody else changed it meanwhile: a page loaded earlier never
    undoes other people's work."""

    shown: V
    wanted: V

    def against(self, saved: V, key: Callable[[V], object] = lambda value: value) -> Outcome:
        """`unchanged` by this person; `done` already (someone made the same change); `write`
        it; or a `clash`: someone else saved something else meanwhile, which is kept."""
        shown, wanted, now = key(self.shown), key(self.wanted), key(saved)
        if wanted == shown:
            return "unchanged"
        if now == wanted:
            return "done"
        return "write" if now == shown else "clash"


class Anything(Enum):
    """What a change from the command line may replace: whatever is saved, seen or not."""

    SAVED = "saved"


@dataclass(frozen=True)
class Content:
    """What a record holds: exactly one of a text, a file or (evidence only) a value."""

    text: str | None = None
    file: Path | None = None
    value: float | None = None


@dataclass(frozen=True)
class FileData:
    name: str
    data: bytes
    sha256: str


def read_file(path: Path, limit_mb: int) -> FileData:
    """Read an attachment before any transaction starts, so a bad file writes nothing.

    Only a regular file, checked before it is opened: opening a pipe waits for a writer, and a
    device such as /dev/zero never ends. Of a file past the limit nothing is read, and of one
    that grows meanwhile never more than the limit."""
    # Here: the CLI's option lists import this module, and `--help` must not wait for pydantic.
    from plg.methods.files import regular_bytes

    most = limit_mb * 2**20
    try:
        data, size = regular_bytes(path, most, "file_not_regular")
    except OSError as exc:
        raise InvalidInput("file_unreadable", path=path, reason=exc.strerror or exc) from None
    if size > most:
        raise InvalidInput("file_too_large", path=path, size=round(size / 2**20, 1), limit=limit_mb)
    return FileData(path.name, data, hashlib.sha256(data).hexdigest())


@dataclass(frozen=True)
class TeamSpec:
    """A team to start: what `plg team start` takes, one row of a roster."""

    name: str
    method: str
    schools: tuple[str, ...] = ()
    leader: str | None = None
    kind: str = "internal"
    deadline: date | None = None
    # The day the leader began, if before the team was entered in plg (default: today).
    leader_since: date | None = None

    def cleaned(self) -> TeamSpec:
        """The same team as it will be stored, or `InvalidInput` saying what is wrong."""
        if self.kind not in TEAM_KINDS:
            raise InvalidInput("team_kind_invalid", kind=self.kind)
        schools = {school.strip() for school in self.schools}
        if self.kind == "network" and len(schools) < 2:
            raise InvalidInput("network_schools", team=self.name.strip())
        if self.kind == "internal" and len(schools) > 1:
            raise InvalidInput("internal_schools", team=self.name.strip())
        leader = self.leader.strip() if self.leader and self.leader.strip() else None
        return TeamSpec(
            clean(self.name, 120, "team_name_invalid"),
            self.method,
            tuple(sorted({clean(s, 200, "school_name_invalid") for s in self.schools})),
            clean(leader, 200, "leader_invalid") if leader else None,
            self.kind,
            self.deadline,
            self.leader_since if leader else None,
        )


# Hours and minutes as words, in either language, made h and m first ("u" is the Dutch hour,
# uur: 1u30); then the forms below: 90, 90m, 1.5h, 1,5h, 1h30, 1:30.
_HOURS = re.compile(r"uren|uur|hours?|hrs?|u")
_MINUTES = re.compile(r"minuten|minutes?|mins?|min")
_LENGTH = re.compile(r"^(?:(\d+)|(\d+)m|(\d+(?:[.,]\d+)?)h|(\d+)[h:](\d{1,2})m?)$")


def minutes_of(text: str) -> int:
    """A meeting's length as people write it: 90, 90 min, 1.5h, 1,5 uur, 1h30, 1u30 or 1:30."""
    written = _HOURS.sub("h", _MINUTES.sub("m", "".join(text.lower().split())))
    found = _LENGTH.match(written)
    if found is None:
        raise InvalidInput("meeting_length_invalid", most=12 * 60)
    plain, minutes, decimal, whole, rest = found.groups()
    if decimal is not None:
        return round(float(decimal.replace(",", ".")) * 60)
    if whole is not None:
        return int(whole) * 60 + int(rest)
    return int(plain or minutes)


# A day as people write it: the ISO way (2027-06-30) or the Dutch way (30-06-2027), with
# hyphens, slashes or dots.
_DAY = re.compile(r"^(?:(\d{4})([-/.])(\d{1,2})\2(\d{1,2})|(\d{1,2})([-/.])(\d{1,2})\6(\d{4}))$")


def day_of(text: str) -> date:
    """A date from 2027-06-30, 30-06-2027, 30/06/2027 or 30.6.2027; one that does not exist
    (30 February) is refused saying why."""
    found = _DAY.match(text.strip())
    if found is None:
        raise InvalidInput("date_invalid", value=text)
    year, month, day = (
        (found[1], found[3], found[4]) if found[1] else (found[8], found[7], found[5])
    )
    year_, month_, day_ = int(year), int(month), int(day)
    if not 1 <= month_ <= 12 or year_ < 1:
        raise InvalidInput("date_no_month", value=text, month=month_)
    days = calendar.monthrange(year_, month_)[1]
    if not 1 <= day_ <= days:
        raise InvalidInput("date_no_day", value=text, day=day_, month=month_, year=year_, days=days)
    return date(year_, month_, day_)


_SCHOOL_YEAR = re.compile(r"^(\d{4})(?:[-/](\d{4}))?$")


def school_year_of(text: str) -> int:
    """The year a school year begins in, from "2025" or "2025-2026"."""
    found = _SCHOOL_YEAR.match(text.strip())
    if found is None or (found[2] and int(found[2]) != int(found[1]) + 1):
        raise InvalidInput("year_invalid", year=text)
    return int(found[1])


@dataclass(frozen=True)
class StaffRow:
    """One row of a staff file, as its cells were: checked only when an import is previewed,
    where each row's problem is named instead of the first one stopping the rest."""

    line: int
    name: str = ""
    email: str = ""
    school: str = ""
    function: str = ""

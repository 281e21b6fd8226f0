"""The forms that change a team. Each calls the engine, which checks the person's roles and
writes the change with its event in one transaction; then back to the team's page."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.responses import Response

from plg.engine.definition import RECORD_CATEGORIES, Category
from plg.engine.inputs import Content, minutes_of
from plg.engine.pupils import looks_like_a_name
from plg.errors import InvalidInput, Refused
from plg.web.context import Page, team_url
from plg.web.pages import visible


def _team(page: Page) -> str:
    return visible(page, page.request.path_params["name"])


def _back(page: Page, name: str) -> Response:
    return page.redirect(team_url(name))


def checklist(page: Page) -> Response:
    """The tick boxes as the person left them: tick what they ticked, untick what they
    unticked, each its own event. The phase the page showed must still be the team's."""
    name = _team(page)
    view = page.engine.checklist(name)
    if page.field("phase") != view.phase:
        raise Refused("web_moved_meanwhile", team=name)
    wanted = set(page.fields("item"))
    changed = 0
    for item in view.items:
        if item.satisfied_by is not None or (item.id in wanted) == item.done:
            continue
        page.engine.tick(name, item.id, undo=item.done)
        changed += 1
    page.done("web_ticks_saved", count=changed)
    return _back(page, name)


def advance(page: Page) -> Response:
    name = _team(page)
    force = page.field("force") == "yes"
    moved = page.engine.advance(
        name, page.field("trigger"), force=force, reason=page.field("reason") or None
    )
    page.done("web_moved", phase=moved.row.phase_title)
    return _back(page, name)


# What a file's name may keep: no folders, no control characters, not too long.
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")


def safe_filename(name: str) -> str:
    base = _UNSAFE.sub("_", name.replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    # At most 200 bytes, its extension kept: file systems count a name in bytes (255), and
    # one character may take four.
    stem, dot, suffix = base.rpartition(".")
    if not dot or len(suffix) > 16:
        stem, suffix = base, ""
    ending = f".{suffix}" if suffix else ""
    room = 200 - len(ending.encode("utf-8", "replace"))
    stem = stem.encode("utf-8", "replace")[:room].decode("utf-8", "ignore")
    return stem + ending if stem else "upload"


def record(page: Page) -> Response:
    name = _team(page)
    category = page.field("category")
    if category not in RECORD_CATEGORIES:
        raise InvalidInput("web_bad_form")
    kind, title = page.field("kind"), page.field("title")
    upload = page.form.get("file") if page.form is not None else None
    text, value = page.field("text").strip(), page.field("value").strip()
    with tempfile.TemporaryDirectory(prefix="plg-upload-") as folder:
        content = Content(text=text or None, value=_number(value) if value else None)
        if isinstance(upload, UploadFile) and upload.filename:
            path = Path(folder) / safe_filename(upload.filename)
            with path.open("wb") as out:
                while chunk := upload.file.read(2**20):
                    out.write(chunk)
            content = Content(file=path, text=content.text, value=content.value)
        saved = page.engine.add_record(name, _category(category), kind, title, content)
    page.done("web_saved", title=saved.title)
    return _back(page, name)


def _category(value: str) -> Category:
    return "artefact" if value == "artefact" else "evidence"


def _number(text: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise InvalidInput("web_not_a_number", value=text) from None


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidInput("web_not_a_date", value=text) from None


def meeting(page: Page) -> Response:
    name = _team(page)
    held = page.engine.add_meeting(
        name,
        _day(page.field("date")),
        minutes_of(page.field("length")),
        page.fields("attendee"),
        kind=page.field("kind") or "meeting",
        agenda=page.field("agenda") or None,
        notes=page.field("notes") or None,
    )
    page.done("web_meeting_saved", day=held.held_on.isoformat())
    return _back(page, name)


def hypothesis(page: Page) -> Response:
    name = _team(page)
    verdict = page.field("verdict")
    if verdict in ("accepted", "rejected"):
        decided = page.engine.decide(
            name,
            "accepted" if verdict == "accepted" else "rejected",
            page.field("reasoning"),
            page.field("data") or None,
        )
        page.done(f"web_hypothesis_{verdict}", number=decided.hypothesis.number)
    else:
        proposed = page.engine.propose(name, page.field("text"))
        page.done("web_hypothesis_added", number=proposed.number)
    return _back(page, name)


def charter(page: Page) -> Response:
    """The charter's answers and deadline as the form holds them; a changed learning need of
    the person filling it in is saved too."""
    name = _team(page)
    before = page.engine.charter(name)
    answers = {
        key: page.field(f"q_{key}")
        for key, _, answer in before.answers
        if page.field(f"q_{key}") != (answer or "")
    }
    deadline = _day(page.field("deadline")) if page.field("deadline").strip() else None
    changed = bool(answers) or (deadline is not None and deadline != before.deadline)
    if changed:
        page.engine.set_charter(name, answers, deadline)
    assert page.who is not None
    needs = page.field("needs")
    own = next((need for need in before.needs if need.person == page.who.person), None)
    if own is not None and needs.strip() and needs != (own.needs or ""):
        page.engine.set_need(name, page.who.person, needs)
        changed = True
    page.done("web_charter_saved" if changed else "charter_nothing@web")
    return _back(page, name)


def pupil(page: Page) -> Response:
    """A case pupil of the research lesson, by pseudonym, or what was predicted or observed."""
    name = _team(page)
    pseudonym, what = page.field("pseudonym"), page.field("what")
    if what in ("add", "rename"):
        if what == "add":
            saved = page.engine.add_pupil(
                name, pseudonym, page.field("stands_for"), page.field("observer") or None
            )
        else:
            saved = page.engine.rename_pupil(name, pseudonym, page.field("new"))
        page.done("web_pupil_saved", pseudonym=saved.pseudonym, lesson=saved.lesson)
        if looks_like_a_name(saved.pseudonym):
            page.flash("error", page.t("pseudonym_warning@web", pseudonym=saved.pseudonym))
    else:
        noted = page.engine.note_pupil(
            name, pseudonym, page.field("stage"), page.field("text"), page.field("kind")
        )
        page.done("done_note", pseudonym=noted.pseudonym, stage=page.field("stage").strip())
    return _back(page, name)

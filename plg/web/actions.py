"""The forms that change a team. Each calls the engine, which checks the person's roles and
writes the change with its event in one transaction; then back to the team's page. A form
applies what the person changed from what their page showed (it carries that in hidden
`shown:` fields), so that a page loaded earlier never undoes what others did meanwhile; a
refused form is answered with its page again, what was typed still in it (`context`)."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

from starlette.datastructures import UploadFile
from starlette.responses import Response

from plg.engine.inputs import CHARTER_QUESTIONS, Content, Edit, day_of, minutes_of
from plg.engine.meetings import MeetingFields
from plg.engine.pupils import looks_like_a_name
from plg.errors import Conflict, InvalidInput
from plg.methods.definition import RECORD_CATEGORIES, Category
from plg.present.views import CharterEdit
from plg.storage.schema import LARGEST_ID
from plg.texts import N_, WEB_VERDICT_KEYS
from plg.web.addresses import team_url
from plg.web.context import Page
from plg.web.pages import visible
from plg.web.typed import SHOWN


def _team(page: Page) -> str:
    return visible(page, page.request.path_params["name"])


def _back(page: Page, name: str) -> Response:
    return page.redirect(team_url(name))


def checklist(page: Page) -> Response:
    """The boxes the person changed on their page: tick what they ticked, untick what they
    unticked, each its own event. A box they left as it was shown is not touched, whoever
    changed it meanwhile; and the team must still be in the phase the page showed."""
    name = _team(page)
    ticked, shown = set(page.fields("item")), set(page.fields(f"{SHOWN}item")) - {""}
    wanted = {item: item in ticked for item in ticked ^ shown}
    changed = page.engine.set_ticks(name, page.field("phase"), wanted)
    page.done("web_ticks_saved", count=len(changed))
    return _back(page, name)


def approve(page: Page) -> Response:
    """A director's approval of an item their page showed open, in the phase it showed."""
    name = _team(page)
    item = page.field("item")
    page.engine.approve(name, item, source=page.field("phase"))
    page.done("done_approved", item=item)
    return _back(page, name)


def advance(page: Page) -> Response:
    name = _team(page)
    force = page.field("force") == "yes"
    moved = page.engine.advance(
        name,
        page.field("trigger"),
        force=force,
        reason=page.field("reason") or None,
        source=page.field("phase") or None,
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
        saved = page.engine.add_record(
            name, _category(page, name, category, kind), kind, title, content
        )
    page.done("web_saved", title=saved.title)
    return _back(page, name)


def _category(page: Page, name: str, chosen: str, kind: str) -> Category:
    """The category chosen, unless the kind chosen (each labelled with its category in the
    list) is of the other one only: the kind says what the person meant."""
    category: Category = "artefact" if chosen == "artefact" else "evidence"
    other: Category = "evidence" if category == "artefact" else "artefact"
    definition = page.engine.team(name).definition
    if not any(k.id == kind for k in definition.record_kinds(category)) and any(
        k.id == kind for k in definition.record_kinds(other)
    ):
        return other
    return category


def _number(text: str) -> float:
    try:
        return float(text.replace(",", "."))
    except ValueError:
        raise InvalidInput("web_not_a_number", value=text) from None


def meeting(page: Page) -> Response:
    name = _team(page)
    held = page.engine.add_meeting(
        name,
        day_of(page.field("date")),
        minutes_of(page.field("length")),
        page.fields("attendee"),
        kind=page.field("kind") or "meeting",
        agenda=page.field("agenda") or None,
        notes=page.field("notes") or None,
    )
    page.done("web_meeting_saved", day=held.held_on.isoformat())
    for warning in held.warnings:
        page.flash("warning", warning)
    return _back(page, name)


def hypothesis(page: Page) -> Response:
    name = _team(page)
    verdict, number = page.field("verdict"), page.field("number")
    if verdict in ("accepted", "rejected"):
        decided = page.engine.decide(
            name,
            "accepted" if verdict == "accepted" else "rejected",
            page.field("reasoning"),
            page.field("data") or None,
            # The hypothesis the page showed open: no verdict on another, proposed meanwhile.
            number=int(number) if number.isascii() and number.isdigit() else None,
        )
        page.done(WEB_VERDICT_KEYS[verdict], number=decided.hypothesis.number)
    else:
        proposed = page.engine.propose(name, page.field("text"))
        page.done("web_hypothesis_added", number=proposed.number)
    return _back(page, name)


def charter(page: Page) -> Response:
    """The charter's answers, the deadline and the person's own learning need, where they
    changed them from what the page showed; an answer someone else changed meanwhile keeps
    theirs, and the page says so, with the person's text still in the field."""
    name = _team(page)
    edited = page.engine.edit_charter(
        name,
        {key: _edit(page, f"q_{key}") for key in CHARTER_QUESTIONS if _shown(page, f"q_{key}")},
        deadline=Edit(_date(page, f"{SHOWN}deadline"), _date(page, "deadline"))
        if _shown(page, "deadline")
        else None,
        needs=_edit(page, "needs") if _shown(page, "needs") else None,
    )
    if edited.clashes:
        if edited.saved:
            page.done("web_charter_saved")
        raise Conflict("web_charter_clash", fields=_labels(page, edited))
    page.done(N_("web_charter_saved") if edited.saved else N_("web_charter_unchanged"))
    for warning in edited.charter.warnings:
        page.flash("warning", warning)
    return _back(page, name)


def _shown(page: Page, name: str) -> bool:
    """Whether the form carries what the page showed in field `name` (else it is not one of
    the page's fields, and is not written)."""
    return page.form is not None and f"{SHOWN}{name}" in page.form


def _edit(page: Page, name: str) -> Edit[str | None]:
    return Edit(page.field(f"{SHOWN}{name}"), page.field(name))


def _date(page: Page, name: str) -> date | None:
    return day_of(page.field(name)) if page.field(name).strip() else None


def _labels(page: Page, edited: CharterEdit) -> str:
    """The fields of a charter that clashed, as the page names them."""
    questions = {key: question for key, question, _ in edited.charter.answers}
    questions.update(deadline=page.t("col_deadline"), needs=page.t("web_my_needs"))
    return ", ".join(f"'{questions[key]}'" for key in edited.clashes)


def pupil(page: Page) -> Response:
    """A case pupil of the research lesson, by pseudonym, or what was predicted or observed."""
    name = _team(page)
    pseudonym, what = page.field("pseudonym"), page.field("what")
    if what in ("add", "rename"):
        if what == "add":
            saved = page.engine.add_pupil(
                name,
                pseudonym,
                page.field("stands_for"),
                page.field("observer") or None,
                only_new=True,
            )
        else:
            saved = page.engine.rename_pupil(name, pseudonym, page.field("new"))
        page.done("web_pupil_saved", pseudonym=saved.pseudonym, lesson=saved.lesson)
        if looks_like_a_name(saved.pseudonym):
            page.flash("error", page.t("web_pseudonym_warning", pseudonym=saved.pseudonym))
    else:
        noted = page.engine.note_pupil(
            name,
            pseudonym,
            page.field("stage"),
            page.field("text"),
            page.field("kind"),
            # The note the page showed for it, which alone it replaces: none, but for a page
            # shown again after a refusal, which shows the one saved then.
            replacing=page.field(f"{SHOWN}text") or None,
        )
        page.done("done_note", pseudonym=noted.pseudonym, stage=page.field("stage").strip())
    return _back(page, name)


# The mends a team's page offers (docs/mending.md), by the `what` its button sends; each names
# the record, meeting or team its page showed, so a stale page mends nothing else.
_RECORD_MENDS: dict[str, tuple[Category, bool]] = {
    "remove-artefact": ("artefact", True),
    "restore-artefact": ("artefact", False),
    "remove-evidence": ("evidence", True),
    "restore-evidence": ("evidence", False),
}


def mend(page: Page) -> Response:
    """Remove or restore a meeting or record; rename, archive or restore the team."""
    name, what = _team(page), page.field("what")
    engine = page.engine
    if what in _RECORD_MENDS:
        category, removing = _RECORD_MENDS[what]
        record_id = _id(page)
        if removing:
            removed = engine.remove_record(name, category, record_id, page.field("reason"))
            page.done("web_removed", title=removed.record.title)
            if removed.phase_stays:
                page.flash("error", page.t("record_removed_phase_stays"))
        else:
            page.done("web_restored", title=engine.restore_record(name, category, record_id).title)
    elif what in ("remove-meeting", "restore-meeting"):
        if what == "remove-meeting":
            held = engine.remove_meeting(name, _id(page), page.field("reason"))
            page.done("web_removed", title=held.held_on.isoformat())
        else:
            page.done("web_restored", title=engine.restore_meeting(name, _id(page)).held_on)
    elif what == "rename":
        name = engine.rename_team(name, page.field("new_name")).row.name
        page.done("web_renamed", team=name)
    elif what == "archive":
        page.done("web_archived", team=engine.archive_team(name, page.field("reason")).row.name)
    elif what == "unarchive":
        page.done("web_unarchived", team=engine.restore_team(name).row.name)
    else:
        raise InvalidInput("web_bad_form")
    return _back(page, name)


def _id(page: Page) -> int:
    text = page.field("id")
    if not (text.isascii() and text.isdigit() and 0 < int(text) <= LARGEST_ID):
        raise InvalidInput("web_bad_form")
    return int(text)


def meeting_edit(page: Page) -> Response:
    """A meeting as the person changed it from what their page showed; a field someone else
    changed meanwhile refuses the edit (409), the page shown again with what they typed."""
    name, meeting_id = _team(page), _id(page)

    def fields(prefix: str) -> MeetingFields:
        attendees = page.fields(f"{prefix}attendee")
        return MeetingFields(
            held_on=day_of(page.field(f"{prefix}date")),
            minutes=minutes_of(page.field(f"{prefix}length")),
            kind=page.field(f"{prefix}kind") or "meeting",
            attendees=tuple(a for a in attendees if a),
            agenda=page.field(f"{prefix}agenda"),
            notes=page.field(f"{prefix}notes"),
        )

    edited = page.engine.edit_meeting(name, meeting_id, fields(""), shown=fields(SHOWN))
    page.done("web_meeting_edited", day=edited.held_on.isoformat())
    return _back(page, name)


def purge(page: Page) -> Response:
    """Delete for good, as the purge page confirmed: the removed items (back to the team's
    page), or an archived team (to the dashboard)."""
    name, what = _team(page), page.field("what")
    if what == "removed":
        gone = page.engine.purge_removed(name)
        page.done("web_purged_removed", records=gone.records, meetings=gone.meetings)
        return _back(page, name)
    if what != "team":
        raise InvalidInput("web_bad_form")
    page.done("web_purged_team", team=page.engine.purge_team(name).team)
    return page.redirect("/dashboard?archived=yes")

"""The staff import page of a project leader: upload a file, read the preview, confirm.

The server keeps nothing between the preview and the confirmation: the preview's form carries
the rows it showed (compressed, in a hidden field) and the digest of what importing them comes
to. The confirmation imports those rows only if the import still comes to that digest;
otherwise it shows the new preview, and writes nothing that was not seen."""

from __future__ import annotations

import base64
import binascii
import json
import zlib

from starlette.datastructures import UploadFile
from starlette.responses import Response

from plg.engine.inputs import StaffRow
from plg.engine.staff_file import MOST_BYTES, read_staff
from plg.errors import InvalidInput, Refused
from plg.present.views import ImportView
from plg.web.context import Page
from plg.web.typed import Typed

ADDRESS = "/admin/people/import"
# The hidden field of the rows: room for the largest file's rows, compressed and encoded.
ROWS_BYTES = 2 * MOST_BYTES


def upload_form(page: Page) -> Response:
    """The page to choose a file on; a project leader's only."""
    _project_leader(page)
    return page.render("staff_import.html", stage="upload")


def preview(page: Page) -> Response:
    """The uploaded file's rows, each with what the import does with it or its problems."""
    upload = page.form.get("file") if page.form is not None else None
    if not isinstance(upload, UploadFile) or not upload.filename:
        raise InvalidInput("web_import_no_file")
    data = upload.file.read(MOST_BYTES + 1)
    rows = read_staff(data, upload.filename)
    return _preview(page, rows, page.engine.preview_import(rows))


def confirm(page: Page) -> Response:
    """Import the rows the preview showed, if that is still what the import comes to."""
    rows = unpacked(page.field("rows"))
    try:
        done = page.engine.import_people(rows, page.field("digest"))
    except Refused as refused:
        if refused.key != "import_changed":
            raise
        page.flash("error", page.t("web_import_changed"))
        return _preview(page, rows, page.engine.preview_import(rows), 409)
    return page.render("staff_import.html", stage="done", v=done)


def again(page: Page, typed: Typed, text: str, status: int) -> Response:
    """A refused upload or confirmation: the page to choose a file on, saying why."""
    page.flash("error", text)
    return page.render("staff_import.html", status=status, stage="upload")


def _preview(page: Page, rows: list[StaffRow], view: ImportView, status: int = 200) -> Response:
    return page.render(
        "staff_import.html", status=status, stage="preview", v=view, rows=packed(rows)
    )


def _project_leader(page: Page) -> None:
    if page.who is None or not page.who.project_leader:
        raise Refused("web_import_project_leaders")


def packed(rows: list[StaffRow]) -> str:
    """The rows as the preview's form carries them."""
    cells = [[row.line, row.name, row.email, row.school, row.function] for row in rows]
    data = zlib.compress(json.dumps(cells, ensure_ascii=False).encode("utf-8"))
    return base64.urlsafe_b64encode(data).decode("ascii")


def unpacked(text: str) -> list[StaffRow]:
    """The rows a form carried back; a form that does not hold them is refused."""
    try:
        inflate = zlib.decompressobj()
        # No more than the largest file's rows: a small field must not inflate without end.
        data = inflate.decompress(base64.urlsafe_b64decode(text), ROWS_BYTES)
        if inflate.unconsumed_tail or not inflate.eof:
            raise ValueError("too much or too little")
        cells = json.loads(data)
        if any(len(row) != 5 for row in cells):
            raise ValueError("a row of the wrong shape")
        rows = [StaffRow(int(line), *map(str, rest)) for line, *rest in cells]
    except (ValueError, TypeError, binascii.Error, zlib.error):
        raise InvalidInput("web_bad_form") from None
    return rows

"""Reading a staff file as a school's administration exports it: CSV (any common delimiter and
encoding) or XLSX, its headers in Dutch or English, in any order. What the rows mean is for
the import to say (plg.engine.staff)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence

from plg.engine.inputs import StaffRow
from plg.errors import InvalidInput

# The most an import takes: a foundation's whole staff, with room to spare.
MOST_ROWS = 5000
MOST_BYTES = 5 * 2**20
# What an XLSX may unpack to: a staff list of 5,000 rows is a few MB.
MOST_UNPACKED = 50 * 2**20

# A header as written, lower case and without spaces, dashes, dots or underscores, and the
# column it names. A name may also come in parts (first name, infix, last name).
_HEADERS = {
    "naam": "name",
    "name": "name",
    "volledigenaam": "name",
    "fullname": "name",
    "medewerker": "name",
    "voornaam": "first",
    "roepnaam": "first",
    "firstname": "first",
    "tussenvoegsel": "infix",
    "tussenvoegsels": "infix",
    "infix": "infix",
    "achternaam": "last",
    "lastname": "last",
    "surname": "last",
    "email": "email",
    "mail": "email",
    "emailadres": "email",
    "emailaddress": "email",
    "school": "school",
    "schoolnaam": "school",
    "locatie": "school",
    "functie": "function",
    "functies": "function",
    "function": "function",
    "functions": "function",
    "role": "function",
}
_PUNCTUATION = re.compile(r"[\s\-_.]+")
_XLSX = b"PK\x03\x04"


def read_staff(data: bytes, file_name: str) -> list[StaffRow]:
    """The rows of a staff file, its header row first; InvalidInput when it is too large,
    cannot be read, or names no column for the name."""
    if len(data) > MOST_BYTES:
        raise InvalidInput(
            "import_too_large", file=file_name, size=round(len(data) / 2**20, 1), limit=5
        )
    if data.startswith(_XLSX) or file_name.lower().endswith(".xlsx"):
        return _staff_rows(_xlsx_rows(data, file_name), file_name)
    try:
        return _staff_rows(_csv_rows(data), file_name)
    except csv.Error:
        # A quote never closed (it would swallow the rows after it), or a cell longer than
        # any name or address: the file is not what an administration exports.
        raise InvalidInput("import_csv_broken", file=file_name) from None


def _text(data: bytes) -> str:
    # Excel writes CSV in the Windows code page unless told UTF-8, and then with a BOM; its
    # "Unicode text" is UTF-16 with a BOM, between tabs.
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    text = _text(data).replace("\x00", "")
    first = next((line for line in text.splitlines() if line.strip()), "")
    # The delimiter the header uses most: Dutch Excel writes `;`, others `,` or a tab.
    delimiter = max(";,\t", key=first.count)
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)


def _xlsx_rows(data: bytes, file_name: str) -> Iterator[list[str]]:
    # Here: openpyxl takes a while to import, and only an XLSX file needs it.
    from openpyxl.reader.excel import load_workbook

    _check_unpacked(data, file_name)
    try:
        # openpyxl has no type hints of its own.
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)  # type: ignore[no-untyped-call]
        cells = list(book.worksheets[0].iter_rows(values_only=True)) if book.worksheets else []
    except Exception:  # openpyxl raises many kinds about a broken file; each means the same
        raise InvalidInput("import_unreadable", file=file_name) from None
    return (["" if cell is None else str(cell) for cell in row] for row in cells)


def _check_unpacked(data: bytes, file_name: str) -> None:
    """Refuse an XLSX whose parts unpack to more than a staff list ever holds: the limit on the
    upload counts compressed bytes, and one repeated cell compresses a thousandfold."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as book:
            unpacked = sum(part.file_size for part in book.infolist())
    except (zipfile.BadZipFile, ValueError):
        raise InvalidInput("import_unreadable", file=file_name) from None
    if unpacked > MOST_UNPACKED:
        size = round(unpacked / 2**20, 1)
        raise InvalidInput("import_unpacks_too_large", file=file_name, size=size, limit=50)


def _staff_rows(rows: Iterable[Sequence[str]], file_name: str) -> list[StaffRow]:
    # Numbered as a spreadsheet numbers its rows, so a problem can be found in the file.
    found = enumerate(rows, start=1)
    try:
        _, header = next((n, row) for n, row in found if any(cell.strip() for cell in row))
    except StopIteration:
        raise InvalidInput("import_empty", file=file_name) from None
    columns = [_HEADERS.get(_PUNCTUATION.sub("", cell.lower())) for cell in header]
    if "name" not in columns and "last" not in columns:
        raise InvalidInput("import_no_name_column", file=file_name)
    staff: list[StaffRow] = []
    for line, row in found:
        fields: dict[str, list[str]] = {}
        for column, cell in zip(columns, row, strict=False):
            if column is not None and cell.strip():
                fields.setdefault(column, []).append(cell.strip())
        if not any(cell.strip() for cell in row):
            continue
        if len(staff) == MOST_ROWS:
            raise InvalidInput("import_too_many_rows", file=file_name, most=MOST_ROWS)
        parts = [*fields.get("first", []), *fields.get("infix", []), *fields.get("last", [])]
        staff.append(
            StaffRow(
                line,
                " ".join(fields.get("name", [])) or " ".join(parts),
                " ".join(fields.get("email", [])),
                " ".join(fields.get("school", [])),
                ", ".join(fields.get("function", [])),
            )
        )
    return staff

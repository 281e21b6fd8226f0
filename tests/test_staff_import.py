"""Importing staff from a school's file: read as the administration exports it, previewed row
by row, imported as previewed, and imported again without duplicates."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plg import Engine, InvalidInput, Refused, StaffRow, read_staff
from plg.engine.staff_file import MOST_ROWS
from tests.conftest import Plg

HEADER = ["Naam", "E-mail", "School", "Functie"]
ROWS = [
    ["Anna de Vries", "anna@linde.nl", "De Linde", "leerkracht"],
    ["Bram Peters", "bram@anker.nl", "Het Anker", "leerkracht, IB"],
    ["Zoë Çelik", "zoe@linde.nl", "de linde", "Director"],
]


def _csv(rows: list[list[str]], delimiter: str = ";") -> str:
    return "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"


def _xlsx(rows: list[list[object]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


EXPECTED = [
    StaffRow(2, "Anna de Vries", "anna@linde.nl", "De Linde", "leerkracht"),
    StaffRow(3, "Bram Peters", "bram@anker.nl", "Het Anker", "leerkracht, IB"),
    StaffRow(4, "Zoë Çelik", "zoe@linde.nl", "de linde", "Director"),
]


@pytest.mark.parametrize("delimiter", [";", ",", "\t"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_a_csv_is_read_with_any_common_delimiter_and_encoding(
    delimiter: str, encoding: str
) -> None:
    rows = [
        HEADER,
        *(row if delimiter != "," else [c.replace(",", " /") for c in row] for row in ROWS),
    ]
    data = _csv(rows, delimiter).encode(encoding)
    found = read_staff(data, "staff.csv")
    assert [row.name for row in found] == [row.name for row in EXPECTED]
    assert found[2] == EXPECTED[2]


def test_headers_in_either_language_in_any_order_and_names_in_parts() -> None:
    data = _csv(
        [
            [
                "Function",
                "E-MAIL ADRES",
                "Extra",
                "first name",
                "Tussenvoegsel",
                "Achternaam",
                "school",
            ],
            ["teacher", "anna@linde.nl", "x", "Anna", "de", "Vries", "De Linde"],
            ["", "", "", "", "", "", ""],
            ["ib", "", "y", "Bram", "", "Peters", ""],
        ],
        ",",
    ).encode()
    assert read_staff(data, "staff.csv") == [
        StaffRow(2, "Anna de Vries", "anna@linde.nl", "De Linde", "teacher"),
        StaffRow(4, "Bram Peters", "", "", "ib"),
    ]


def test_an_xlsx_is_read_from_its_first_sheet() -> None:
    data = _xlsx([HEADER, *ROWS, [None, None, None, None], ["Dirk", None, 12, None]])
    assert read_staff(data, "staff.xlsx") == [*EXPECTED, StaffRow(6, "Dirk", "", "12", "")]


def _bomb() -> bytes:
    """A small XLSX whose one part unpacks to 60 MB."""
    packed = io.BytesIO()
    with zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/sharedStrings.xml", b" " * (60 * 2**20))
    return packed.getvalue()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "leeg.csv", "is empty"),
        (b"Voornaam;Adres\nAnna;Hier\n", "x.csv", "no column for the name"),
        (b"PK\x03\x04 broken", "x.xlsx", "not a readable Excel file"),
        (b"naam\n" + b"Anna\n" * (MOST_ROWS + 1), "big.csv", "more than 5000 rows"),
        (b"naam\n" + b"x" * (5 * 2**20), "huge.csv", "at most 5 MB"),
        (b"naam;e-mail\n" + b"A" * 200_000 + b";a@x.nl\n", "long.csv", "not a well-formed CSV"),
        (b'naam;e-mail\n"Anna;a@x.nl\nBram;b@x.nl\n', "quote.csv", "not a well-formed CSV"),
        (_bomb(), "bomb.xlsx", "unpacks to 60.0 MB"),
    ],
)
def test_a_file_that_cannot_be_imported_says_why(data: bytes, name: str, message: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        read_staff(data, name)
    assert message in refused.value.text("en")


@pytest.fixture
def foundation(engine: Engine) -> Engine:
    engine.add_school("De Linde", "04AB")
    engine.add_school("Het Anker")
    return engine


def test_the_preview_names_every_rows_problem_and_writes_nothing(foundation: Engine) -> None:
    foundation.add_person("Carla Smit", "carla@linde.nl")
    foundation.add_person("Dirk", "dirk@linde.nl")
    rows = [
        StaffRow(2, "Anna", "anna@linde.nl", "04ab", "ib"),
        StaffRow(3, "", "x@linde.nl", "De Linde", ""),
        StaffRow(4, "Bo", "bo@", "De Lnde", "kok"),
        StaffRow(5, "Anna B", "ANNA@linde.nl", "", ""),
        StaffRow(6, "Anna", "", "Nergens", ""),
        StaffRow(7, "Dirk", "carla@linde.nl", "", ""),
        StaffRow(8, "Eva", "dirk@linde.nl", "Het Anker", "directeur"),
        StaffRow(9, "Carla Smit", "", "", ""),
    ]
    preview = foundation.preview_import(rows)
    problems = {row.line: " ".join(row.problems) for row in preview.rows}
    assert [row.outcome for row in preview.rows] == [
        "add", "problem", "problem", "problem", "problem", "problem", "update", "problem"
    ]  # fmt: skip
    assert problems[3] == "The name is missing."
    assert "'bo@' is not a valid e-mail address." in problems[4]
    assert "There is no school 'De Lnde'. Did you mean De Linde?" in problems[4]
    assert "'kok' is not a function plg knows" in problems[4]
    assert problems[5] == "The e-mail address ANNA@linde.nl is on row 2 too."
    assert "Anna is on row 2 too." in problems[6]
    assert "There is no school 'Nergens'. Add it first" in problems[6]
    assert problems[7] == (
        "The e-mail address carla@linde.nl belongs to Carla Smit, "
        "and someone else already has this name."
    )
    assert preview.rows[0].school == "De Linde"  # found by its code
    assert preview.rows[6].changes == ("name", "school", "functions")
    assert problems[9] == "This row is about Carla Smit, as row 7 is."
    assert [p.name for p in foundation.people()] == ["Carla Smit", "Dirk"]
    done = foundation.import_people(rows, preview.digest)
    assert done == preview
    assert {p.name: (p.school, p.functions) for p in foundation.people()} == {
        "Anna": ("De Linde", ("ib",)),
        "Carla Smit": (None, ()),
        "Eva": ("Het Anker", ("director",)),
    }


def test_a_reimport_updates_and_renames_instead_of_duplicating(foundation: Engine) -> None:
    rows = [StaffRow(2, "Anna", "anna@linde.nl", "De Linde", "leerkracht")]
    foundation.import_people(rows)
    again = [StaffRow(2, "Anna de Vries", "anna@linde.nl", "Het Anker", "leerkracht")]
    preview = foundation.preview_import(again)
    assert [(r.outcome, r.changes) for r in preview.rows] == [("update", ("name", "school"))]
    foundation.import_people(again, preview.digest)
    assert [(p.name, p.school) for p in foundation.people()] == [("Anna de Vries", "Het Anker")]
    assert foundation.preview_import(again).rows[0].outcome == "same"
    # A new name in the administration follows the person into their teams.
    foundation.start_team("Lezen", "vier_vragen")
    foundation.join("Lezen", "Anna de Vries")
    renamed = [StaffRow(2, "Anna Jansen", "anna@linde.nl", "", "")]
    foundation.import_people(renamed, foundation.preview_import(renamed).digest)
    assert [m.person for m in foundation.members("Lezen")] == ["Anna Jansen"]


def test_an_import_that_would_differ_from_its_preview_writes_nothing(foundation: Engine) -> None:
    rows = [StaffRow(2, "Anna", "anna@linde.nl", "", ""), StaffRow(3, "Bram", "", "", "")]
    preview = foundation.preview_import(rows)
    foundation.add_person("Bram", "bram@anker.nl")  # meanwhile, someone else
    with pytest.raises(Refused) as refused:
        foundation.import_people(rows, preview.digest)
    assert "changed since the preview" in refused.value.text("en")
    assert [p.name for p in foundation.people()] == ["Bram"]
    # An unrelated change leaves the result as previewed: it is imported.
    fresh = foundation.preview_import(rows)
    foundation.add_person("Carla")
    assert foundation.import_people(rows, fresh.digest) == fresh


def test_only_a_project_leader_imports_when_roles_are_checked(foundation: Engine) -> None:
    foundation.add_project_leader("Pia")
    foundation.set_setting("role-checks", "on")
    rows = [StaffRow(2, "Anna", "", "", "")]
    with pytest.raises(Refused, match="may not change the schools and people"):
        foundation.preview_import(rows)
    with pytest.raises(Refused, match="may not change the schools and people"):
        foundation.import_people(rows)
    pia = Engine(foundation.store.url, actor="Pia", lang="en")
    try:
        assert pia.import_people(rows).count("add") == 1
    finally:
        pia.close()


SCHOOLS = ["De Linde", "de linde", "04AB", "Het Anker", "Het Ankr", ""]
NAMES = ["Anna", "Bram", "Carla", "anna", " Anna ", ""]
EMAILS = ["anna@linde.nl", "ANNA@linde.nl", "bram@anker.nl", "c@x.nl", "", "bad@"]
FUNCTIONS = ["", "leerkracht", "IB, directeur", "teacher / ib", "kok"]


def _cell(known: list[str]) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(known), st.text(max_size=30))


rows_strategy = st.lists(
    st.tuples(_cell(NAMES), _cell(EMAILS), _cell(SCHOOLS), _cell(FUNCTIONS)), max_size=8
)


@given(first=rows_strategy, second=rows_strategy)
@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_rows_import_exactly_as_previewed_and_twice_is_no_change(
    foundation: Engine, first: list[tuple[str, str, str, str]], second: list[tuple[str, ...]]
) -> None:
    for cells in (first, second):
        rows = [StaffRow(line, *row) for line, row in enumerate(cells, start=2)]
        preview = foundation.preview_import(rows)
        assert [row.line for row in preview.rows] == [row.line for row in rows]
        assert foundation.import_people(rows, preview.digest) == preview
        people = foundation.people()
        for row in preview.rows:
            if row.outcome in ("add", "update", "same"):
                person = next(p for p in people if p.name == row.name)
                assert row.email is None or person.email == row.email
                assert not row.functions or person.functions == row.functions
        # Imported again, the rows that were imported change nothing. (A row with a problem
        # may have none after the others are in: the import is one step, not a fixed point.)
        good = [row for row, seen in zip(rows, preview.rows, strict=True) if not seen.problems]
        again = foundation.import_people(good)
        assert [row.outcome for row in again.rows] == ["same"] * len(good)
        assert foundation.people() == people


def test_the_command_line_previews_asks_and_imports(plg: Plg, tmp_path: Path) -> None:
    plg("school", "add", "De Linde")
    plg("school", "add", "Het Anker")
    staff = tmp_path / "staff.csv"
    staff.write_bytes(_csv([HEADER, *ROWS]).encode("cp1252"))
    shown = plg("person", "import", str(staff), "--dry-run")
    assert "3 new, 0 to update, 0 unchanged, 0 with a problem" in shown.stderr
    cells = [[c.strip() for c in line.split("│")[1:-1]] for line in shown.stdout.splitlines()]
    assert ["4", "Zoë Çelik", "zoe@linde.nl", "De Linde", "new"] in cells
    assert plg.json("person", "list") == []
    # Not at a terminal: it cannot ask, so it needs --yes.
    assert "Give --yes to import" in plg.error("person", "import", str(staff))
    assert plg.json("person", "list") == []
    done = plg.json("person", "import", str(staff), "--yes")
    assert (done["added"], done["updated"], done["unchanged"]) == (3, 0, 0)
    assert [(r["outcome"], r["functions"]) for r in done["rows"]] == [
        ("add", ["teacher"]), ("add", ["teacher", "ib"]), ("add", ["director"])
    ]  # fmt: skip
    again = plg.json("person", "import", str(staff), "--dry-run")
    assert again["unchanged"] == 3


def test_at_a_terminal_the_import_asks_first(
    plg: Plg, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("plg.cli.organisation.at_terminal", lambda: True)
    staff = tmp_path / "staff.tsv"
    staff.write_text("name\tfunction\nAnna\tib\n", encoding="utf-8-sig")
    refused = plg("person", "import", str(staff), input="n\n")
    assert "Add and update these people? [y/N]" in refused.stderr
    assert plg.json("person", "list") == []
    # A Dutch reader answers "j"; an English one "y" (each language takes both).
    accepted = plg("--lang", "nl", "person", "import", str(staff), input="j\n")
    assert "[j/N]" in accepted.stderr
    assert "Toegevoegd: 1; bijgewerkt: 0." in accepted.stderr
    assert plg.json("person", "show", "Anna")["functions"] == ["ib"]
    assert "No such file" in plg.error("person", "import", str(tmp_path / "nope.csv"), "--yes")


cell = st.text(st.characters(exclude_characters="\x00", exclude_categories=("Cs",)), max_size=20)


@given(
    cells=st.lists(st.tuples(cell, cell, cell, cell), max_size=10),
    delimiter=st.sampled_from(";,\t"),
)
@settings(max_examples=200, deadline=None)
def test_any_cells_come_back_from_a_csv_as_written(
    cells: list[tuple[str, str, str, str]], delimiter: str
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(["name", "email", "school", "function"])
    writer.writerows(cells)
    found = read_staff(out.getvalue().encode("utf-8"), "staff.csv")
    written = [
        StaffRow(line, *(c.strip() for c in row))
        for line, row in enumerate(cells, start=2)
        if any(c.strip() for c in row)
    ]
    assert found == written


@given(data=st.binary(max_size=300))
@settings(max_examples=300, deadline=None)
def test_any_bytes_are_read_or_refused_with_a_reason(data: bytes) -> None:
    for name in ("staff.csv", "staff.xlsx"):
        try:
            said = f"{len(read_staff(data, name))} rows"
        except InvalidInput as refused:
            said = refused.text("nl")  # worded: a message, not a crash
        assert said


def test_more_rows_than_a_file_may_hold_are_refused(foundation: Engine) -> None:
    rows = [StaffRow(line, f"P{line}") for line in range(2, MOST_ROWS + 3)]
    with pytest.raises(InvalidInput, match="at most 5000 rows"):
        foundation.preview_import(rows)
    with pytest.raises(InvalidInput, match="at most 5000 rows"):
        foundation.import_people(rows)
    assert foundation.people() == []


def test_an_xlsx_imports_from_the_command_line_in_dutch(plg: Plg, tmp_path: Path) -> None:
    plg("school", "add", "De Linde")
    plg("school", "add", "Het Anker")
    staff = tmp_path / "personeel.xlsx"
    staff.write_bytes(_xlsx([HEADER, *ROWS, ["Eva", "eva@", "Het Ankr", "kok"]]))
    dutch = Plg(plg.url, lang="nl")
    shown = dutch("person", "import", str(staff), "--dry-run")
    assert "3 nieuw, 0 bijwerken, 0 ongewijzigd, 1 met een probleem" in shown.stderr
    said = " ".join(shown.stdout.split())
    assert "Er is geen school 'Het Ankr'. Bedoel je Het Anker?" in said
    assert "'kok' is geen functie die plg kent." in said
    assert "Toegevoegd: 3; bijgewerkt: 0." in dutch("person", "import", str(staff), "--yes").stderr
    assert plg.json("person", "show", "Zoë Çelik")["functions"] == ["director"]

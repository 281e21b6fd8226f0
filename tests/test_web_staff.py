"""A project leader imports staff on the web page: upload, preview, confirm. The confirmation
imports exactly what the preview showed, or shows the new preview; no one else may import."""

from __future__ import annotations

import base64
import uuid
import zlib
from concurrent.futures import ThreadPoolExecutor

import pytest

from plg import Engine, InvalidInput
from plg.engine.inputs import StaffRow
from plg.web.staff import packed, unpacked
from tests.webfoundation import CHIEF, MEMBER, NORTH, Signer
from tests.webserver import Visitor, form_of, text_of

ADDRESS = "/admin/people/import"


def _staff(*names: str) -> bytes:
    """A staff file as Dutch Excel saves it: semicolons, the Windows code page."""
    lines = ["Naam;E-mail;School;Functie"]
    lines += [f"{name};{name.split()[1]}@noord.example;{NORTH};leerkracht" for name in names]
    return "\r\n".join(lines).encode("cp1252")


def _names(count: int) -> list[str]:
    tag = uuid.uuid4().hex[:6]
    return [f"Juf {tag}{n} Çelik" for n in range(count)]


def _upload(person: Visitor, data: bytes, name: str = "personeel.csv") -> str:
    person.get(ADDRESS)
    answer = person.post(ADDRESS, files={"file": (name, data, "text/csv")})
    assert answer.status_code == 200, text_of(answer.text)
    return answer.text


def _people(chief: Engine) -> dict[str, tuple[str | None, tuple[str, ...]]]:
    return {p.name: (p.email, p.functions) for p in chief.people()}


def test_a_project_leader_previews_then_imports(sign: Signer, chief: Engine) -> None:
    chiefs = sign(CHIEF)
    form = text_of(chiefs.get(ADDRESS).text)
    assert "Choose a CSV or Excel file" in form
    first, second = _names(2)
    data = _staff(first, second) + "\r\n;x@noord.example;Noordd;kok".encode("cp1252")
    preview = _upload(chiefs, data)
    shown = text_of(preview)
    assert "2 new, 0 to update, 0 unchanged, 1 with a problem (skipped)." in shown
    assert "There is no school 'Noordd'." in shown
    assert "'kok' is not a function plg knows" in shown
    assert f"{first} {first.split()[1]}@noord.example {NORTH} teacher new" in shown
    assert first not in _people(chief)  # nothing written yet
    done = chiefs.send(form_of(preview, "import-confirm"))
    assert done.status_code == 200, text_of(done.text)
    assert "People added: 2; updated: 0." in text_of(done.text)
    people = _people(chief)
    assert people[first] == (f"{first.split()[1]}@noord.example", ("teacher",))
    # The same file again: every row unchanged, nothing to confirm.
    again = _upload(chiefs, data)
    assert "0 new, 0 to update, 2 unchanged, 1 with a problem" in text_of(again)
    assert "import-confirm" not in again


def test_only_a_project_leader_imports(sign: Signer, chief: Engine) -> None:
    member = sign(MEMBER)
    page = member.get(ADDRESS)
    assert page.status_code == 403
    assert "Only project leaders can import staff." in text_of(page.text)
    [name] = _names(1)
    refused = member.post(ADDRESS, files={"file": ("p.csv", _staff(name), "text/csv")})
    assert refused.status_code == 403
    rows = [StaffRow(2, name, "", NORTH, "")]
    confirmed = member.post(f"{ADDRESS}/confirm", {"rows": packed(rows), "digest": "x"})
    assert confirmed.status_code == 403
    assert name not in _people(chief)


def test_a_preview_gone_stale_shows_the_new_one_and_writes_nothing(
    sign: Signer, chief: Engine
) -> None:
    chiefs = sign(CHIEF)
    first, second = _names(2)
    preview = _upload(chiefs, _staff(first, second))
    # Meanwhile someone adds the second person, with another address.
    chief.add_person(second, "eigen@noord.example")
    stale = chiefs.send(form_of(preview, "import-confirm"))
    assert stale.status_code == 409
    shown = text_of(stale.text)
    assert "Nothing was saved: the new preview is below." in shown
    assert "1 new, 1 to update, 0 unchanged, 0 with a problem" in shown
    assert first not in _people(chief)
    assert _people(chief)[second] == ("eigen@noord.example", ())
    done = chiefs.send(form_of(stale.text, "import-confirm"))
    assert "People added: 1; updated: 1." in text_of(done.text)
    assert _people(chief)[second][1] == ("teacher",)


def test_two_confirmations_at_once_import_once(sign: Signer, chief: Engine) -> None:
    ones = [sign(CHIEF), sign(CHIEF)]
    names = _names(3)
    forms = [form_of(_upload(person, _staff(*names)), "import-confirm") for person in ones]
    with ThreadPoolExecutor(2) as pool:
        answers = list(pool.map(lambda job: job[0].send(job[1]), zip(ones, forms, strict=True)))
    assert sorted(answer.status_code for answer in answers) == [200, 409]
    late = next(answer for answer in answers if answer.status_code == 409)
    assert "0 new, 0 to update, 3 unchanged" in text_of(late.text)
    assert sum(1 for name in _people(chief) if name in names) == 3


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"rows": "not the rows", "digest": ""}, "that form"),
        ({"rows": packed([]), "digest": ""}, ""),
    ],
)
def test_a_confirmation_that_does_not_hold_the_rows_is_refused(
    sign: Signer, fields: dict[str, str], message: str
) -> None:
    chiefs = sign(CHIEF)
    chiefs.get(ADDRESS)
    answer = chiefs.post(f"{ADDRESS}/confirm", fields)
    if message:
        assert answer.status_code == 400
        assert form_of(answer.text, "import-upload")
    else:  # no rows at all: an empty import, said as such
        assert "The file has no rows of people." in text_of(answer.text)


def test_an_upload_that_cannot_be_read_says_why_on_the_upload_page(sign: Signer) -> None:
    chiefs = sign(CHIEF)
    chiefs.get(ADDRESS)
    answer = chiefs.post(
        ADDRESS, files={"file": ("p.xlsx", b"PK\x03\x04 kapot", "application/zip")}
    )
    assert answer.status_code == 400
    assert "is not a readable Excel file" in text_of(answer.text)
    assert form_of(answer.text, "import-upload")
    without = chiefs.post(ADDRESS, {"x": "y"})
    assert "Choose a file first." in text_of(without.text)
    token = chiefs.http.post(ADDRESS, files={"file": ("p.csv", b"naam\nA\n", "text/csv")})
    assert token.status_code == 403


def test_the_rows_travel_whole_and_a_bomb_does_not_inflate() -> None:
    rows = [StaffRow(n, f"Naam {n} ë", "a@b.nl", "School", "ib") for n in range(2, 5000)]
    assert unpacked(packed(rows)) == rows
    bomb = base64.urlsafe_b64encode(zlib.compress(b"[" + b" " * (50 * 2**20) + b"]")).decode()
    with pytest.raises(InvalidInput) as refused:
        unpacked(bomb)
    assert refused.value.key == "web_bad_form"

"""Dates and lengths as people write them, read by one parser on every surface."""

from __future__ import annotations

import contextlib
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from plg import InvalidInput
from plg.engine.inputs import day_of, minutes_of
from tests.conftest import Plg


@pytest.mark.parametrize(
    "written", ["2027-06-30", "30-06-2027", "30/06/2027", "30.6.2027", " 30-6-2027 "]
)
def test_a_date_is_read_as_people_write_it(written: str) -> None:
    assert day_of(written) == date(2027, 6, 30)


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("2027-02-30", "date_no_day"),
        ("29-02-2027", "date_no_day"),
        ("2027-13-01", "date_no_month"),
        ("30-06-27", "date_invalid"),
        ("2027-06/30", "date_invalid"),
        ("tomorrow", "date_invalid"),
    ],
)
def test_a_date_that_cannot_be_says_why(written: str, key: str) -> None:
    with pytest.raises(InvalidInput) as refused:
        day_of(written)
    assert refused.value.key == key


def test_a_day_that_does_not_exist_is_named_in_both_languages() -> None:
    with pytest.raises(InvalidInput) as refused:
        day_of("2027-02-30")
    assert "month 2 of 2027 has 28 days, not 30" in refused.value.text("en")
    assert "maand 2 van 2027 heeft 28 dagen, geen 30" in refused.value.text("nl")
    assert day_of("29-02-2028") == date(2028, 2, 29)


@given(st.dates(min_value=date(1000, 1, 1)))
def test_every_date_reads_back_both_ways(day: date) -> None:
    assert day_of(day.isoformat()) == day
    assert day_of(day.strftime("%d-%m-%Y")) == day
    assert day_of(day.strftime("%d/%m/%Y")) == day


@given(st.text(max_size=30))
def test_hostile_dates_and_lengths_are_refused_not_crashes(text: str) -> None:
    for read in (day_of, minutes_of):
        with contextlib.suppress(InvalidInput):
            read(text)


@pytest.mark.parametrize(
    "written",
    ["90", "90m", "90 min", "90 minuten", "1u30", "1 uur 30", "1h30", "1:30", "1,5 uur", "1.5h"],
)
def test_a_length_is_read_as_people_write_it(written: str) -> None:
    assert minutes_of(written) == 90


def test_the_command_line_takes_dates_as_people_write_them(plg: Plg) -> None:
    plg("team", "start", "Lezen", "--method", "vier_vragen", "--deadline", "30-06-2027")
    assert plg.json("team", "show", "Lezen")["deadline"] == "2027-06-30"
    plg("team", "deadline", "Lezen", "1/7/2027")
    assert plg.json("team", "show", "Lezen")["deadline"] == "2027-07-01"
    error = plg("team", "deadline", "Lezen", "2027-02-30", code=2).stderr
    assert "month 2 of 2027 has 28 days, not 30" in error
    plg.lang = "nl"
    error = plg("team", "deadline", "Lezen", "30-02-2027", code=2).stderr
    assert "maand 2 van 2027 heeft 28 dagen, geen 30" in error


def test_the_charter_asks_again_for_a_bad_date_and_keeps_the_answers(plg: Plg) -> None:
    answers = ["Een leesplan", "Wat helpt?", *[""] * 6, "2027-02-30", "28-02-2027"]
    shown = plg(
        "team",
        "start",
        "Lezen",
        "--method",
        "vier_vragen",
        "--charter",
        input="\n".join(answers) + "\n",
    ).output
    assert "28 days" in shown
    charter = plg.json("charter", "show", "Lezen")
    assert [a["answer"] for a in charter["answers"][:2]] == ["Een leesplan", "Wat helpt?"]
    assert plg.json("team", "show", "Lezen")["deadline"] == "2027-02-28"

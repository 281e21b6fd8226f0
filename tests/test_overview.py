"""The project leader's overview: stalled and overdue teams, counts, and a fixed query count."""

from __future__ import annotations

import gc
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import event

from plg import Engine, Refused
from plg.engine.inputs import TeamSpec
from plg.storage import bulk
from tests.conftest import Plg


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def test_overdue_and_stalled_teams_come_first(db_url: str) -> None:
    clock = Clock(datetime(2026, 3, 1, 9, tzinfo=UTC))
    engine = Engine(db_url, lang="en", clock=clock)
    engine.init()
    engine.start_team("Op tijd", "datateam", deadline=date(2026, 6, 30))
    engine.start_team("Te laat", "datateam", deadline=date(2026, 4, 1))
    engine.start_team("Stil", "vier_vragen")
    engine.start_team("Klaar", "vier_vragen", deadline=date(2026, 3, 15))
    for _ in range(4):
        engine.advance("Klaar", force=True, reason="done")
    clock.moment = datetime(2026, 4, 20, 9, tzinfo=UTC)
    for name in ("Op tijd", "Te laat"):
        engine.tick(name, "meetbaar")
    rows = {r.name: r for r in engine.overview(stalled_days=30).teams}
    assert [r.name for r in engine.overview(stalled_days=30).teams][:2] == ["Te laat", "Stil"]
    assert (rows["Te laat"].overdue, rows["Te laat"].stalled) == (True, False)
    assert (rows["Stil"].overdue, rows["Stil"].stalled) == (False, True)
    assert not rows["Op tijd"].needs_attention
    assert not rows["Klaar"].needs_attention  # completed teams are never late
    engine.set_deadline("Te laat", date(2026, 9, 1))
    assert not engine.team("Te laat").row.overdue
    engine.set_deadline("Te laat", None)
    assert engine.team("Te laat").row.deadline is None
    assert [e.detail for e in engine.history("Te laat") if e.kind == "deadline"] == [
        {"deadline": "2026-09-01"},
        {"deadline": None},
    ]
    engine.close()


def test_deadline_on_the_command_line(plg: Plg) -> None:
    started = plg.json("team", "start", "T", "--method", "datateam", "--deadline", "2031-01-31")
    assert started["deadline"] == "2031-01-31"
    assert plg.json("team", "deadline", "T", "2020-01-01")["overdue"] is True
    assert "overdue" in plg("overview").stdout
    assert plg.json("team", "deadline", "T", "--clear")["deadline"] is None
    plg("team", "deadline", "T", code=2)
    plg("team", "deadline", "T", "2020-01-01", "--clear", code=2)
    plg("team", "deadline", "T", "31-02-2031", code=2)  # 30-06-2031 is fine; this date is none


def _statements(engine: Engine) -> list[str]:
    seen: list[str] = []
    event.listen(
        engine.store.engine,
        "before_cursor_execute",
        lambda conn, cursor, statement, *rest: seen.append(statement),
    )
    return seen


@pytest.mark.parametrize("filters", [{}, {"school": "Noord"}, {"method": "datateam"}])
def test_the_overview_query_count_does_not_grow(db_url: str, filters: dict[str, str]) -> None:
    counts = []
    for size in (10, 1000):
        engine = Engine(db_url, lang="en")
        engine.init()
        engine.start_teams(
            TeamSpec(
                f"{size}-{n}",
                ("datateam", "vier_vragen", "lesson_study")[n % 3],
                ("Noord", "Zuid")[: 1 + n % 2],
                kind=("internal", "network")[n % 2],
            )
            for n in range(size)
        )
        engine.close()
        engine = Engine(db_url, lang="en")
        engine.teams()  # the schema check belongs to the first call of every process
        seen = _statements(engine)
        overview = engine.overview(**filters)
        assert overview.teams
        counts.append(sum(1 for statement in seen if statement.lstrip().startswith("SELECT")))
        engine.close()
    assert counts[0] == counts[1] == 3


def test_bulk_start_is_all_or_nothing(engine: Engine) -> None:
    assert engine.start_teams([TeamSpec(f"T{n}", "vier_vragen", ("A",)) for n in range(50)]) == 50
    assert len(engine.teams(school="A")) == 50
    assert [e.kind for e in engine.history("T7")] == ["start"]
    engine.start_team("Alone", "vier_vragen")
    # A team started in bulk has the very start event of a team started on its own.
    (bulk_start,) = engine.history("T7")
    (single_start,) = engine.history("Alone")
    assert replace(bulk_start, at=single_start.at) == single_start
    with pytest.raises(Refused, match="'T3' already exists"):
        engine.start_teams([TeamSpec("New", "datateam"), TeamSpec("T3", "datateam")])
    with pytest.raises(Refused, match="'Twice' already exists"):
        engine.start_teams([TeamSpec("Twice", "datateam"), TeamSpec("Twice", "datateam")])
    assert len(engine.teams()) == 51
    assert engine.replay("T7") == ("leren", {"eenheid": 1})


def test_the_overview_reads_teams_as_a_single_team_is_read(plg: Plg) -> None:
    """The overview decodes its columns itself (for speed); it must agree with the ORM's read
    of one team, field by field, on every database, and print what `to_json` gives."""
    clock = Clock(datetime(2026, 2, 3, 4, 5, 6, 789012, tzinfo=UTC))
    engine = Engine(plg.url, lang="en", clock=clock)
    engine.start_teams(
        [
            TeamSpec("Één & <b>", "actieonderzoek", ("Zuid", "Noord"), "Ann", "network"),
            TeamSpec("Plain", "vier_vragen", (), None, "internal", date(2026, 1, 31)),
            TeamSpec("Later", "lesson_study", ("Noord",), deadline=date(2027, 12, 1)),
        ]
    )
    engine.advance("Plain", force=True, reason="test")
    clock.moment += timedelta(hours=5, microseconds=1)
    manual = next(i for i in engine.checklist("Later").items if i.satisfied_by is None)
    engine.tick("Later", manual.id)
    rows = engine.overview(stalled_days=3650).teams
    assert {row.name for row in rows} == {"Één & <b>", "Plain", "Later"}
    for row in rows:
        assert row == engine.team(row.name).row
        assert row.last_activity.tzinfo is not None
    assert (rows[0].name, rows[0].overdue) == ("Plain", True)  # the one needing attention
    assert [r.schools for r in rows if r.name == "Één & <b>"] == [("Noord", "Zuid")]
    printed = plg.json("overview", "--stalled-days", "3650")["teams"]
    assert printed == [row.to_json() for row in rows]
    assert printed[0]["last_activity"] == "2026-02-03T04:05:06+00:00"
    assert printed[0]["deadline"] == "2026-01-31"
    engine.close()


def test_the_collector_runs_again_after_the_overview(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The overview pauses the garbage collector while it builds rows, and must always resume
    it, also when reading fails half-way."""
    engine.start_team("T", "datateam")
    assert engine.overview().teams
    assert gc.isenabled()

    def broken(*args: object, **options: object) -> object:
        raise RuntimeError("the database went away")

    monkeypatch.setattr(bulk, "team_rows", broken)
    with pytest.raises(RuntimeError):
        engine.overview()
    assert gc.isenabled()


@pytest.mark.parametrize(
    "actor", ["O'Brien", "x'); DROP TABLE teams; --", 'back\\slash "quoted" ünï €', "%s %(x)s ?"]
)
def test_a_bulk_start_keeps_any_actor_exactly(db_url: str, actor: str) -> None:
    """The bulk start writes the values all teams share into the statement itself; whatever
    the actor's name, it is stored as given."""
    engine = Engine(db_url, actor=actor, lang="en")
    engine.init()
    engine.start_teams([TeamSpec(f"T{n}", "datateam", ("A",)) for n in range(3)])
    assert [event.actor for name in ("T0", "T2") for event in engine.history(name)] == [actor] * 2
    assert engine.replay("T1") == ("probleemdefinitie", {"cyclus": 1, "hypothese": 1})
    assert len(engine.teams()) == 3
    engine.close()

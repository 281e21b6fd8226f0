"""A small example foundation: schools and teams of every built-in method at several phases,
their members, and a project leader.

Everything is done through the engine's public actions (ticks, saved records, moves), so the
example teams have real histories; a moving clock spreads their events over the past weeks.
Role checks are on at the end, so that the example shows who may do what; the person who ran
the demo is one of its project leaders, and so may still do everything. A director leads one of
its schools, where an action-research team waits for them to approve its topic. Four of its
people may sign in to the web page, with a password made anew at every run.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from plg.engine.charter import LEARNERS
from plg.engine.engine import Engine
from plg.engine.inputs import Content
from plg.errors import NotFound
from plg.langs import Lang, lang_of
from plg.methods.definition import Category
from plg.methods.versions import machine_for
from plg.storage.models import utcnow


@dataclass(frozen=True)
class DemoTeam:
    name: str
    method: str
    schools: tuple[str, ...]
    leader: str
    kind: str
    moves: tuple[str, ...]
    days_ago: int
    # (person, role) besides the leader
    members: tuple[tuple[str, str], ...] = ()
    # Its phase done but for what its school's director approves, which waits for them.
    awaits_director: bool = False


REGENBOOG, KOMPAS, VLINDER = "OBS De Regenboog", "CBS Het Kompas", "IKC De Vlinder"
PROJECT_LEADER = "Marieke de Boer"
# The director of one school (DIRECTED), with a team there waiting for their approval.
DIRECTOR, DIRECTED = "Hanneke Vos", KOMPAS
# Who may sign in to the example's web page: a project leader, a team's leader, a member, and
# the director.
WEB_PEOPLE = (PROJECT_LEADER, "Bram Jansen", "Noor Peters", DIRECTOR)
# Made-up codes in the shape of BRIN numbers.
CODES = {REGENBOOG: "90RB", KOMPAS: "90KP", VLINDER: "90VL"}

TEAMS = (
    DemoTeam(
        "Begrijpend lezen 5-6",
        "actieonderzoek",
        (REGENBOOG,),
        "Anna de Vries",
        "internal",
        ("next", "next", "next", "vraag_bijstellen", "next"),
        12,
        (("Joost Hendriks", "member"), ("Lotte Visser", "member")),
    ),
    DemoTeam(
        "Rekenen bovenbouw",
        "datateam",
        (KOMPAS,),
        "Bram Jansen",
        "internal",
        ("next", "next", "next", "next", "next", "verwerpen", "next"),
        20,
        (("Noor Peters", "member"), ("Sem de Wit", "member")),
    ),
    DemoTeam(
        "Netwerk schrijfonderwijs",
        "lesson_study",
        (REGENBOOG, KOMPAS, VLINDER),
        "Carla Smit",
        "network",
        ("next", "next", "next", "next", "herontwerpen", "next"),
        16,
        (("Ingrid Kok", "facilitator"), ("Youssef Amrani", "member"), ("Lisa Dekker", "member")),
    ),
    DemoTeam(
        "Kernteam rekenen groep 3",
        "vier_vragen",
        (VLINDER,),
        "Dirk Bakker",
        "internal",
        ("next", "next", "next", "volgende_eenheid", "next", "next", "next", "next"),
        25,
    ),
    DemoTeam(
        "Netwerk jonge kind",
        "actieonderzoek",
        (KOMPAS, VLINDER),
        "Eva Mulder",
        "network",
        (),
        2,
        (("Ingrid Kok", "facilitator"), ("Tim Bos", "member")),
        awaits_director=True,
    ),
    # Started long ago and then left alone: the overview shows it as stalled.
    DemoTeam(
        "Woordenschat NT2",
        "lesson_study",
        (VLINDER,),
        "Fatima El Amrani",
        "internal",
        ("next",),
        90,
    ),
)


def _clock(days_ago: int) -> Callable[[], datetime]:
    moment = utcnow() - timedelta(days=days_ago)

    def tick() -> datetime:
        nonlocal moment
        # Never past now: the example's last steps may pile up at this moment instead.
        moment = min(moment + timedelta(hours=2), utcnow())
        return moment

    return tick


# The example teams' charters, as a team might answer; the deadline is set four months on.
_CHARTER: dict[Lang, dict[str, str]] = {
    "nl": {
        "deliverable": "Een beschreven aanpak die collega's in hun eigen groep kunnen gebruiken",
        "question": "Wat helpt onze leerlingen het meest bij dit onderwerp?",
        "known": "We zien het probleem in de toetsen; waarom het ontstaat weten we nog niet",
        "sources": "Leerlingresultaten, een artikel van de begeleider, collega's elders",
        "expertise": "De intern begeleider kent de toetsen; twee leden volgden een cursus",
        "experience": "Eén lid deed praktijkonderzoek tijdens de pabo",
        "try_first": "Elke les een korte terugblik op wat de leerlingen vorige keer leerden",
        "tracking": "Een korte observatie per week en het werk van drie leerlingen per groep",
    },
    "en": {
        "deliverable": "A written approach that colleagues can use in their own class",
        "question": "What helps our pupils most with this subject?",
        "known": "The tests show the problem; why it arises we do not know yet",
        "sources": "Pupil results, an article from our facilitator, colleagues at other schools",
        "expertise": "The special-needs coordinator knows the tests; two members took a course",
        "experience": "One member did practitioner research at teacher training college",
        "try_first": "A short look back at what pupils learned last time, every lesson",
        "tracking": "A short observation each week and the work of three pupils per class",
    },
}
_NEEDS: dict[Lang, str] = {
    "nl": "Leren hoe je gegevens uit de klas verzamelt en samen bespreekt",
    "en": "Learn how to gather data in class and discuss it together",
}
_HYPOTHESIS: dict[Lang, str] = {
    "nl": "Leerlingen lezen de opgave niet goed en kiezen daardoor de verkeerde bewerking",
    "en": "Pupils misread the problem and so choose the wrong operation",
}
_VERDICT: dict[Lang, dict[str, str]] = {
    "nl": {"accepted": "De analyse bevestigt het verband", "rejected": "Geen verband gevonden"},
    "en": {"accepted": "The analysis confirms the link", "rejected": "No link found"},
}


def _finish_phase(engine: Engine, name: str, trigger: str, *, director: bool = True) -> None:
    """Do what the current phase asks, as a team would, so that `trigger` may fire; without
    `director`, all but what the school's director approves."""
    team = engine.team(name)
    definition = engine.method(team.row.method).definition
    for item in team.checklist.items:
        if item.done or not item.required or (item.approved_by and not director):
            continue
        if item.satisfied_by is None:
            engine.tick(name, item.id)
        elif item.satisfied_by == "charter":
            _charter(engine, name)
        elif item.satisfied_by == "hypothesis:open":
            engine.propose(name, _HYPOTHESIS[engine.lang])
        elif item.satisfied_by.startswith("pupils:"):
            _pupils(engine, name, item.satisfied_by)
        else:
            category, _, kind = item.satisfied_by.partition(":")
            _save(engine, name, "artefact" if category == "artefact" else "evidence", kind, 1)
    for ref in machine_for(definition).move(team.row.phase, trigger).guards:
        if ref.name == "min_evidence":
            _save(engine, name, "evidence", str(ref.params["kind"]), int(ref.params["count"]) - 1)


def _charter(engine: Engine, name: str) -> None:
    deadline = engine.clock().date() + timedelta(days=120)
    engine.set_charter(name, _CHARTER[engine.lang], deadline)
    for member in engine.members(name):
        if member.role in LEARNERS:
            engine.set_need(name, member.person, _NEEDS[engine.lang])


# Three case pupils, each for a group, by pseudonym only; what the team expects and then sees.
_PUPILS: dict[Lang, tuple[tuple[str, str], ...]] = {
    "nl": (
        ("Leerling A", "Snelle lezers"),
        ("Leerling B", "Leerlingen die veel uitleg nodig hebben"),
        ("Leerling C", "Stille leerlingen"),
    ),
    "en": (
        ("Pupil A", "Fast readers"),
        ("Pupil B", "Pupils who need much explanation"),
        ("Pupil C", "Quiet pupils"),
    ),
}
_STAGES: dict[Lang, tuple[str, ...]] = {
    "nl": ("start", "instructie", "verwerking"),
    "en": ("start", "instruction", "practice"),
}
_EXPECTED: dict[Lang, tuple[str, str]] = {
    "nl": ("Begint meteen", "Begon na een tweede uitleg"),
    "en": ("Starts at once", "Started after a second explanation"),
}


def _pupils(engine: Engine, name: str, ref: str) -> None:
    """Add the case pupils, then their predictions and observers, or what was observed."""
    lang = engine.lang
    people = [member.person for member in engine.members(name)]
    if ref == "pupils:cases":
        for number, (pseudonym, group) in enumerate(_PUPILS[lang]):
            engine.add_pupil(name, pseudonym, group, people[number % len(people)])
    predicted, observed = _EXPECTED[lang]
    for pupil in engine.pupils(name):
        for stage in _STAGES[lang]:
            if ref == "pupils:predicted":
                engine.note_pupil(name, pupil.pseudonym, stage, predicted)
            elif ref == "pupils:observed":
                engine.note_pupil(name, pupil.pseudonym, stage, observed, "observation")


def _move(engine: Engine, name: str, trigger: str, number: int) -> None:
    """Meet, then make the move: by the verdict on the open hypothesis where it comes from one."""
    team = engine.team(name)
    people = [member.person for member in engine.members(name)]
    kind = "start" if number == 0 else "meeting"
    engine.add_meeting(name, engine.clock().date(), 90, people, kind=kind)
    verdict = next(move.fired_by for move in team.moves if move.trigger == trigger)
    if verdict is None:
        engine.advance(name, trigger)
    else:
        engine.decide(name, verdict, _VERDICT[engine.lang][verdict])


def _save(engine: Engine, name: str, category: Category, kind: str, count: int) -> None:
    definition = engine.method(engine.team(name).row.method).definition
    title = next(k.title for k in definition.record_kinds(category) if k.id == kind)
    for number in range(count):
        # Case pupils are only ever named by pseudonym: pupil A, B, C.
        label = f"{title(engine.lang)} · {'ABCDEFGH'[number % 8]}"
        engine.add_record(name, category, kind, label, Content(text=f"{label} ({name})"))


def _organisation(foundation: Engine) -> None:
    """The schools' codes, and everyone in the example teams with their home school."""
    coded = {school.name for school in foundation.schools() if school.code}
    for name, code in CODES.items():
        if name not in coded:
            foundation.add_school(name, code)
    known = {person.name for person in foundation.people()}
    for demo in TEAMS:
        for person in (demo.leader, *(name for name, _ in demo.members)):
            if person not in known:
                email = person.lower().replace(" ", ".") + "@example.org"
                foundation.add_person(person, email, demo.schools[0])
                known.add(person)
    if DIRECTOR not in known:
        email = DIRECTOR.lower().replace(" ", ".") + "@example.org"
        foundation.add_person(DIRECTOR, email, DIRECTED, ("director",))
    if DIRECTED not in foundation.directed_by(DIRECTOR):
        foundation.add_director(DIRECTOR, DIRECTED)


@dataclass(frozen=True)
class Built:
    created: int
    kept: int
    # The password of the people who may sign in to the web page, new at every run.
    password: str


def _accounts(foundation: Engine) -> str:
    """Accounts for the web page, all with one new password, printed for whoever tries it."""
    password = secrets.token_urlsafe(9)
    have = {account.person for account in foundation.users()}
    for person in WEB_PEOPLE:
        if person in have:
            foundation.set_password(person, password)
        else:
            foundation.add_user(person, password, foundation.lang)
    return password


def build(url: str | None, lang: str, runner: str) -> Built:
    """Create the example teams that are missing, and the web page's accounts.

    `runner`, who runs the demo, becomes a project leader beside the example's own.
    """
    language: Lang = lang_of(lang) or "nl"
    foundation = Engine(url, actor=PROJECT_LEADER, lang=language)
    # As the runner: once role checks are on, only a project leader may add one.
    as_runner = Engine(url, actor=runner, lang=language)
    for person in sorted({PROJECT_LEADER, runner} - set(foundation.project_leaders())):
        as_runner.add_project_leader(person)
    as_runner.close()
    # People first: a team's members are the people of the foundation, with their schools.
    _organisation(foundation)
    created = kept = 0
    for demo in TEAMS:
        try:
            foundation.team(demo.name)
            kept += 1
            continue
        except NotFound:
            pass
        clock = _clock(demo.days_ago)
        setup = Engine(url, actor=PROJECT_LEADER, lang=language, clock=clock)
        setup.start_team(
            demo.name, demo.method, schools=demo.schools, leader=demo.leader, kind=demo.kind
        )
        for person, role in demo.members:
            setup.join(demo.name, person, role)
        setup.close()
        engine = Engine(url, actor=demo.leader, lang=language, clock=clock)
        for number, trigger in enumerate(demo.moves):
            _finish_phase(engine, demo.name, trigger)
            _move(engine, demo.name, trigger, number)
        if demo.awaits_director:
            people = [member.person for member in engine.members(demo.name)]
            engine.add_meeting(demo.name, engine.clock().date(), 90, people, kind="start")
            _finish_phase(engine, demo.name, "next", director=False)
        engine.close()
        created += 1
    password = _accounts(foundation)
    foundation.set_setting("role-checks", "on")
    foundation.close()
    return Built(created, kept, password)

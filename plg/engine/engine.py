"""The engine: the only code that changes a team. Each action is one transaction with its event.

`Engine` is the rooms of the engine together, each an `EngineBase` that holds one area of a
team's work; the base holds what they share (see plg.engine.base)."""

from __future__ import annotations

from plg.engine.accounts import Accounts
from plg.engine.charter import Charters
from plg.engine.database import Database
from plg.engine.directors import Directors
from plg.engine.hypotheses import Hypotheses
from plg.engine.invitations import Invitations
from plg.engine.meetings import Meetings
from plg.engine.mending import Mending
from plg.engine.people import People
from plg.engine.progress import Advancing
from plg.engine.pupils import CasePupils
from plg.engine.reading import Reading
from plg.engine.records import Records
from plg.engine.sessions import WebSessions
from plg.engine.staff import Staff
from plg.engine.teams import Teams


class Engine(
    Teams,
    Advancing,
    Records,
    Directors,  # a Reading: it shows a school's teams
    Reading,
    Database,
    People,
    Staff,
    Charters,
    Hypotheses,
    Meetings,
    Mending,
    CasePupils,
    Accounts,
    WebSessions,
    Invitations,
):
    """Runs research methods for teams stored in one database (see `EngineBase` for its
    arguments)."""

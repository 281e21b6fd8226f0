"""What every part of the engine stands on: its actor, language and clock, its transactions, and
the one way a team changes (with its event). `Engine` provides them; the parts that hold one
area each (people, charters, meetings, hypotheses) are mixins that declare them here once."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from plg.engine.retry import T
from plg.engine.roles import FoundationAction, TeamAction
from plg.messages import Lang
from plg.storage.models import Team

if TYPE_CHECKING:
    from plg.methods.checklist import TeamState
    from plg.methods.definition import MethodDefinition
    from plg.present.views import TeamView


class Core:
    if TYPE_CHECKING:
        actor: str
        lang: Lang
        clock: Callable[[], datetime]
        enforce_roles: bool

        def _session(self, *, write: bool = False) -> AbstractContextManager[Session]: ...

        def _team(self, session: Session, name: str, *, lock: bool = False) -> Team: ...

        def _change(
            self, name: str, action: TeamAction, change: Callable[[Session, Team], T]
        ) -> T: ...

        def _event(
            self,
            session: Session,
            team: Team,
            kind: str,
            changes: dict[str, Any] | None = None,
            *,
            new_visit: bool = False,
            **fields: Any,
        ) -> int: ...

        def _foundation_change(
            self, action: FoundationAction, change: Callable[[Session], T]
        ) -> T: ...

        def _active(self, session: Session, team: Team) -> MethodDefinition: ...

        def _definition(self, session: Session, team: Team) -> MethodDefinition: ...

        def _read(self, session: Session, team: Team) -> tuple[TeamState, tuple[str, ...]]: ...

        def _fire(
            self,
            session: Session,
            team: Team,
            definition: MethodDefinition,
            trigger: str,
            force: bool = False,
            reason: str | None = None,
        ) -> TeamView: ...

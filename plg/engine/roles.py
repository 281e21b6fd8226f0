"""Who may do what, when role checks are on, and the settings of a database.

Members of a team do its work: tick, save artefacts and evidence, answer the charter, propose
hypotheses, and remove or restore artefacts and evidence saved by mistake. Its leader (a
network's lead) also moves it: advance, force, migrate, set its deadline, accept or reject a
hypothesis (which moves it), change its members, record, edit, remove and restore meetings. A
director of one of its schools approves what its method leaves to them (its topic, say). A
project leader may do all of that for every team, and alone may start, rename, archive, restore
and purge teams and change settings, project leaders, schools and people. Everyone may read.

On the command line the person is who `--as` (or PLG_USER, or the login name) says: role checks
keep people from doing by mistake what is not theirs to do; they are not a password, and the
setting `role-checks` turns them on. On the web page (`plg serve`) people sign in with a
password, and roles are always checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, get_args

from sqlalchemy.orm import Session

from plg.errors import InvalidInput, Refused
from plg.langs import Lang
from plg.storage import people as people_store
from plg.storage.models import ProjectLeader
from plg.texts import ACTION_WORDS, N_, t

TeamAction = Literal[
    "tick",
    "record",
    "charter",
    "hypothesis",
    "advance",
    "force",
    "migrate",
    "deadline",
    "members",
    "meeting",
    "rename",
    "archive",
    "approve",
]
FoundationAction = Literal["start", "settings", "project_leaders", "organisation"]

# What only a team's leader (or a project leader) may do; its members do the rest.
# Meetings too: their hours count against people's budgets.
_LEADERS_ONLY = frozenset({"advance", "force", "migrate", "deadline", "members", "meeting"})
# What only a project leader may do to a team: its name and whether it is archived concern the
# whole foundation (and purging an archive deletes it for good).
_PROJECT_LEADERS_ONLY = frozenset({"rename", "archive"})


@dataclass(frozen=True)
class SettingSpec:
    default: str
    choices: tuple[str, ...] = ()
    low: int = 0
    high: int = 0

    def checked(self, key: str, value: str) -> str:
        value = value.strip().lower()
        if self.choices:
            if value in self.choices:
                return value
            raise InvalidInput("setting_choice", key=key, choices=", ".join(self.choices))
        # ASCII only: int() also reads other scripts' digits, which nobody means here.
        if value.isascii() and value.isdigit() and self.low <= int(value) <= self.high:
            return str(int(value))
        raise InvalidInput("setting_number", key=key, low=self.low, high=self.high)


SETTINGS = {
    "role-checks": SettingSpec("off", choices=("on", "off")),
    "max-file-mb": SettingSpec("50", low=1, high=1024),
    # Professional-development hours a school year for each participant of a network.
    "hours-budget": SettingSpec("25", low=0, high=2000),
    # How long a web session may stay unused before its person signs in again.
    "session-hours": SettingSpec("8", low=1, high=720),
    # How long any web session lasts from signing in, even one in use or kept on request.
    "session-days": SettingSpec("30", low=1, high=365),
    # How long the link of an invitation (or of a reset password) may be used.
    "invite-days": SettingSpec("7", low=1, high=90),
}


def settings(session: Session) -> dict[str, str]:
    """Every setting: its stored value, or its default."""
    found = people_store.settings(session)
    return {key: found.get(key, spec.default) for key, spec in SETTINGS.items()}


def setting(session: Session, key: str) -> str:
    value = people_store.setting(session, key)
    return value if value is not None else SETTINGS[key].default


def is_project_leader(session: Session, person: str) -> bool:
    return session.get(ProjectLeader, person) is not None


def _permits(role: str | None, project_leader: bool, director: bool, action: TeamAction) -> bool:
    if project_leader:
        return True
    if action in _PROJECT_LEADERS_ONLY:
        return False
    if action == "approve":
        # Approving is the school's part, not the team's: its leader asks, it does not decide.
        return director
    return role == "leader" if action in _LEADERS_ONLY else role is not None


def may_act(session: Session, person: str, action: TeamAction, team_id: int) -> bool:
    """Whether `person` may do `action` in the team, by their roles (checks assumed on)."""
    return _permits(*people_store.standing(session, person, team_id), action)


def allowed(session: Session, person: str, team_id: int) -> frozenset[TeamAction]:
    """Every action `person` may do in the team, for a page to offer just those."""
    standing = people_store.standing(session, person, team_id)
    return frozenset(a for a in get_args(TeamAction) if _permits(*standing, a))


def checked(session: Session, always: bool) -> bool:
    """Whether roles are checked: always on the web page, else as the setting says."""
    return always or setting(session, "role-checks") == "on"


def require(
    session: Session,
    person: str,
    action: TeamAction,
    team_id: int,
    team_name: str,
    lang: Lang,
    *,
    always: bool = False,
) -> None:
    """Refuse `action` unless `person` has a role that allows it, or role checks are off
    (`always` checks them anyway: the web page, where people have signed in)."""
    if checked(session, always) and not may_act(session, person, action, team_id):
        who = (
            N_("who_project_leaders")
            if action in _PROJECT_LEADERS_ONLY
            else N_("who_directors")
            if action == "approve"
            else N_("who_leaders")
            if action in _LEADERS_ONLY
            else N_("who_members")
        )
        raise Refused(
            "role_refused",
            person=person,
            action=t(ACTION_WORDS[action], lang),
            team=team_name,
            who=t(who, lang),
        )


def require_project_leader(
    session: Session, person: str, action: FoundationAction, lang: Lang, *, always: bool = False
) -> None:
    if checked(session, always) and not is_project_leader(session, person):
        raise Refused(
            "role_refused_foundation", person=person, action=t(ACTION_WORDS[action], lang)
        )

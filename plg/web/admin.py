"""The project leader's pages: the foundation's schools, people, accounts, teams and settings,
for setting up a school year without the command line. Only project leaders see them (checked
here, on the server, for every page); what their forms change, the engine checks again.

Each page is shown by a function that also answers a refused form of it: the page again, what
was typed put back (`typed`), saying why (`problem`)."""

from __future__ import annotations

from collections.abc import Callable

from starlette.responses import Response

from plg.engine.inputs import FUNCTIONS, ROLES, TEAM_KINDS
from plg.engine.roles import SETTINGS
from plg.errors import Refused
from plg.present.views import PersonView
from plg.texts import FUNCTION_WORDS, N_, ROLE_WORDS
from plg.web.context import Again, Page
from plg.web.pages import DASHBOARD_ROWS, _say, visible
from plg.web.typed import NOTHING_TYPED, SHOWN, Typed

# The words for a team's kind, by kind: a literal table, for the extraction of the texts.
KIND_WORDS = {"internal": N_("web_kind_internal"), "network": N_("web_kind_network")}

# What each setting is for, by key: a literal table, for the extraction of the texts.
SETTING_WORDS = {
    "role-checks": N_("web_setting_role_checks"),
    "max-file-mb": N_("web_setting_max_file_mb"),
    "hours-budget": N_("web_setting_hours_budget"),
    "session-hours": N_("web_setting_session_hours"),
    "session-days": N_("web_setting_session_days"),
    "invite-days": N_("web_setting_invite_days"),
}

# The words for a setting's choices, by the value the engine takes.
CHOICE_WORDS = {"on": N_("web_setting_on"), "off": N_("web_setting_off")}

# What the session carries from inviting someone to the accounts page that shows the link.
INVITED = "invited"

Shows = Callable[[Page, Typed, str | None, int], Response]


def project_leader_only(page: Page) -> None:
    """Refuse anyone who is not a project leader, whatever they typed in the address bar."""
    if page.who is None or not page.who.project_leader:
        raise Refused("web_admin_only")


def again(shows: Shows) -> Again:
    """The answer to a refused form: its page, shown again with what was typed."""

    def answer(page: Page, typed: Typed, problem: str, status: int) -> Response:
        return shows(page, typed, problem, status)

    return answer


def shown(shows: Shows) -> Callable[[Page], Response]:
    """The page as a GET shows it."""
    return lambda page: shows(page, NOTHING_TYPED, None, 200)


def _render(
    page: Page, template: str, typed: Typed, problem: str | None, status: int, **values: object
) -> Response:
    _say(page, problem, typed)
    return page.render(template, status=status, typed=typed, **values)


def index(page: Page) -> Response:
    project_leader_only(page)
    return _render(page, "admin.html", NOTHING_TYPED, None, 200)


def schools(page: Page, typed: Typed, problem: str | None, status: int) -> Response:
    project_leader_only(page)
    found = page.engine.schools()
    # A school renamed by someone else while the page was open has no row for what the person
    # typed for it: the page says what they typed instead.
    shown = typed.values.get(f"{SHOWN}name", ("",))[0]
    gone = typed.form.startswith("school:") and shown not in {s.name for s in found}
    lost = (shown, typed.values.get("name", ("",))[0]) if gone else None
    return _render(page, "admin_schools.html", typed, problem, status, schools=found, lost=lost)


def people(page: Page, typed: Typed, problem: str | None, status: int) -> Response:
    project_leader_only(page)
    school = page.request.query_params.get("school") or None
    return _render(
        page,
        "admin_people.html",
        typed,
        problem,
        status,
        people=page.engine.people(school),
        schools=[s.name for s in page.engine.schools()],
        school=school,
        functions=[(key, FUNCTION_WORDS[key]) for key in FUNCTIONS],
        function_words=FUNCTION_WORDS,
    )


def person(page: Page, typed: Typed, problem: str | None, status: int) -> Response:
    """One person's page, to change their name, e-mail address, home school and functions."""
    project_leader_only(page)
    found = page.engine.person(page.request.path_params["name"])
    return _render(
        page,
        "admin_person.html",
        typed,
        problem,
        status,
        person=found,
        schools=[s.name for s in page.engine.schools()],
        functions=[(key, FUNCTION_WORDS[key]) for key in FUNCTIONS],
        function_words=FUNCTION_WORDS,
        their_functions=_their_functions(typed, found),
    )


def _their_functions(typed: Typed, saved: PersonView) -> tuple[str, ...] | None:
    """The functions someone else saved while this person changed theirs on an open page:
    neither what the page showed nor what they ticked."""
    if not typed.on("person-edit"):
        return None
    ticked = set(typed.values.get("function", ()))
    shown = {key for key in typed.values.get(f"{SHOWN}function", ()) if key}
    now = set(saved.functions)
    return saved.functions if ticked != shown and now not in (shown, ticked) else None


def accounts(page: Page, typed: Typed, problem: str | None, status: int) -> Response:
    project_leader_only(page)
    statuses = page.engine.account_statuses()
    with_account = {status.account.person for status in statuses}
    known = {person.name for person in page.engine.people()}
    known.update(page.engine.project_leaders())
    invited = page.request.session.pop(INVITED, None)
    return _render(
        page,
        "admin_accounts.html",
        typed,
        problem,
        status,
        statuses=statuses,
        without=sorted(known - with_account),
        invited=invited,
    )


def teams(page: Page, typed: Typed, problem: str | None, status: int) -> Response:
    project_leader_only(page)
    rows = page.engine.teams()
    definitions = [m.definition for m in page.engine.methods()]
    return _render(
        page,
        "admin_teams.html",
        typed,
        problem,
        status,
        rows=rows[:DASHBOARD_ROWS],
        more=max(0, len(rows) - DASHBOARD_ROWS),
        methods=[(d.id, d.title(page.lang)) for d in definitions],
        kinds=[(kind, KIND_WORDS[kind]) for kind in TEAM_KINDS],
        schools=[s.name for s in page.engine.schools()],
        people=[p.name for p in page.engine.people()],
    )


def team(page: Page, typed: Typed, problem: str | None, status: int) -> Response:
    project_leader_only(page)
    name = visible(page, page.request.path_params["name"])
    members = page.engine.members(name)
    inside = {member.person for member in members}
    return _render(
        page,
        "admin_team.html",
        typed,
        problem,
        status,
        name=name,
        members=members,
        former=page.engine.former_members(name),
        people=[p.name for p in page.engine.people() if p.name not in inside],
        roles=ROLES,
        role_words=ROLE_WORDS,
        today=page.engine.clock().date().isoformat(),
    )


def settings(page: Page, typed: Typed, problem: str | None, status: int) -> Response:
    project_leader_only(page)
    return _render(
        page,
        "admin_settings.html",
        typed,
        problem,
        status,
        values=page.engine.settings(),
        specs=SETTINGS,
        # A setting another part of plg adds later shows by its key until it has words.
        words=SETTING_WORDS,
        choice_words=CHOICE_WORDS,
    )

"""The pages that show: my teams, a team, the dashboard, the methods, exports and files."""

from __future__ import annotations

from typing import get_args
from urllib.parse import quote, urlencode

from starlette.responses import HTMLResponse, Response

from plg.engine.inputs import MEETING_KINDS
from plg.engine.roles import TeamAction
from plg.errors import InvalidInput, NotFound
from plg.methods.definition import RECORD_CATEGORIES
from plg.present.graph import layout
from plg.present.story import event_text
from plg.present.views import PupilView
from plg.texts import N_
from plg.web.addresses import team_url
from plg.web.context import Page
from plg.web.drafts import draft_here
from plg.web.typed import NOTHING_TYPED, Typed


def visible(page: Page, name: str) -> str:
    """The team's name, if the person may see it. A team they may not see is answered as if
    there were none, so that names of other schools' teams do not show through."""
    if not page.engine.may_see(name):
        raise NotFound("team_unknown", team=name)
    return name.strip()


def my_teams(page: Page) -> Response:
    assert page.who is not None
    person = page.who.person
    rows = page.engine.teams(seen_by=person)
    member_of = set(page.engine.teams_of(person))
    mine = [row for row in rows if row.name in member_of]
    others = [row for row in rows if row.name not in member_of]
    schools = page.engine.directed_by(person)
    return page.render("teams.html", mine=mine, others=others, schools=schools)


def team(page: Page) -> Response:
    name = page.request.path_params["name"]
    draft = draft_here(page)
    if draft is None:
        return team_page(page, name)
    return team_page(page, name, typed=draft, problem=page.t("web_draft_back"))


def team_again(page: Page, typed: Typed, problem: str, status: int) -> Response:
    """The team's page, as the answer to a form of it that was refused."""
    return team_page(
        page, page.request.path_params["name"], typed=typed, problem=problem, status=status
    )


def team_page(
    page: Page,
    name: str,
    *,
    typed: Typed = NOTHING_TYPED,
    problem: str | None = None,
    status: int = 200,
) -> Response:
    """Team `name`'s page as it is now, saying `problem` (why a form was refused, say) and
    with what the person `typed` in one of its forms put back there: whatever happened to
    the form, nothing they typed is lost."""
    name = visible(page, name)
    engine = page.engine
    view = engine.team(name, pupils=True)
    definition = view.definition
    allowed = engine.allowed(name)
    may = {action: action in allowed for action in get_args(TeamAction)}
    records = {
        category: engine.records(name, category, removed=True) for category in RECORD_CATEGORIES
    }
    meetings = engine.meetings(name, removed=True)
    members = engine.members(name)
    kinds = {category: definition.record_kinds(category) for category in RECORD_CATEGORIES}
    events = [(event, event_text(event, page.lang)) for event in reversed(engine.history(name))]
    _say(page, problem, typed)
    return page.render(
        "team.html",
        status=status,
        v=view,
        row=view.row,
        diagram=layout(definition, page.lang, view.row.phase),
        may=may,
        records={c: [r for r in found if not r.removed] for c, found in records.items()},
        removed={c: [r for r in found if r.removed] for c, found in records.items()},
        kinds=kinds,
        members=members,
        events=events,
        meetings=[m for m in meetings if not m.removed],
        removed_meetings=[m for m in meetings if m.removed],
        people=[m.person for m in members],
        meeting_kinds=MEETING_KINDS,
        hypotheses=engine.hypotheses(name),
        charter=engine.charter(name),
        today=engine.clock().date().isoformat(),
        typed=typed,
        note_saved=_note_saved(typed, view.checklist.pupils),
        path=team_url(name),
    )


def _say(page: Page, problem: str | None, typed: Typed) -> None:
    if problem is not None:
        kept = " " + page.t("web_typed_kept") if typed.form else ""
        page.flash("error", problem + kept)


def _note_saved(typed: Typed, pupils: tuple[PupilView, ...]) -> str:
    """The note saved now where the person's note form was for (their pupil, stage and kind):
    what their note would replace if they send it again, having seen it."""
    form = "note-form"
    if not typed.on(form):
        return ""
    notes = {
        (pupil.pseudonym, stage): (predicted, observed)
        for pupil in pupils
        for stage, predicted, observed in pupil.stages
    }
    where = (typed.text(form, "pseudonym", "").strip(), typed.text(form, "stage", "").strip())
    predicted, observed = notes.get(where, (None, None))
    return (observed if typed.text(form, "kind", "") == "observation" else predicted) or ""


def confirm_move(page: Page) -> Response:
    trigger = page.request.query_params.get("trigger", "")
    name, draft = page.request.path_params["name"], draft_here(page)
    if draft is None:
        return confirm_page(page, name, trigger)
    return confirm_page(page, name, trigger, typed=draft, problem=page.t("web_draft_back"))


def confirm_again(page: Page, typed: Typed, problem: str, status: int) -> Response:
    """The page that confirms a move, as the answer to a move that was refused."""
    return confirm_page(
        page,
        page.request.path_params["name"],
        page.field("trigger"),
        typed=typed,
        problem=problem,
        status=status,
        shown=page.field("phase") or None,
    )


def confirm_page(
    page: Page,
    name: str,
    trigger: str,
    *,
    typed: Typed = NOTHING_TYPED,
    problem: str | None = None,
    status: int = 200,
    shown: str | None = None,
) -> Response:
    """The page that asks to confirm the move `trigger` of team `name`, saying `problem` and
    with the reason the person `typed` put back; a move no longer possible is said so, the
    reason kept to copy. A move from another phase than the one their page `shown` is not
    offered at all: a reason written for one step must not be one click from another."""
    name = visible(page, name)
    view = page.engine.team(name)
    moved = shown is not None and shown != view.row.phase
    move = None if moved else next((m for m in view.moves if m.trigger == trigger), None)
    if move is None and problem is None:
        possible = ", ".join(m.trigger for m in view.moves) or "-"
        raise NotFound(
            "trigger_unknown",
            team=name,
            trigger=trigger,
            phase=view.row.phase_title,
            possible=possible,
        )
    _say(page, problem, typed)
    return page.render(
        "confirm.html",
        status=status,
        v=view,
        move=move,
        dest=view.definition.phase(move.dest).title(page.lang) if move else "",
        may_force="force" in page.engine.allowed(name),
        typed=typed,
        path=f"{team_url(name, 'advance')}?{urlencode({'trigger': trigger})}",
    )


# The rows a dashboard lists, those that need attention first; the counts and bars cover every
# team. A foundation's hundred thousand rows would take seconds to send and no one reads them.
DASHBOARD_ROWS = 300


def dashboard(page: Page) -> Response:
    assert page.who is not None
    query = page.request.query_params
    school, method, phase = (query.get(key) or None for key in ("school", "method", "phase"))
    stalled = query.get("stalled", "30")
    archived = query.get("archived") == "yes"
    if not stalled.isascii() or not stalled.isdigit() or not 1 <= int(stalled) <= 3650:
        raise InvalidInput("web_stalled_days")
    overview = page.engine.overview(
        school=school,
        method=method,
        phase=phase,
        stalled_days=int(stalled),
        # A project leader sees every team: no need to ask, which costs a fifth more.
        seen_by=None if page.who.project_leader else page.who.person,
        archived=archived,
    )
    definitions = [m.definition for m in page.engine.methods()]
    return page.render(
        "dashboard.html",
        o=overview,
        rows=overview.teams[:DASHBOARD_ROWS],
        schools=[s.name for s in page.engine.schools()],
        methods=[(d.id, d.title(page.lang)) for d in definitions],
        phase_choices=[
            (d.title(page.lang), [(p.id, p.title(page.lang)) for p in d.phases])
            for d in definitions
        ],
        chosen={
            "school": school,
            "method": method,
            "phase": phase,
            "stalled": stalled,
            "archived": archived,
        },
    )


def methods(page: Page) -> Response:
    return page.render("methods.html", methods=[m.definition for m in page.engine.methods()])


def method(page: Page) -> Response:
    definition = page.engine.method(page.request.path_params["method_id"]).definition
    return page.render("method.html", d=definition, diagram=layout(definition, page.lang))


def export(page: Page) -> Response:
    """The team's whole story as the HTML export: a document to save or print."""
    from plg.present.render import export as document

    name = visible(page, page.request.path_params["name"])
    html = document(page.engine.story(name), "html", page.lang)
    # A standalone document with its own style sheet in it, and no scripts.
    policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'"
    return HTMLResponse(html, headers={"Content-Security-Policy": policy})


def download(page: Page) -> Response:
    name = visible(page, page.request.path_params["name"])
    category, record = page.request.path_params["category"], page.request.path_params["rid"]
    if category not in RECORD_CATEGORIES:
        raise NotFound("web_page_unknown")
    filename, data = page.engine.record_file(name, category, record)
    # Always a download, never shown in the page: a file someone uploaded may hold HTML.
    plain = "".join(
        ch if (ch.isascii() and ch.isalnum()) or ch in "._-" else "_" for ch in filename
    )
    disposition = f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename)}"
    return Response(
        data,
        media_type="application/octet-stream",
        headers={"Content-Disposition": disposition},
    )


# What a purge deletes, by the `what` of its page: the question that names it.
PURGE_QUESTIONS = {"removed": N_("purge_removed_ask"), "team": N_("purge_team_ask")}


def confirm_purge(page: Page) -> Response:
    """The page that asks a project leader to confirm deleting for good what it names."""
    name = visible(page, page.request.path_params["name"])
    what = page.request.query_params.get("what", "")
    if what not in PURGE_QUESTIONS or "archive" not in page.engine.allowed(name):
        raise NotFound("web_page_unknown")
    return page.render("purge.html", name=name, what=what, question=PURGE_QUESTIONS[what])

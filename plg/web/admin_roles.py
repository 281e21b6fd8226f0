"""The project leader's page of roles in the foundation: the directors of each school and the
project leaders, and its forms to add and remove them. A removal names whom the page showed:
someone removed meanwhile by another project leader is said so, calmly, and nothing else
changes."""

from __future__ import annotations

from starlette.responses import Response

from plg.errors import NotFound
from plg.web.admin import _render, project_leader_only
from plg.web.context import Page
from plg.web.typed import Typed

ROLES_PAGE = "/admin/roles"


def roles(page: Page, typed: Typed, problem: str | None, status: int) -> Response:
    project_leader_only(page)
    leaders = page.engine.project_leaders()
    # A project leader may be known only as one (the first, made by `plg init`).
    people = sorted({p.name for p in page.engine.people()} | set(leaders))
    return _render(
        page,
        "admin_roles.html",
        typed,
        problem,
        status,
        directors=page.engine.directors(),
        leaders=leaders,
        people=people,
        others=[name for name in people if name not in leaders],
        schools=[s.name for s in page.engine.schools()],
    )


def add_director(page: Page) -> Response:
    person, school = page.field("person"), page.field("school")
    page.engine.add_director(person, school)
    page.done("web_director_added", person=person, school=school)
    return page.redirect(ROLES_PAGE)


def remove_director(page: Page) -> Response:
    person, school = page.field("person"), page.field("school")
    try:
        page.engine.remove_director(person, school)
    except NotFound as error:
        if error.key != "director_unknown":
            raise
        page.done("web_director_gone", person=person, school=school)
    else:
        page.done("web_director_removed", person=person, school=school)
    return page.redirect(ROLES_PAGE)


def add_project_leader(page: Page) -> Response:
    person = page.field("person")
    page.engine.add_project_leader(person)
    page.done("web_project_leader_added", person=person)
    return page.redirect(ROLES_PAGE)


def remove_project_leader(page: Page) -> Response:
    person = page.field("person")
    try:
        page.engine.remove_project_leader(person)
    except NotFound as error:
        if error.key != "project_leader_unknown":
            raise
        page.done("web_project_leader_gone", person=person)
    else:
        page.done("web_project_leader_removed", person=person)
    return page.redirect(ROLES_PAGE)

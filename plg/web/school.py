"""A school's page, as its directors and the project leaders see it: its teams, its staff in no
team, and its staff's network hours with a button to approve each person's."""

from __future__ import annotations

from starlette.responses import Response

from plg.errors import InvalidInput, NotFound
from plg.web.addresses import quoted
from plg.web.context import Page
from plg.web.typed import Typed

# The most digits the minutes a page showed may have: more than a school year holds.
_MINUTES_DIGITS = 7


def _school(page: Page) -> str:
    """The school's name, for its directors and the project leaders. To anyone else it is a
    page that does not exist, so that no school's staff show through."""
    assert page.who is not None
    name: str = page.request.path_params["name"].strip()
    if not page.who.project_leader and name not in page.engine.directed_by(page.who.person):
        raise NotFound("web_page_unknown")
    return name


def school(page: Page) -> Response:
    return school_page(page)


def school_again(page: Page, typed: Typed, problem: str, status: int) -> Response:
    """The school's page as it is now, as the answer to its form that was refused: a figure
    that changed meanwhile is shown as it is now."""
    page.flash("error", problem)
    return school_page(page, status)


def school_page(page: Page, status: int = 200) -> Response:
    name = _school(page)
    return page.render(
        "school.html",
        status=status,
        s=page.engine.school(name),
        hours=page.engine.school_hours(name),
        path=f"/school/{quoted(name)}",
    )


def approve_hours(page: Page) -> Response:
    """A person's network hours approved as the page showed them (`minutes`): if they changed
    meanwhile, the engine approves nothing and the page shows them as they are now."""
    name = _school(page)
    person, shown = page.field("person"), page.field("minutes")
    if not shown.isdigit() or len(shown) > _MINUTES_DIGITS:
        raise InvalidInput("web_bad_form")
    approved = page.engine.approve_hours(person, shown=int(shown))
    page.done("done_hours_approved", person=person.strip(), hours=f"{approved.hours:.1f}")
    return page.redirect(f"/school/{quoted(name)}")

"""The project leader's forms: add and rename schools, add and change people, invite people
and reset or remove their accounts, start teams and change their members, change the settings.
The engine checks that the person is a project leader and writes each change in one
transaction. A form carries what its page showed (a school's name, a person's fields, a
setting's value): a page loaded earlier changes only what its person changed, never back what
someone else did meanwhile."""

from __future__ import annotations

from starlette.responses import Response

from plg.engine.inputs import day_of
from plg.present.views import PersonView
from plg.web.addresses import quoted
from plg.web.admin import INVITED, project_leader_only
from plg.web.context import Page
from plg.web.typed import SHOWN


def add_school(page: Page) -> Response:
    added = page.engine.add_school(page.field("name"), page.field("code").strip() or None)
    page.done("done_school", school=added.name)
    return page.redirect("/admin/schools")


def edit_school(page: Page) -> Response:
    """A school's new name, and its code if it had none; the school is the one the page showed,
    by the name it showed."""
    school = page.field(f"{SHOWN}name")
    name, code = page.field("name").strip(), page.field("code").strip()
    if name and name != school:
        school = page.engine.rename_school(school, name).name
        page.done("done_school_renamed", old=page.field(f"{SHOWN}name"), school=school)
    if code and not page.field(f"{SHOWN}code"):
        page.engine.give_code(school, code)
        page.done("done_school", school=school)
    return page.redirect("/admin/schools")


def add_person(page: Page) -> Response:
    added = page.engine.add_person(
        page.field("name"),
        page.field("email").strip() or None,
        page.field("school") or None,
        page.fields("function"),
    )
    page.done("done_person", person=added.name)
    return page.redirect("/admin/people")


def edit_person(page: Page) -> Response:
    """A person's name, e-mail address, home school and functions, each as the form left it;
    the engine writes only what the person changed from what the page showed."""
    shown = PersonView(
        name=page.field(f"{SHOWN}name"),
        email=page.field(f"{SHOWN}email") or None,
        school=page.field(f"{SHOWN}school") or None,
        functions=tuple(key for key in page.fields(f"{SHOWN}function") if key),
    )
    edited = page.engine.edit_person(
        page.request.path_params["name"],
        new_name=page.field("name"),
        email=page.field("email"),
        school=page.field("school"),
        functions=page.fields("function"),
        shown=shown,
    )
    page.done("done_person", person=edited.name)
    return page.redirect(f"/admin/person/{quoted(edited.name)}")


def invite(page: Page) -> Response:
    """An invitation's link, shown once on the accounts page for the project leader to pass
    on: a new account's (`invite`), or a reset one's (`reset`)."""
    person = page.field("person")
    if page.field("what") == "reset":
        made = page.engine.reset_user(person)
    else:
        made = page.engine.invite_user(person, page.field("lang") or page.lang)
    base = str(page.request.base_url)
    until = made.expires_at.strftime("%Y-%m-%d %H:%M")
    page.request.session[INVITED] = [made.person, made.link(base), until]
    return page.redirect("/admin/accounts")


def remove_account(page: Page) -> Response:
    person = page.field("person")
    page.engine.remove_user(person)
    page.done("done_user_removed", person=person)
    return page.redirect("/admin/accounts")


def start_team(page: Page) -> Response:
    deadline, since = page.field("deadline").strip(), page.field("leader_since").strip()
    started = page.engine.start_team(
        page.field("name"),
        page.field("method"),
        schools=page.fields("school"),
        leader=page.field("leader") or None,
        kind=page.field("kind") or "internal",
        deadline=day_of(deadline) if deadline else None,
        leader_since=day_of(since) if since else None,
    )
    page.done("web_team_started", team=started.row.name)
    for warning in started.warnings:
        page.flash("warning", warning)
    return page.redirect(f"/admin/team/{quoted(started.row.name)}")


def members(page: Page) -> Response:
    """Someone joins the team from a day (today, if none is given), leaves it on one, or has
    their role and the day they joined corrected (what the page showed is sent along)."""
    project_leader_only(page)
    name = page.request.path_params["name"]
    person, day = page.field("person"), page.field("day").strip()
    when = day_of(day) if day else None
    if page.field("what") == "leave":
        page.engine.leave(name, person, when)
        page.done("web_member_left", person=person, team=name)
    elif page.field("what") == "change":
        shown = (page.field(f"{SHOWN}role"), day_of(page.field(f"{SHOWN}day")))
        # A day field left empty keeps the day the page showed, not today.
        page.engine.join(name, person, page.field("role"), when or shown[1], shown=shown)
        page.done("web_member_changed", person=person, team=name)
    else:
        page.engine.join(name, person, page.field("role") or "member", when, only_new=True)
        page.done("web_member_joined", person=person, team=name)
    return page.redirect(f"/admin/team/{quoted(name)}")


def settings(page: Page) -> Response:
    """The settings the person changed from what their page showed; one someone else changed
    meanwhile is refused (409), and the page shows both."""
    changed = 0
    for key, was in page.engine.settings().items():
        value, shown = page.field(key).strip(), page.field(f"{SHOWN}{key}")
        if value and value != shown:
            page.engine.set_setting(key, value, shown=shown or was)
            changed += 1
    page.done("web_settings_saved", count=changed)
    return page.redirect("/admin/settings")

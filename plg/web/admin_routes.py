"""The addresses of the project leader's pages and forms (`/admin/...`), and of the page an
invitation's link opens. Each refused form is answered with its own page, typed values kept."""

from __future__ import annotations

from starlette.routing import Route

from plg.web import admin, admin_forms, admin_roles, invitations
from plg.web.context import Handler, endpoint


def _page(path: str, shows: admin.Shows, *forms: tuple[str, Handler]) -> list[Route]:
    """A page at `path`, and its forms, each at its own address below it."""
    routes = [Route(path, endpoint(admin.shown(shows)))]
    for where, form in forms:
        address = f"{path}/{where}" if where else path
        routes.append(Route(address, endpoint(form, again=admin.again(shows)), methods=["POST"]))
    return routes


ROUTES = [
    Route("/admin", endpoint(admin.index)),
    *_page(
        "/admin/schools",
        admin.schools,
        ("", admin_forms.add_school),
        ("edit", admin_forms.edit_school),
    ),
    *_page("/admin/people", admin.people, ("", admin_forms.add_person)),
    *_page("/admin/person/{name:path}", admin.person, ("", admin_forms.edit_person)),
    *_page(
        "/admin/accounts",
        admin.accounts,
        ("invite", admin_forms.invite),
        ("remove", admin_forms.remove_account),
    ),
    *_page("/admin/teams", admin.teams, ("", admin_forms.start_team)),
    *_page("/admin/team/{name:path}", admin.team),
    Route(
        "/admin/members/{name:path}",
        endpoint(admin_forms.members, again=admin.again(admin.team)),
        methods=["POST"],
    ),
    *_page("/admin/settings", admin.settings, ("", admin_forms.settings)),
    *_page(
        admin_roles.ROLES_PAGE,
        admin_roles.roles,
        ("director", admin_roles.add_director),
        ("director-remove", admin_roles.remove_director),
        ("leader", admin_roles.add_project_leader),
        ("leader-remove", admin_roles.remove_project_leader),
    ),
    Route("/invitation/{token}", endpoint(invitations.invitation, public=True)),
    Route(
        "/invitation/{token}",
        endpoint(invitations.accept, public=True, again=invitations.invitation_again),
        methods=["POST"],
    ),
]

"""The page an invitation's link opens: the invited person chooses their password there and is
signed in, in their own language. Open to anyone with the link: the token in it is the proof,
good once and for `invite-days` days. A link used, void or unknown gets a page that says so."""

from __future__ import annotations

from starlette.responses import Response

from plg.engine import passwords
from plg.errors import InvalidInput
from plg.web.context import Page, csrf_token, keep_session
from plg.web.typed import Typed


def _token(page: Page) -> str:
    return str(page.request.path_params["token"])


def invitation(page: Page) -> Response:
    return invitation_page(page)


def invitation_again(page: Page, typed: Typed, problem: str, status: int) -> Response:
    """The page again after a refused password (a password is never put back)."""
    return invitation_page(page, problem, status)


def invitation_page(page: Page, problem: str | None = None, status: int = 200) -> Response:
    account = page.base.invited(_token(page))  # or a page that says why the link is void
    page.lang = account.lang
    if problem is not None:
        page.flash("error", problem)
    return page.render("invitation.html", status=status, person=account.person, token=_token(page))


def accept(page: Page) -> Response:
    """The chosen password, twice; then signed in, a session of their own."""
    token = _token(page)
    page.lang = page.base.invited(token).lang
    new = passwords.checked(page.field("new"))
    if new != page.field("again"):
        raise InvalidInput("password_mismatch")
    account = page.base.accept_invitation(token, new)
    session = page.base.open_session(account.person, since=page.base.clock())
    # A new token for the forms: nothing from before signing in carries on.
    page.request.session.clear()
    csrf_token(page.request)
    page.lang = account.lang
    page.done("web_invitation_accepted", person=account.person)
    return keep_session(page, page.redirect("/teams"), session, lasting=False)

"""Signing in and out, and the language a person reads the pages in."""

from __future__ import annotations

from contextlib import suppress

from starlette.responses import Response

from plg.engine import passwords
from plg.engine.accounts import LOCAL
from plg.errors import InvalidInput, PlgError
from plg.langs import lang_of
from plg.web.addresses import local_path
from plg.web.context import (
    Page,
    SignInFirst,
    csrf_token,
    drop_session,
    error_text,
    keep_session,
    signed_in,
)
from plg.web.drafts import draft_for, draft_of, sign_in_page


def _address(page: Page) -> str:
    """Where the sign-in comes from: behind a proxy, the address its X-Forwarded-For names
    (uvicorn reads it from the proxies it trusts, FORWARDED_ALLOW_IPS)."""
    client = page.request.client
    return client.host if client is not None else LOCAL


def home(page: Page) -> Response:
    return page.redirect("/teams")


def sign_in_form(page: Page) -> Response:
    chosen = lang_of(page.request.query_params.get("lang"))
    if chosen is not None:
        page.request.session["lang"] = page.lang = chosen
    with suppress(SignInFirst):
        signed_in(page)
        return page.redirect(local_path(page.request.query_params.get("next")))
    return sign_in_page(page, 200, local_path(page.request.query_params.get("next")), "")


def sign_in(page: Page) -> Response:
    name, target = page.field("name"), local_path(page.field("next"))
    draft = draft_of(page)
    since = page.base.clock()
    try:
        account = page.base.sign_in(name, page.field("password"), _address(page))
        lasting = page.field("stay") == "yes"
        token = page.base.open_session(
            account.person, since=since, lasting=lasting, draft=draft_for(draft, account.person)
        )
    except PlgError as error:
        page.flash("error", error_text(error, page.lang))
        return sign_in_page(page, 401, target, name, draft, stay=page.field("stay") == "yes")
    # A new token for the forms: nothing from before signing in carries on.
    page.request.session.clear()
    csrf_token(page.request)
    return keep_session(page, page.redirect(target), token, lasting=lasting)


def sign_out(page: Page) -> Response:
    # Said in the language of the person leaving, if the session still stands.
    with suppress(SignInFirst):
        signed_in(page)
    if page.token is not None:
        page.base.end_session(page.token)
    lang = page.lang
    page.request.session.clear()
    page.request.session["lang"] = lang
    page.done("web_signed_out_done")
    return drop_session(page.redirect("/sign-in"))


def language(page: Page) -> Response:
    assert page.who is not None
    page.engine.set_user_lang(page.who.person, page.field("lang"))
    return page.redirect(local_path(page.field("back") or None))


def account(page: Page) -> Response:
    return page.render("account.html")


def change_password(page: Page) -> Response:
    """A new password for the person signed in, who proves it is them with the current one
    (a wrong one counts as a failed sign-in). Their other sessions end; this one goes on."""
    assert page.who is not None
    new = passwords.checked(page.field("new"))
    if new != page.field("again"):
        raise InvalidInput("password_mismatch")
    page.base.sign_in(page.who.person, page.field("current"), _address(page))
    page.engine.set_password(page.who.person, new)  # which ends every session, this one too
    token = page.base.open_session(page.who.person, since=page.base.clock(), lasting=page.lasting)
    page.done("web_password_changed")
    return keep_session(page, page.redirect("/account"), token, lasting=page.lasting)

"""What every page of the web app shares: who is signed in (the session's cookie), the form's
CSRF token, messages carried to the next page, and rendering in the person's language.

Pages are plain functions of a `Page`; `endpoint` turns one into a Starlette endpoint that
parses the form, checks its token, runs the page in a worker thread (the engine blocks on
the database) and turns a `PlgError` into a message instead of a traceback: for a form, the
page it was on shown again, saying why, with what the person typed back in its fields.
"""

from __future__ import annotations

import hmac
import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from plg.engine.accounts import AccountView
from plg.engine.inputs import LONG_TEXT
from plg.errors import Conflict, NotFound, PlgError, Refused
from plg.langs import Lang, lang_of
from plg.present.render import environment
from plg.texts import t
from plg.web.addresses import here, local_path, quoted, team_url
from plg.web.drafts import BY, carried, sign_in_page
from plg.web.remedies import REMEDIES
from plg.web.typed import Typed

if TYPE_CHECKING:
    from plg.engine.engine import Engine

# The cookie that names a signed-in session; the session itself is in the database.
SESSION_COOKIE = "plg_sid"

# What a flashed message may hold: the session lives in a cookie, which browsers cap at 4 KB.
_FLASH_CHARS = 600


class SignInFirst(Exception):
    """Leave the page for the sign-in page, with why (`web_session_expired`, say), if known."""

    def __init__(self, why: str | None = None) -> None:
        self.why = why


def request_lang(request: Request) -> Lang:
    """The language chosen before signing in, else the browser's."""
    chosen = lang_of(request.session.get("lang")) if "session" in request.scope else None
    if chosen is not None:
        return chosen
    accept = request.headers.get("accept-language", "").lower()
    return "en" if accept.startswith("en") else "nl"


def person_lang(request: Request, base: Engine) -> Lang:
    """The language of the person the session names, for an answer given before the page has
    checked the session (the page itself checks it); else `request_lang`."""
    token = request.cookies.get(SESSION_COOKIE)
    account = base.session_state(token).account if token else None
    return account.lang if account is not None else request_lang(request)


def csrf_token(request: Request) -> str:
    token = request.session.get("csrf")
    if not isinstance(token, str):
        token = request.session["csrf"] = secrets.token_urlsafe(32)
    return token


def csrf_ok(request: Request, form: FormData) -> bool:
    sent, kept = form.get("csrf"), request.session.get("csrf")
    return isinstance(sent, str) and isinstance(kept, str) and hmac.compare_digest(sent, kept)


def error_text(error: PlgError, lang: Lang) -> str:
    """What is wrong, and what to click about it, where the page has a word for it (never the
    command line's, which names what to type)."""
    return error.text(lang, REMEDIES)


@dataclass
class Page:
    """One request to a page: the person, their engine, the form, and how to answer."""

    request: Request
    base: Engine
    form: FormData | None = None
    who: AccountView | None = None
    lang: Lang = "nl"
    # The signed-in session's token, and whether the person asked to stay signed in.
    token: str | None = None
    lasting: bool = False
    # What a form held when the session before this one ended, until its page shows it.
    draft: dict[str, Any] | None = None
    engine: Engine = field(init=False)

    def __post_init__(self) -> None:
        self.engine = self.base

    def t(self, key: str, **params: object) -> str:
        return t(key, self.lang, **params)

    def field(self, name: str) -> str:
        value = self.form.get(name) if self.form is not None else None
        return value if isinstance(value, str) else ""

    def fields(self, name: str) -> list[str]:
        if self.form is None:
            return []
        return [value for value in self.form.getlist(name) if isinstance(value, str)]

    def flash(self, kind: str, text: str) -> None:
        text = text if len(text) <= _FLASH_CHARS else text[: _FLASH_CHARS - 1] + "…"
        self.request.session.setdefault("flash", []).append([kind, text])

    def done(self, key: str, **params: object) -> None:
        self.flash("ok", self.t(key, **params))

    def redirect(self, url: str) -> Response:
        # 303: the browser fetches the next page with GET, so a reload never posts again.
        return RedirectResponse(url, status_code=303)

    def render(self, template: str, status: int = 200, **context: Any) -> Response:
        """The template filled in; `path`, the page to come back to after switching language,
        is this request's unless the context says another (a form's answer is a page that
        only a GET of that address shows again)."""
        # No session only when plg itself failed, outside the session's middleware.
        has_session = "session" in self.request.scope
        flashes = self.request.session.pop("flash", []) if has_session else []
        values = {
            "t": self.t,
            "team_url": team_url,
            "quote": quoted,
            "lang": self.lang,
            "who": self.who,
            "csrf": csrf_token(self.request) if has_session else "",
            "flashes": flashes,
            "path": self._path(),
            **context,
        }
        html = environment().get_template(template).render(values)
        return HTMLResponse(html, status_code=status)

    def _path(self) -> str:
        # A form's address answers only its POST: the way back from its answer is the page
        # the form was on.
        if self.request.method == "GET":
            return here(self.request)
        return local_path(self.field("back") or None)

    def message(self, status: int, text: str) -> Response:
        """A page that says only what went wrong and where to go from here."""
        return self.render("message.html", status=status, text=text)


Handler = Callable[[Page], Response]
# The page a refused form is answered with: the page the form is on, shown again with what
# the person typed in it, the message saying why, and the answer's status.
Again = Callable[[Page, Typed, str, int], Response]


def signed_in(page: Page) -> None:
    """Who the session cookie stands for, if that session still stands on the server."""
    token = page.request.cookies.get(SESSION_COOKIE)
    if not token:
        raise SignInFirst()
    state = page.base.session_state(token)
    if state.account is None:
        raise SignInFirst(state.ended)
    page.who, page.token, page.lasting = state.account, token, state.lasting
    page.draft = state.draft
    draft_page = state.draft.get("page") if state.draft is not None else None
    if draft_page is not None and page.request.method == "GET" and draft_page != here(page.request):
        # Signing in leads to the draft's page; one who went elsewhere left it behind.
        page.base.keep_draft(token, None)
        page.draft = None
    page.lang = state.account.lang
    page.engine = page.base.acting(state.account.person, state.account.lang)


def keep_session(page: Page, response: Response, token: str, *, lasting: bool) -> Response:
    """Give the browser the session's cookie: for this browser session only, unless the person
    asked to stay signed in; then until the session's end (setting `session-days`)."""
    days = int(page.base.settings()["session-days"])
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=days * 86400 if lasting else None,
        httponly=True,
        samesite="lax",
        secure=bool(page.request.app.state.https),
    )
    return response


def drop_session(response: Response) -> Response:
    response.delete_cookie(SESSION_COOKIE, httponly=True, samesite="lax")
    return response


# A field has room for the longest text plg keeps however it is sent (LONG_TEXT characters of
# up to 4 bytes, each byte written out as %XX in an urlencoded form), and no form of plg's has
# more fields than this: with both, a form holds some 12 MB in memory at most.
_FIELD_BYTES = LONG_TEXT * 4 * 3
_MOST_FIELDS = 200


async def _form(request: Request, base: Engine, part_bytes: int) -> FormData | Response:
    """The posted form, or the page that refuses it (more or longer fields than any form of
    plg's has, or not a form). Its size is kept within the limit by `plg.web.limits`."""
    try:
        return await request.form(max_files=1, max_fields=_MOST_FIELDS, max_part_size=part_bytes)
    except HTTPException:  # how Starlette says that its parser refused the form
        page = Page(request, base, lang=await run_in_threadpool(person_lang, request, base))
        return page.message(400, page.t("web_bad_form"))
    except ClientDisconnect:
        # The browser went away mid-form (a closed tab): no one to answer, nothing to log.
        return Response(status_code=400)


def endpoint(
    handler: Handler,
    *,
    public: bool = False,
    again: Again | None = None,
    part_bytes: int = _FIELD_BYTES,
) -> Callable[[Request], Awaitable[Response]]:
    """A Starlette endpoint that runs `handler` for a signed-in person (or anyone, if
    `public`), with a checked form on POST; a refused form is answered with `again`, if
    given, else with the page it names as `back`. A field of the form holds at most
    `part_bytes` (a form that carries more than people type says so)."""

    async def run(request: Request) -> Response:
        base: Engine = request.app.state.engine
        form = None
        if request.method == "POST":
            parsed = await _form(request, base, part_bytes)
            if isinstance(parsed, Response):
                return parsed
            form = parsed
        try:
            page = Page(request, base, form)
            return await run_in_threadpool(_answer, handler, page, public, again)
        finally:
            if form is not None:
                await form.close()  # an uploaded file waits in a temporary file until then

    return run


def _answer(handler: Handler, page: Page, public: bool, again: Again | None) -> Response:
    page.lang = request_lang(page.request)
    try:
        if not public:
            signed_in(page)
        # After who it is: a form from a session that ended changes nothing either way, and
        # what it holds is given back after signing in (below), token or not.
        if page.form is not None and not csrf_ok(page.request, page.form):
            if again is None or public:
                return page.message(403, page.t("web_csrf"))
            # The person is signed in, on a page older than their last sign-in: nothing is
            # done, and what they typed is given back on a page with a token that holds.
            return _again(again, page, page.form, page.t("web_csrf_again"), 403)
        return handler(page)
    except SignInFirst as leave:
        if leave.why:
            page.flash("error", page.t(leave.why))
        return drop_session(_sign_in_first(page))
    except PlgError as error:
        text = error_text(error, page.lang)
        if page.form is None:
            return page.message(_status(error), text)
        if again is not None:
            return _again(again, page, page.form, text, _status(error))
        # A refused change: back to the page it came from, which says why; nothing changed.
        page.flash("error", text)
        return page.redirect(local_path(page.field("back") or None))


def _again(again: Again, page: Page, form: FormData, text: str, status: int) -> Response:
    """The page the refused form is on, at once (a redirect would lose what was typed); or,
    where that page cannot be shown (the team out of sight), one that says why."""
    try:
        return again(page, Typed.sent(form.multi_items()), text, status)
    except PlgError:
        return page.message(status, text)


def _sign_in_first(page: Page) -> Response:
    """To the sign-in page, and from there back here. A form sent after the session ended is
    not lost: the sign-in page carries what it held, to give back on the page it came from."""
    if page.form is None:
        return page.redirect(f"/sign-in?{urlencode({'next': here(page.request)})}")
    page.flash("error", page.t("web_sign_in_keeps"))
    back = local_path(page.field("back") or None)
    return sign_in_page(page, 401, back, page.field(BY), carried(back, page.form.multi_items()))


def _status(error: PlgError) -> int:
    if isinstance(error, NotFound):
        return 404
    if isinstance(error, Conflict):
        return 409
    return 403 if isinstance(error, Refused) else 400

"""The web application of `plg serve`: Starlette, on the same engine and database as the
command line.

Nothing is kept in the process between requests: who is signed in travels in a signed cookie,
and the key that signs it, the accounts and the failed sign-ins are in the database. So any
number of workers, on one PostgreSQL database, answer alike.
"""

from __future__ import annotations

import os
from functools import cache
from importlib.resources import files

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from plg.engine.engine import Engine
from plg.web import actions, admin_routes, pages, school, signin, staff
from plg.web.context import Handler, Page, endpoint, person_lang, request_lang
from plg.web.limits import BodyLimit

# No scripts at all, styles and images only from this site, forms only to this site, and no
# framing by another: text a person typed can never run as code in someone else's browser.
_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'"
)
_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cache-control", b"no-store"),
]


class SecurityHeaders:
    """The headers every answer carries; a page with a policy of its own (the export) keeps it."""

    def __init__(self, app: ASGIApp, *, https: bool = False) -> None:
        self.app = app
        # Over HTTPS, browsers are told to come back over HTTPS only, for a year.
        strict = [(b"strict-transport-security", b"max-age=31536000")] if https else []
        self.headers = _HEADERS + strict

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                if b"content-security-policy" not in names:
                    headers.append((b"content-security-policy", _POLICY.encode()))
                headers.extend(self.headers)
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


@cache
def _style_sheet() -> str:
    """The printed documents' style, then the web page's own: one look for both."""
    printed = files("plg.present").joinpath("templates/_style.html").read_text(encoding="utf-8")
    shared = printed.partition("<style>")[2].rpartition("</style>")[0]
    return shared + files("plg.web").joinpath("style.css").read_text(encoding="utf-8")


async def _style(request: Request) -> Response:
    return Response(
        _style_sheet(), media_type="text/css", headers={"Cache-Control": "max-age=3600"}
    )


async def _not_found(request: Request, exc: Exception) -> Response:
    """No such page, or not for this method (a form's address, asked for with GET): a page
    that says so and leads on, not a bare text; in the language of the person signed in."""
    base = request.app.state.engine
    page = Page(request, base, lang=await run_in_threadpool(person_lang, request, base))
    return page.message(getattr(exc, "status_code", 404), page.t("web_page_unknown"))


async def _broken(request: Request, exc: Exception) -> Response:
    """A fault in plg itself: a page that says so, not a traceback."""
    page = Page(request, request.app.state.engine, lang=request_lang(request))
    return page.message(500, page.t("web_server_fault"))


def _team_form(form: str, action: Handler) -> Route:
    """A form of the team page: one refused is answered with the team page, typed values kept."""
    run = endpoint(action, again=pages.team_again)
    return Route(f"/{form}/{{name:path}}", run, methods=["POST"])


ROUTES = [
    Route("/", endpoint(signin.home)),
    Route("/style.css", _style),
    Route("/sign-in", endpoint(signin.sign_in_form, public=True)),
    Route("/sign-in", endpoint(signin.sign_in, public=True), methods=["POST"]),
    Route("/sign-out", endpoint(signin.sign_out, public=True), methods=["POST"]),
    Route("/language", endpoint(signin.language), methods=["POST"]),
    Route("/account", endpoint(signin.account)),
    Route("/account", endpoint(signin.change_password), methods=["POST"]),
    Route("/teams", endpoint(pages.my_teams)),
    Route("/dashboard", endpoint(pages.dashboard)),
    Route("/methods", endpoint(pages.methods)),
    Route("/methods/{method_id}", endpoint(pages.method)),
    Route("/team/{name:path}", endpoint(pages.team)),
    Route("/export/{name:path}", endpoint(pages.export)),
    Route("/file/{category}/{rid:int}/{name:path}", endpoint(pages.download)),
    Route("/advance/{name:path}", endpoint(pages.confirm_move)),
    Route(
        "/advance/{name:path}",
        endpoint(actions.advance, again=pages.confirm_again),
        methods=["POST"],
    ),
    _team_form("checklist", actions.checklist),
    _team_form("approve", actions.approve),
    Route("/school/{name:path}", endpoint(school.school)),
    Route(
        "/school-hours/{name:path}",
        endpoint(school.approve_hours, again=school.school_again),
        methods=["POST"],
    ),
    _team_form("record", actions.record),
    _team_form("meeting", actions.meeting),
    _team_form("hypothesis", actions.hypothesis),
    _team_form("charter", actions.charter),
    _team_form("pupil", actions.pupil),
    _team_form("mend", actions.mend),
    Route("/purge/{name:path}", endpoint(pages.confirm_purge)),
    Route("/purge/{name:path}", endpoint(actions.purge), methods=["POST"]),
    _team_form("meeting-edit", actions.meeting_edit),
    Route(staff.ADDRESS, endpoint(staff.upload_form)),
    Route(staff.ADDRESS, endpoint(staff.preview, again=staff.again), methods=["POST"]),
    Route(
        f"{staff.ADDRESS}/confirm",
        endpoint(staff.confirm, again=staff.again, part_bytes=staff.ROWS_BYTES),
        methods=["POST"],
    ),
    *admin_routes.ROUTES,
]


def create_app(engine: Engine, *, https: bool = False) -> Starlette:
    """The web application on `engine`'s database; `https` marks the session cookie Secure
    (set it when a proxy in front serves the pages over HTTPS)."""
    app = Starlette(
        routes=ROUTES,
        middleware=[
            Middleware(SecurityHeaders, https=https),
            # What a browser carries between two pages: the forms' token, messages for the
            # next page, the language before signing in. Who is signed in is in the database
            # (plg.engine.sessions), under a cookie of its own.
            Middleware(
                SessionMiddleware,
                secret_key=engine.web_secret(),
                session_cookie="plg_session",
                max_age=None,
                same_site="lax",
                https_only=https,
            ),
            # Inside the session: the page that refuses a body speaks the person's language.
            Middleware(BodyLimit, engine=engine),
        ],
        exception_handlers={404: _not_found, 405: _not_found, 500: _broken},
    )
    app.state.engine = engine
    app.state.https = https
    return app


def from_environment() -> Starlette:
    """The app for uvicorn's workers, each a process of its own: the database and options
    come from the environment that `plg serve` set."""
    engine = Engine(os.environ.get("PLG_DATABASE_URL") or None, actor="plg serve")
    return create_app(engine, https=os.environ.get("PLG_SERVE_HTTPS") == "1")

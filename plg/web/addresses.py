"""The addresses of the web page's own places: a team's page, this request's path, and where to
go after signing in (never another site)."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request


def quoted(text: str) -> str:
    return quote(text, safe="")


def team_url(name: str, where: str = "team") -> str:
    """The address of a team's page (or of one of its actions): its name, every character
    that could end the path or start a query written out."""
    return f"/{where}/{quoted(name)}"


def here(request: Request) -> str:
    """The path of this request as it was sent, its characters still written out (a team's
    name may hold '?', '#' or '/', which must not end the path when it is used again), and
    its query: a dashboard's filters come back with it."""
    raw = request.scope.get("raw_path")
    path = raw.decode("ascii", "replace") if raw else quote(request.url.path)
    query = request.scope.get("query_string", b"").decode("ascii", "replace")
    return f"{path}?{query}" if query else path


def local_path(target: str | None) -> str:
    """Where to go after signing in: a path on this site, never another site."""
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return "/teams"

"""A form sent after its session ended is not lost: the sign-in page carries what it held, and
the page it came from gives it back, once, to the person who typed it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from starlette.responses import Response

from plg.web.addresses import here, local_path
from plg.web.typed import Typed

if TYPE_CHECKING:
    from collections.abc import Iterable

    from plg.web.context import Page

# The hidden field of every form of a team that names who the page was for.
BY = "by"

# The most a carried form may hold, written as JSON: the largest form of plg's (the charter,
# each answer at its longest) with room to spare.
_DRAFT_CHARS = 200_000

# Form fields never kept for later: the token, and passwords.
_NOT_KEPT = frozenset({"csrf", "back", "password", "current", "new", "again"})


def carried(back: str, pairs: Iterable[tuple[str, object]]) -> dict[str, Any] | None:
    """What a form held, to carry through signing in: no more than any form of plg's holds, so
    that what is carried (in the page, then in the session) costs what a real form does."""
    fields: dict[str, list[str]] = {}
    for name, value in pairs:
        # Empty ones too: a field the person emptied is a change of theirs.
        if isinstance(value, str) and name not in _NOT_KEPT:
            fields.setdefault(name, []).append(value)
    if not fields or len(json.dumps(fields)) > _DRAFT_CHARS:
        return None
    return {"page": back, "fields": fields}


def sign_in_page(
    page: Page,
    status: int,
    target: str,
    name: str,
    draft: dict[str, Any] | None = None,
    *,
    stay: bool = False,
) -> Response:
    """The sign-in form, to go on to `target`; carrying `draft` (a form's fields and its page)
    if a form was sent after its session ended."""
    return page.render(
        "sign_in.html",
        status=status,
        next=target,
        name=name,
        stay=stay,
        keep_path=draft["page"] if draft else "",
        kept=draft["fields"] if draft else {},
    )


def draft_of(page: Page) -> dict[str, Any] | None:
    """What the sign-in form carried of a form sent after its session ended, and the page
    (`keep_path`) the form was on."""
    if page.form is None or not page.field("keep_path"):
        return None
    kept = [
        (name.removeprefix("keep:"), value)
        for name, value in page.form.multi_items()
        if name.startswith("keep:")
    ]
    return carried(local_path(page.field("keep_path")), kept)


def draft_for(draft: dict[str, Any] | None, person: str) -> dict[str, Any] | None:
    """The draft, if it is `person`'s own: on a computer people share, what one typed is never
    put into the page of whoever signs in after them."""
    return draft if draft is not None and draft["fields"].get(BY) == [person] else None


def draft_here(page: Page) -> Typed | None:
    """What the person had typed in a form of this page when their session ended, kept
    through signing in; given back once."""
    draft = page.draft
    if draft is None or page.token is None or draft.get("page") != here(page.request):
        return None
    page.base.keep_draft(page.token, None)
    fields = draft.get("fields", {})
    return Typed.sent((key, value) for key, values in fields.items() for value in values)

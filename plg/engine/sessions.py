"""Signed-in sessions of the web page, kept in the database: signing out, a new password or a
removed account ends them on the server, whatever copy of a cookie is still about. Part of the
engine (its `Engine` is a `WebSessions`).

The cookie carries a random token; the table keeps only its hash, so that reading the table
lets no one in.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from plg.engine import roles
from plg.engine.accounts import AccountView, account_view
from plg.engine.base import EngineBase
from plg.errors import Refused
from plg.storage import accounts as account_store
from plg.storage.models import Account, WebSession
from plg.texts import N_

# How stale the record of a session's last use may be: writing it on every page would take
# the database's write lock for every page anyone reads.
SEEN_EVERY = timedelta(minutes=5)


@dataclass(frozen=True)
class SessionState:
    """Who a session's token stands for, or why it stands for no one (`ended`: a message key)."""

    account: AccountView | None
    ended: str | None = None
    lasting: bool = False
    draft: dict[str, Any] | None = None


def token_key(token: str) -> str:
    """What the table keeps of a token: its hash."""
    return hashlib.sha256(token.encode("utf-8", "replace")).hexdigest()


class WebSessions(EngineBase):
    def open_session(
        self,
        person: str,
        *,
        since: datetime,
        lasting: bool = False,
        draft: dict[str, Any] | None = None,
    ) -> str:
        """A new session for `person`, who proved their password at `since`; its token, for
        the cookie. `lasting`: the person asked to stay signed in when the browser closes;
        `draft`: what a form held when the session before ended, to give back. Refused if the
        account was removed or changed (a new password) since: its sessions have ended."""
        token = secrets.token_urlsafe(32)

        def store(session: Session) -> None:
            now = self.clock()
            account = session.get(Account, person, with_for_update=True)
            if account is None or account.changed_at > since:
                raise Refused("sign_in_failed")
            # Sessions past their last day go as new ones come: the table keeps no dead.
            days = timedelta(days=int(roles.setting(session, "session-days")))
            account_store.end_sessions_started_by(session, now - days)
            session.add(
                WebSession(
                    id=token_key(token),
                    person=person,
                    started_at=now,
                    seen_at=now,
                    lasting=lasting,
                    draft=draft,
                )
            )

        self._write(store)
        return token

    def session_state(self, token: str) -> SessionState:
        """Who the session stands for, if it still stands: not signed out, its account not
        removed nor its password changed since, not idle longer than `session-hours` (unless
        the person asked to stay signed in) nor older than `session-days`."""
        now = self.clock()
        with self._session() as session:
            found = session.get(WebSession, token_key(token))
            if found is None:
                return SessionState(None, N_("web_signed_out"))
            limits = roles.settings(session)
            idle = timedelta(hours=int(limits["session-hours"]))
            ended = None
            if found.started_at + timedelta(days=int(limits["session-days"])) <= now:
                ended = N_("web_session_too_old")
            elif not found.lasting and found.seen_at + idle <= now:
                ended = N_("web_session_expired")
            if ended is not None:
                account = None
            else:
                account = account_view(session, session.get_one(Account, found.person))
            state = SessionState(account, None, found.lasting, found.draft)
            seen = found.seen_at
        if ended is not None:
            self.end_session(token)
            return SessionState(None, ended)
        if now - seen >= SEEN_EVERY:
            self._write(lambda session: self._seen(session, token, now))
        return state

    def _seen(self, session: Session, token: str, now: datetime) -> None:
        found = session.get(WebSession, token_key(token))
        if found is not None:
            found.seen_at = now

    def end_session(self, token: str) -> None:
        """Sign the session out; nothing happens if it has ended already."""

        self._write(lambda session: account_store.end_session(session, token_key(token)))

    def keep_draft(self, token: str, draft: dict[str, Any] | None) -> None:
        """What a form held, kept with the session until the page it came from shows it."""

        def store(session: Session) -> None:
            found = session.get(WebSession, token_key(token))
            if found is not None:
                found.draft = draft

        self._write(store)

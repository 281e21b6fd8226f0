"""Invitations to the web page: a project leader hands a person a one-time link, and the person
sets their own password there. A reset is a new invitation: the old password stops working.
Part of the engine (its `Engine` is an `Invitations`).

The link carries a random token; the table keeps only its hash (as for web sessions), so that
reading the table lets no one in. A link holds for `invite-days` days, once.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from plg.engine import passwords, roles
from plg.engine.accounts import AccountView, account_lang, account_view
from plg.engine.base import EngineBase
from plg.engine.inputs import clean
from plg.engine.sessions import token_key
from plg.errors import NotFound, Refused
from plg.storage import accounts as account_store
from plg.storage import people as people_store
from plg.storage.models import Account, Invitation

# The password hash of an account whose person has not chosen a password yet: it is no hash,
# so no password matches it.
NO_PASSWORD = "-"

# Where an invitation's link leads on the web page: this, then the token.
INVITATION_PATH = "/invitation/"

# A token is 43 characters; anything much longer is no token of plg's, and is not looked up.
_TOKEN_CHARS = 100


@dataclass(frozen=True)
class InvitationView:
    """A new invitation: the token of its link (shown once, never stored) and its last moment."""

    person: str
    token: str
    expires_at: datetime

    def link(self, base: str) -> str:
        """The link to hand on, on the web page at address `base`."""
        return f"{base.rstrip('/')}{INVITATION_PATH}{self.token}"

    def to_json(self, base: str) -> dict[str, Any]:
        return {"person": self.person, "link": self.link(base), "expires_at": self.expires_at}


@dataclass(frozen=True)
class AccountStatus:
    """An account as a project leader looks after it: whether its person chose a password, and
    until when their invitation's link holds, if one does."""

    account: AccountView
    has_password: bool
    invited_until: datetime | None

    def to_json(self) -> dict[str, Any]:
        return {
            **self.account.to_json(),
            "password": self.has_password,
            "invited_until": self.invited_until,
        }


class Invitations(EngineBase):
    def invite_user(self, person: str, lang: str = "nl") -> InvitationView:
        """An account for `person`, who chooses its password through the invitation's link.
        Someone invited before who has not chosen one yet gets a new link (the old one is
        void); someone who has a password is reset instead (`reset_user`)."""
        person = clean(person, 200, "person_invalid")
        language = account_lang(lang)
        token = secrets.token_urlsafe(32)

        def store(session: Session) -> InvitationView:
            if not people_store.is_known(session, person):
                raise NotFound("user_not_a_person", person=person)
            account = session.get(Account, person, with_for_update=True)
            if account is None:
                session.add(
                    Account(
                        person=person,
                        password_hash=NO_PASSWORD,
                        lang=language,
                        changed_at=self.clock(),
                    )
                )
                session.flush()
            elif account.password_hash != NO_PASSWORD:
                raise Refused("user_exists", person=person)
            return self._invitation(session, person, token)

        return self._foundation_change("organisation", store)

    def reset_user(self, person: str) -> InvitationView:
        """A new invitation for someone with an account: their password stops working now and
        their sessions end; they choose a new one through the link."""
        person = person.strip()
        token = secrets.token_urlsafe(32)

        def store(session: Session) -> InvitationView:
            account = session.get(Account, person, with_for_update=True)
            if account is None:
                raise NotFound("user_unknown", person=person)
            account.password_hash = NO_PASSWORD
            account.changed_at = self.clock()
            account_store.end_sessions_of(session, person)
            return self._invitation(session, person, token)

        return self._foundation_change("organisation", store)

    def _invitation(self, session: Session, person: str, token: str) -> InvitationView:
        now = self.clock()
        expires = now + timedelta(days=int(roles.setting(session, "invite-days")))
        account_store.drop_invitations_of(session, person)
        session.add(
            Invitation(
                id=token_key(token), person=person, made_at=now, expires_at=expires, used_at=None
            )
        )
        return InvitationView(person, token, expires)

    def invited(self, token: str) -> AccountView:
        """The account whose invitation's link this is, if the link still holds; else why not."""
        with self._session() as session:
            person = self._holding(session, token).person
            return account_view(session, session.get_one(Account, person))

    def accept_invitation(self, token: str, password: str) -> AccountView:
        """The password the invited person chose: the link is used up, and every session of
        theirs from before ends."""
        hashed = passwords.hash_password(password)  # before the transaction: it takes a while

        def store(session: Session) -> AccountView:
            found = self._holding(session, token, lock=True)
            now = self.clock()
            found.used_at = now
            account = session.get_one(Account, found.person, with_for_update=True)
            account.password_hash = hashed
            account.changed_at = now
            account_store.end_sessions_of(session, found.person)
            session.flush()
            return account_view(session, account)

        return self._write(store)

    def _holding(self, session: Session, token: str, *, lock: bool = False) -> Invitation:
        found = None
        if 0 < len(token) <= _TOKEN_CHARS:
            found = session.get(Invitation, token_key(token), with_for_update=lock)
        if found is None:
            raise NotFound("invitation_unknown")
        if found.used_at is not None:
            raise Refused("invitation_used")
        if found.expires_at <= self.clock():
            raise Refused("invitation_expired")
        return found

    def account_statuses(self) -> list[AccountStatus]:
        """Every account, by person, with whether a password was chosen and the invitation
        that still holds."""
        with self._session() as session:
            invited = account_store.open_invitations(session, self.clock())
            return [
                AccountStatus(
                    account_view(session, account),
                    account.password_hash != NO_PASSWORD,
                    invited.get(account.person),
                )
                for account in account_store.accounts(session)
            ]
